package org.yiwang.identity;

import org.apache.shiro.authz.annotation.RequiresAuthentication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.common.Public;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "auth", description = "统一身份认证")
class AuthController {

    private final IdentityService identity;
    private final PasswordResetService resets;

    AuthController(IdentityService identity, PasswordResetService resets) {
        this.identity = identity;
        this.resets = resets;
    }

    @PostMapping("/login")
    @Public
    @Operation(summary = "Log in with a login name or identity number; the answer carries the CSRF token")
    IdentityService.Me login(@RequestBody IdentityService.LoginRequest request, HttpServletRequest http) {
        return identity.login(request, http);
    }

    @PostMapping("/register")
    @Public
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "An applicant creates their one account with a 居民身份证号 or 统一社会信用代码")
    IdentityService.Me register(@RequestBody IdentityService.Registration registration, HttpServletRequest http) {
        return identity.register(registration, http);
    }

    @GetMapping("/me")
    @RequiresAuthentication
    @Operation(summary = "Who is logged in, what they may do, and the CSRF token")
    IdentityService.Me me() {
        return identity.me();
    }

    @PostMapping("/logout")
    @RequiresAuthentication
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(HttpServletRequest http) {
        identity.logout(http);
    }

    record ResetRequest(String account) {
    }

    record ResetRequested(String message) {
    }

    @PostMapping("/password-reset")
    @Public
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "忘记密码: sends a single-use reset link to the account's e-mail or mobile; the same answer for any account")
    ResetRequested requestReset(@RequestBody ResetRequest request, HttpServletRequest http) {
        resets.request(request.account(), IdentityService.clientAddress(http));
        return new ResetRequested("如该账户存在并登记了电子邮箱或手机号码，重置链接已发送，30 分钟内有效");
    }

    record ResetConfirmation(String token, String newPassword) {
    }

    @PostMapping("/password-reset/confirm")
    @Public
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Sets a new password with a reset link's token; every session of the account ends")
    void confirmReset(@RequestBody ResetConfirmation confirmation, HttpServletRequest http) {
        resets.reset(confirmation.token(), confirmation.newPassword(), IdentityService.clientAddress(http));
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }

    @PostMapping("/password")
    @RequiresAuthentication
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(@RequestBody PasswordChange change, HttpServletRequest http) {
        identity.changePassword(change.currentPassword(), change.newPassword(), http);
    }
}
