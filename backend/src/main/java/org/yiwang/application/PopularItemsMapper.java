package org.yiwang.application;

import java.time.LocalDateTime;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface PopularItemsMapper {

    record Count(String itemCode, long applications) {
    }

    /** Items by the number of applications submitted since then, test runs left out; most first. */
    List<Count> mostApplied(@Param("since") LocalDateTime since, @Param("limit") int limit);
}
