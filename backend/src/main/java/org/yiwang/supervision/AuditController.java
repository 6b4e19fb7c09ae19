package org.yiwang.supervision;

import org.apache.shiro.authz.annotation.RequiresPermissions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.audit.AuditEntry;
import org.yiwang.audit.AuditService;
import org.yiwang.identity.IdentityService;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "audit", description = "审计日志")
class AuditController {

    private final AuditService audit;
    private final IdentityService identity;

    AuditController(AuditService audit, IdentityService identity) {
        this.audit = audit;
        this.identity = identity;
    }

    @GetMapping
    @RequiresPermissions("audit:read")
    @Operation(summary = "Audit entries within the caller's region, newest first")
    PageResult<AuditEntry> find(@RequestParam(required = false) String action, @RequestParam(required = false) String actor,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return audit.find(identity.current().regionCode(), blankToNull(action), blankToNull(actor), Paging.of(page, size));
    }

    @GetMapping("/verify")
    @RequiresPermissions("audit:read")
    @Operation(summary = "Walk the tamper-evident audit chain and name the first row that does not link (审计日志完整性校验)")
    AuditService.Verification verify() {
        return audit.verify();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
