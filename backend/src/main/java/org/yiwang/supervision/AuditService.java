package org.yiwang.supervision;

import java.time.Clock;
import java.time.LocalDateTime;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;

/** The audit trail (审计日志). Entries are only ever appended. */
@Service
public class AuditService {

    private final AuditMapper mapper;
    private final Clock clock;

    AuditService(AuditMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    public record Event(Long actorId, String actor, String action, String target, String detail, String address,
            String regionCode) {
    }

    /**
     * Records an event in its own transaction, so that refused logins and denied requests stay recorded
     * even though the request that caused them fails.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(Event e) {
        // Targets and actors may come from what a client typed (a path, a login name): cut to the columns.
        mapper.insert(LocalDateTime.now(clock), e.actorId(), cut(e.actor(), 64), e.action(), cut(e.target(), 128),
                cut(e.detail(), 1000), cut(e.address(), 64), e.regionCode());
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /** Entries whose region lies within {@code regionCode} (region codes nest by prefix in Hainan). */
    public PageResult<AuditEntry> find(String regionCode, String action, String actor, Paging paging) {
        return paging.result(mapper.find(regionCode, action, actor, paging.offset(), paging.size()),
                mapper.count(regionCode, action, actor));
    }
}
