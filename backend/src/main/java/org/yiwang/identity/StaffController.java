package org.yiwang.identity;

import java.util.List;
import java.util.Map;

import org.apache.shiro.authz.annotation.RequiresPermissions;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

@RestController
@RequestMapping("/api/v1/admin/staff")
@RequiresPermissions("staff:manage")
@Tag(name = "admin: staff", description = "工作人员、角色与账户管理")
class StaffController {

    private final StaffService staff;

    StaffController(StaffService staff) {
        this.staff = staff;
    }

    @GetMapping
    PageResult<StaffMember> list(@RequestParam(required = false) Long agencyId, @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return staff.list(agencyId, q, Paging.of(page, size));
    }

    @GetMapping("/roles")
    @Operation(summary = "The roles staff can hold, with their permissions")
    List<Map<String, Object>> roles() {
        return java.util.Arrays.stream(Role.values()).filter(Role::isStaffRole)
                .map(r -> Map.<String, Object>of("role", r.name(), "label", r.label(), "permissions", r.permissions()))
                .toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    StaffMember create(@RequestBody StaffService.NewStaff member, HttpServletRequest http) {
        return staff.create(member, http);
    }

    record Roles(List<String> roles) {
    }

    @PutMapping("/{id}/roles")
    StaffMember roles(@PathVariable long id, @RequestBody Roles roles, HttpServletRequest http) {
        return staff.setRoles(id, roles.roles(), http);
    }

    @PostMapping("/{id}/unlock")
    StaffMember unlock(@PathVariable long id, HttpServletRequest http) {
        return staff.unlock(id, http);
    }

    record NewPassword(String password) {
    }

    @PostMapping("/{id}/reset-password")
    StaffMember resetPassword(@PathVariable long id, @RequestBody NewPassword password, HttpServletRequest http) {
        return staff.resetPassword(id, password.password(), http);
    }

    @PostMapping("/{id}/disable")
    StaffMember disable(@PathVariable long id, HttpServletRequest http) {
        return staff.setEnabled(id, false, http);
    }

    @PostMapping("/{id}/enable")
    StaffMember enable(@PathVariable long id, HttpServletRequest http) {
        return staff.setEnabled(id, true, http);
    }
}
