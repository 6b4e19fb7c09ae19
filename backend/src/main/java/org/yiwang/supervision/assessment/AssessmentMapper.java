package org.yiwang.supervision.assessment;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface AssessmentMapper {

    record IndicatorRow(String code, BigDecimal weight, BigDecimal target, String updatedBy, LocalDateTime updatedAt) {
    }

    record Period(String month, LocalDateTime closedAt, String closedBy) {
    }

    record ScoreRow(String subjectId, String subjectName, String regionCode, BigDecimal score, int rankNo, String explanation) {
    }

    List<IndicatorRow> indicators(@Param("year") int year);

    void deleteIndicators(@Param("year") int year);

    void insertIndicator(@Param("year") int year, @Param("code") String code, @Param("weight") double weight,
            @Param("target") double target, @Param("by") String by, @Param("at") LocalDateTime at);

    Period period(@Param("month") String month);

    void insertPeriod(@Param("month") String month, @Param("at") LocalDateTime at, @Param("by") String by);

    void insertScore(@Param("month") String month, @Param("kind") String kind, @Param("s") Assessment.Score score,
            @Param("explanation") String explanation);

    List<ScoreRow> scores(@Param("month") String month, @Param("kind") String kind, @Param("regionPrefix") String regionPrefix);
}
