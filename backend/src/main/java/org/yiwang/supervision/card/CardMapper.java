package org.yiwang.supervision.card;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface CardMapper {

    /** A case the card rules look at (read-only from the application tables). */
    record Watched(long id, String applicationNo, long agencyId, String agencyRegion, String status, LocalDate acceptDeadline,
            LocalDate yellowFrom, LocalDate dueDate, int supplementCount, String decision, String decisionReason) {
    }

    /** Open cases whose acceptance step, or whole clock, has reached its warning day. */
    List<Watched> clockWatched(@Param("acceptWarnBy") LocalDate acceptWarnBy, @Param("today") LocalDate today);

    /** Cases refused or decided since {@code since}, and cases with a second supplement notice. */
    List<Watched> decidedSince(@Param("since") LocalDateTime since);

    int insert(@Param("w") Watched watched, @Param("colour") String colour, @Param("rule") String rule,
            @Param("step") String step, @Param("detail") String detail, @Param("at") LocalDateTime at,
            @Param("due") LocalDate answerDue);

    boolean exists(@Param("applicationId") long applicationId, @Param("rule") String rule, @Param("step") String step);

    Card findById(@Param("id") long id);

    List<Card> ofApplication(@Param("applicationId") long applicationId);

    List<CardService.AgencyCards> byAgency(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to,
            @Param("today") LocalDate today);

    List<Card> find(@Param("regionPrefix") String regionPrefix, @Param("status") String status,
            @Param("applicationNo") String applicationNo, @Param("limit") int limit, @Param("offset") int offset);

    long count(@Param("regionPrefix") String regionPrefix, @Param("status") String status,
            @Param("applicationNo") String applicationNo);

    int answer(@Param("id") long id, @Param("version") int version, @Param("answer") String answer, @Param("by") String by,
            @Param("at") LocalDateTime at);

    int decide(@Param("id") long id, @Param("version") int version, @Param("status") String status, @Param("note") String note,
            @Param("by") String by, @Param("at") LocalDateTime at);
}
