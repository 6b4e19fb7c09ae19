package org.yiwang.supervision;

import java.time.LocalDateTime;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface AuditMapper {

    void insert(@Param("at") LocalDateTime at, @Param("actorId") Long actorId, @Param("actor") String actor,
            @Param("action") String action, @Param("target") String target, @Param("detail") String detail,
            @Param("address") String address, @Param("regionCode") String regionCode);

    List<AuditEntry> find(@Param("regionPrefix") String regionPrefix, @Param("action") String action,
            @Param("actor") String actor, @Param("offset") int offset, @Param("limit") int limit);

    long count(@Param("regionPrefix") String regionPrefix, @Param("action") String action, @Param("actor") String actor);
}
