package org.yiwang.identity;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import org.apache.ibatis.annotations.AutomapConstructor;

/** A staff account as administrators see it. */
public record StaffMember(long id, String username, String displayName, long agencyId, String agencyName,
        String regionCode, List<String> roles, boolean enabled, LocalDateTime lockedUntil) {

    /** Rows carry the roles as one comma-separated column. */
    @AutomapConstructor
    StaffMember(long id, String username, String displayName, long agencyId, String agencyName, String regionCode,
            String roleList, boolean enabled, LocalDateTime lockedUntil) {
        this(id, username, displayName, agencyId, agencyName, regionCode,
                roleList == null ? List.of() : Arrays.stream(roleList.split(",")).sorted().toList(), enabled, lockedUntil);
    }
}
