package org.yiwang.audit;

import java.time.LocalDateTime;

/** One line of the append-only audit trail: who did what, when, from where. */
public record AuditEntry(long id, LocalDateTime at, Long actorId, String actor, String action, String target,
        String detail, String address, String regionCode) {
}
