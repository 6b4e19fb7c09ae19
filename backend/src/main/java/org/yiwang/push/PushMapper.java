package org.yiwang.push;

import java.time.LocalDateTime;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface PushMapper {

    List<Subscription> findByAccount(@Param("accountId") long accountId);

    long countByAccount(@Param("accountId") long accountId);

    boolean exists(@Param("accountId") long accountId, @Param("itemCode") String itemCode);

    int insert(@Param("accountId") long accountId, @Param("itemCode") String itemCode, @Param("at") LocalDateTime at);

    int delete(@Param("accountId") long accountId, @Param("itemCode") String itemCode);

    List<Long> findFollowers(@Param("itemCode") String itemCode);
}
