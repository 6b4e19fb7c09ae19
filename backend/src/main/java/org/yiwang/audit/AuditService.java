package org.yiwang.audit;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.common.Transactions;

/**
 * The audit trail (审计日志). Entries are only ever appended, each linked to the one before by a keyed hash
 * ({@link AuditChain}), so that a changed, removed or inserted row shows in {@link #verify()}.
 */
@Service
public class AuditService {

    /** Rows read per round trip while verifying. */
    private static final int VERIFY_PAGE = 1000;

    private final AuditMapper mapper;
    private final AuditChain chain;
    private final Clock clock;
    private final Transactions transactions;

    AuditService(AuditMapper mapper, AuditChain chain, Clock clock, Transactions transactions) {
        this.mapper = mapper;
        this.chain = chain;
        this.clock = clock;
        this.transactions = transactions;
    }

    public record Event(Long actorId, String actor, String action, String target, String detail, String address,
            String regionCode) {
    }

    /**
     * Records an event in its own transaction, so that refused logins and denied requests stay recorded
     * even though the request that caused them fails. Every append takes the chain's head row: two at once on two
     * database nodes of a cluster fail certification as a deadlock, and the loser appends again.
     */
    public void record(Event e) {
        transactions.separatelyRetryingDeadlocks(() -> {
            append(e);
            return null;
        });
    }

    /**
     * Records what a member of staff did with a case — read its personal data (查看办件, 下载材料, 下载证照) or
     * decided on it (受理, 准予许可 …) — from the current request's client address. It joins the caller's
     * transaction, if any, so an act that fails or is retried leaves no row or one row, and the log never shows a
     * decision that did not happen. Call it as the transaction's last statement: it holds the chain's head row
     * until commit, and any other append in between, even in a transaction of its own, would wait for it. Outside
     * a transaction it takes one of its own, retried as {@link #record} is.
     */
    public void recordCaseAct(long actorId, String actor, String action, String applicationNo, String detail,
            String regionCode) {
        Event e = new Event(actorId, actor, action, applicationNo, detail, requestAddress(), regionCode);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            append(e);
        } else {
            transactions.retryingDeadlocks(() -> append(e));
        }
    }

    private void append(Event e) {
        AuditMapper.Head head = mapper.lockHead();
        // Targets and actors may come from what a client typed (a path, a login name): cut to the columns.
        AuditChain.Row row = new AuditChain.Row(head.seq() + 1, LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS),
                e.actorId(), cut(e.actor(), 64), e.action(), cut(e.target(), 128), cut(e.detail(), 1000),
                cut(e.address(), 64), e.regionCode());
        String hash = chain.hash(row, head.hash());
        mapper.insert(row, head.hash(), hash);
        mapper.advanceHead(row.seq(), hash);
    }

    private static String requestAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? request.getRequest().getRemoteAddr()
                : null;
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /** Entries whose region lies within {@code regionCode} (region codes nest by prefix in Hainan). */
    public PageResult<AuditEntry> find(String regionCode, String action, String actor, Paging paging) {
        return paging.result(mapper.find(regionCode, action, actor, paging.offset(), paging.size()),
                mapper.count(regionCode, action, actor));
    }

    /** The outcome of walking the chain; {@code firstBreak} names the first row that does not link. */
    public record Verification(boolean intact, long length, long checked, Break firstBreak) {

        /** {@code id} is null where the row itself is missing (the end of the chain cut off); {@code seq} for a row outside the chain. */
        public record Break(Long id, Long seq, String reason) {
        }
    }

    /**
     * Walks the chain from its genesis up to the head as it stands when the walk begins (rows appended meanwhile
     * are left for the next walk) and stops at the first row that does not link.
     */
    public Verification verify() {
        AuditMapper.Head head = mapper.head();
        String previous = AuditChain.GENESIS;
        long seq = 0;
        for (List<AuditMapper.ChainedRow> page = mapper.chained(0, head.seq(), VERIFY_PAGE); !page.isEmpty();
                page = mapper.chained(seq, head.seq(), VERIFY_PAGE)) {
            for (AuditMapper.ChainedRow r : page) {
                String reason = null;
                if (r.seq() != seq + 1) {
                    reason = "第 " + (seq + 1) + " 至 " + (r.seq() - 1) + " 条记录缺失（已被删除）";
                } else if (!previous.equals(r.prevHash())) {
                    reason = "与前一条记录的链接不符（前一条记录被删除、替换或插入）";
                } else if (!chain.hash(new AuditChain.Row(r.seq(), r.at(), r.actorId(), r.actor(), r.action(), r.target(),
                        r.detail(), r.address(), r.regionCode()), r.prevHash()).equals(r.rowHash())) {
                    reason = "记录内容与其哈希不符（已被修改）";
                }
                if (reason != null) {
                    return new Verification(false, head.seq(), seq, new Verification.Break(r.id(), r.seq(), reason));
                }
                previous = r.rowHash();
                seq = r.seq();
            }
        }
        if (seq != head.seq()) {
            return new Verification(false, head.seq(), seq,
                    new Verification.Break(null, seq + 1, "链尾第 " + (seq + 1) + " 至 " + head.seq() + " 条记录缺失（已被删除）"));
        }
        if (!previous.equals(head.hash())) {
            return new Verification(false, head.seq(), seq, new Verification.Break(null, seq, "链头与最后一条记录不符"));
        }
        Long unchained = mapper.unchainedAfterGenesis();
        if (unchained != null) {
            return new Verification(false, head.seq(), seq,
                    new Verification.Break(unchained, null, "链开始后出现不在链中的记录（伪造或被移出链）"));
        }
        return new Verification(true, head.seq(), seq, null);
    }
}
