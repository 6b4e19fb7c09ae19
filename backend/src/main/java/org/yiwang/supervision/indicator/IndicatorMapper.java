package org.yiwang.supervision.indicator;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/**
 * Reads the raw cases and ratings (read-only) and keeps the daily aggregates of the supervision indicators.
 * Days are passed as [start, end) local date-times, so a case concluded at 23:59:59 falls in its own day
 * whatever the database's time zone.
 */
@Mapper
interface IndicatorMapper {

    /** One case as the aggregates see it. */
    record CaseFact(long agencyId, long itemId, String regionCode, String agencyRegion, String caseKind, int visits,
            String status, String decision, int supplementCount, int suspendedDays, int promisedDays, int legalDays,
            LocalDateTime submittedAt, LocalDate dueDate, LocalDateTime concludedAt) {
    }

    /** One rating with the case it rates. */
    record RatingFact(long agencyId, long itemId, String regionCode, String agencyRegion, int level) {
    }

    record Watermark(LocalDateTime refreshedAt, int version) {
    }

    List<CaseFact> receivedBetween(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to);

    List<CaseFact> concludedBetween(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to);

    List<RatingFact> ratedBetween(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to);

    /** When cases changed since {@code since} were received and concluded: the days whose rows they alter. */
    List<CaseFact> changedSince(@Param("since") LocalDateTime since);

    /** Ratings given since {@code since}, by their time. */
    List<LocalDateTime> ratingTimesSince(@Param("since") LocalDateTime since);

    /** Open cases whose due date lies in [from, to): they turned overdue without changing. */
    List<LocalDateTime> receiptsTurnedOverdue(@Param("from") LocalDate from, @Param("to") LocalDate to,
            @Param("open") Collection<String> openStatuses);

    LocalDateTime firstReceipt();

    Watermark watermark();

    int advanceWatermark(@Param("at") LocalDateTime at, @Param("version") int version);

    void deleteDay(@Param("day") LocalDate day);

    void deleteDurations(@Param("day") LocalDate day);

    void insertRows(@Param("rows") List<DailyRow> rows);

    void insertDurations(@Param("rows") List<DailyDuration> rows);

    /** What a scope filter narrows to: a region prefix (through the case's or its agency's region), maybe one agency. */
    record Scope(String regionPrefix, Long agencyId, LocalDate from, LocalDate to) {
    }

    DailyRow sum(@Param("s") Scope scope);

    List<DailyRow> sumByDay(@Param("s") Scope scope);

    List<DailyRow> sumByAgency(@Param("s") Scope scope, @Param("limit") int limit);

    /** A drill-down: the family of cases (RECEIVED, CONCLUDED, RATED) and the figure within it, over [start, end). */
    record Drill(Scope s, String family, String figure, LocalDateTime start, LocalDateTime end, LocalDate today,
            Collection<String> open) {
    }

    List<IndicatorService.DrillCase> drill(@Param("d") Drill drill, @Param("limit") int limit, @Param("offset") int offset);

    long drillCount(@Param("d") Drill drill);

    record DurationBucket(int workingDays, long cases) {
    }

    List<DurationBucket> durations(@Param("s") Scope scope);
}
