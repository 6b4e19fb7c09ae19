package org.yiwang.application;

import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.Role;

/** Who did a step, as the timeline shows it. */
public record Actor(Long accountId, String name, String role, String agencyName) {

    public static final Actor SYSTEM = new Actor(null, "系统", null, null);

    public static Actor of(CurrentUser user, Role role) {
        return new Actor(user.accountId(), user.displayName(), role == null ? null : role.label(), user.agencyName());
    }
}
