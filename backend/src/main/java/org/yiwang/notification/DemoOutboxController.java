package org.yiwang.notification;

import java.util.List;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.common.Public;
import org.yiwang.identity.IdentityService;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/** Only in the demo profile; guarded by the demo password rather than an account, as the demo's Open311 key is. */
@RestController
@Profile("demo")
@Tag(name = "demo", description = "演示环境")
class DemoOutboxController {

    private final DemoOutbox outbox;

    DemoOutboxController(DemoOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/api/v1/demo/outbox")
    @Public
    @Operation(summary = "Demo only: the text messages the demo would have sent to a mobile number, newest first")
    List<DemoOutbox.Sms> sentTo(@RequestParam(required = false) String phone,
            @RequestHeader(name = "X-Demo-Password", required = false) String password, HttpServletRequest request) {
        return outbox.sentTo(phone, password, IdentityService.addressOf(request));
    }
}
