package org.yiwang.audit;

import java.time.LocalDateTime;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Appends and reads only: the audit trail has no update or delete. */
@Mapper
interface AuditMapper {

    /** The end of the chain: its last place and hash. */
    record Head(long seq, String hash) {
    }

    /** A chained row as stored, for verification. */
    record ChainedRow(long id, long seq, LocalDateTime at, Long actorId, String actor, String action, String target,
            String detail, String address, String regionCode, String prevHash, String rowHash) {
    }

    /** Locks the chain's head row until the calling transaction ends: appends queue here, one at a time. */
    Head lockHead();

    Head head();

    void advanceHead(@Param("seq") long seq, @Param("hash") String hash);

    void insert(@Param("row") AuditChain.Row row, @Param("prevHash") String prevHash, @Param("rowHash") String rowHash);

    List<ChainedRow> chained(@Param("after") long after, @Param("upTo") long upTo, @Param("limit") int limit);

    /** The first row outside the chain written after the chain began (a forged or unlinked row), if any. */
    Long unchainedAfterGenesis();

    List<AuditEntry> find(@Param("regionPrefix") String regionPrefix, @Param("action") String action,
            @Param("actor") String actor, @Param("offset") int offset, @Param("limit") int limit);

    long count(@Param("regionPrefix") String regionPrefix, @Param("action") String action, @Param("actor") String actor);
}
