package org.yiwang.identity;

import java.io.Serial;
import java.io.Serializable;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is calling: kept in the session as the Shiro principal. Region and agency define the data scope:
 * applicants see their own records, clerks their agency's cases, supervisors their region's; administrators
 * manage what lies in their region's subtree.
 */
public record CurrentUser(long accountId, String username, String displayName, Kind kind, Long agencyId,
        String agencyName, String regionCode, Set<Role> roles) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public enum Kind {
        APPLICANT, STAFF
    }

    public boolean isApplicant() {
        return kind == Kind.APPLICANT;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Supervisors see every case in their region's subtree. */
    public boolean seesRegion() {
        return has(Role.SUPERVISE);
    }

    /** Staff who may read case data at all: administrators and auditors do not, whatever their agency. */
    public boolean readsCases() {
        return roles.stream().anyMatch(Role::readsCases);
    }

    public Set<String> permissions() {
        Set<String> permissions = new TreeSet<>();
        roles.forEach(r -> permissions.addAll(r.permissions()));
        return permissions;
    }
}
