package org.yiwang.identity;

import java.util.List;

/**
 * Roles and the permissions they grant. Controllers check permissions, never role names, so that a role can
 * be redefined here without touching a route. Duties are separate (三权分立): system administration manages
 * accounts and roles only, item administration the catalogue and process models, the auditor reads the audit
 * log only; case data is read by the business roles (受理 … 监察) alone.
 */
public enum Role {
    APPLICANT("申请人", "application:apply", "application:read-own", "evaluation:rate", "push:subscribe"),
    /** Agency clerks who receive cases also sign and handle the 12345 tickets dispatched to their agency. */
    ACCEPT("受理", "task:work", "application:accept", "hotline:handle"),
    REVIEW("审查", "task:work", "application:review"),
    APPROVE("审批", "task:work", "application:approve"),
    HEAD("机关负责人", "task:work", "application:approve", "application:extend"),
    SUPERVISE("监察", "task:supervise", "audit:read", "supervision:read", "hotline:supervise"),
    /** 12345 话务员: takes calls, records tickets, answers from the knowledge base. */
    HOTLINE_OPERATOR("12345话务员", "hotline:intake"),
    /** 12345 派单员: routes tickets by the duty list, decides returns, extensions and duplicates. */
    HOTLINE_DISPATCHER("12345派单员", "hotline:intake", "hotline:dispatch"),
    ITEM_ADMIN("事项管理员", "item:edit", "model:edit", "model:deploy"),
    SYS_ADMIN("系统管理员", "staff:manage"),
    AUDITOR("审计员", "audit:read"),
    /** Operations staff: the actuator's metrics and info (health is public). */
    OPS("运维监控", ActuatorAccess.PERMISSION);

    private final String label;
    private final List<String> permissions;

    Role(String label, String... permissions) {
        this.label = label;
        this.permissions = List.of(permissions);
    }

    public String label() {
        return label;
    }

    public List<String> permissions() {
        return permissions;
    }

    /** Roles that handle or supervise cases and so may read their data (applications, materials, licences). */
    public boolean readsCases() {
        return this == ACCEPT || this == REVIEW || this == APPROVE || this == HEAD || this == SUPERVISE;
    }

    /** Roles a staff account may hold (an applicant's role comes with the account kind). */
    public boolean isStaffRole() {
        return this != APPLICANT;
    }
}
