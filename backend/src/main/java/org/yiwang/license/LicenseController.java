package org.yiwang.license;

import org.apache.shiro.authz.annotation.RequiresAuthentication;
import org.apache.shiro.authz.annotation.RequiresPermissions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.common.ApiException;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.common.Public;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

@RestController
@RequestMapping("/api/v1/licenses")
@Tag(name = "licenses", description = "电子证照：公开核验，持证人与主管人员下载")
class LicenseController {

    private final LicenseService licenses;
    private final ApplicationEventPublisher events;

    LicenseController(LicenseService licenses, ApplicationEventPublisher events) {
        this.licenses = licenses;
        this.events = events;
    }

    @GetMapping("/verify")
    @Public
    @Operation(summary = "Is this e-licence genuine? By the verification code printed on it and in its QR code",
            description = "电子证照公开核验（无需登录）：16 位核验码；答复是否有效、证照编号、持证人（脱敏）、事项、发证机关、"
                    + "发证日期与有效期。未知的核验码答复 valid=false、status=UNKNOWN")
    LicenseService.Verification verify(@RequestParam String code, HttpServletRequest http) {
        return licenses.verify(code, http.getRemoteAddr());
    }

    @GetMapping
    @RequiresPermissions("application:read-own")
    @Operation(summary = "我的证照: the caller's own e-licences, newest first, valid or not",
            description = "持证人的电子证照（证照名称、持证人、地址、许可范围、发证机关、有效期、状态 VALID/EXPIRED/REVOKED）。"
                    + "须带 mine=true；分页 page 从 1 起，size 1–100")
    PageResult<LicenseService.Held> mine(@RequestParam(required = false) Boolean mine,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        if (!Boolean.TRUE.equals(mine)) {
            throw ApiException.badParameter("mine", "只能列出自己的电子证照：mine=true");
        }
        return licenses.mine(Paging.of(page, size));
    }

    @GetMapping("/{no}/pdf")
    @RequiresAuthentication
    @Operation(summary = "The e-licence as a PDF, for its holder and for staff whose scope covers it; reading it changes nothing")
    ResponseEntity<byte[]> pdf(@PathVariable String no) {
        LicenseService.Download d = licenses.pdf(no);
        if (!d.byHolder()) {
            events.publishEvent(new LicenseEvents.ReadByStaff(d.license().applicationId(), d.license().licenseNo()));
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(d.license().licenseNo() + ".pdf").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(d.pdf());
    }

    @PostMapping("/{no}/receipt")
    @RequiresPermissions("application:read-own")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "The holder received the e-licence (电子送达): the application becomes DELIVERED, once",
            description = "持证人确认收到电子证照（门户“下载电子证照”时发送）；重复确认不再改变状态。非持证人答复 404")
    void receipt(@PathVariable String no) {
        events.publishEvent(new LicenseEvents.Received(licenses.heldByCaller(no).applicationId()));
    }
}
