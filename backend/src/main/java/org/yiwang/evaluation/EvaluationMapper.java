package org.yiwang.evaluation;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface EvaluationMapper {

    int insert(@Param("applicationId") long applicationId, @Param("applicantId") long applicantId,
            @Param("agencyId") long agencyId, @Param("r") EvaluationService.Rating rating, @Param("at") LocalDateTime at,
            @Param("rectification") String rectification, @Param("due") LocalDate due);

    Evaluation findByApplication(@Param("applicationId") long applicationId);

    Evaluation findById(@Param("id") long id);

    List<Evaluation> findRectifications(@Param("regionPrefix") String regionPrefix, @Param("status") String status,
            @Param("offset") int offset, @Param("limit") int limit);

    long countRectifications(@Param("regionPrefix") String regionPrefix, @Param("status") String status);

    int rectify(@Param("id") long id, @Param("version") int version, @Param("note") String note, @Param("by") String by);

    int close(@Param("id") long id, @Param("version") int version, @Param("note") String note, @Param("at") LocalDateTime at);
}
