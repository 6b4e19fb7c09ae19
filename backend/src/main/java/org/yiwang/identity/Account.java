package org.yiwang.identity;

import java.time.LocalDateTime;

/** An account row; identity and phone numbers stay encrypted here. */
record Account(long id, String username, String kind, String displayName, String idType, String idNumberEnc,
        String phoneEnc, String emailEnc, String regionCode, Long agencyId, String passwordHash, int failedLogins,
        LocalDateTime lockedUntil, boolean enabled, boolean mustChangePassword) {
}
