package org.yiwang.hotline;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface HotlineMapper {

    /** Ticket fields written at intake. */
    class NewTicket {
        Long id;
        String ticketNo;
        String type;
        String classCode;
        String regionCode;
        String channel;
        Long channelId;
        String title;
        String content;
        String addressEnc;
        java.math.BigDecimal lat;
        java.math.BigDecimal lon;
        Long citizenAccountId;
        String citizenNameEnc;
        String citizenPhoneEnc;
        String citizenPhoneHash;
        String citizenEmailEnc;
        LocalDateTime receivedAt;
    }

    /** What a state change writes; the update applies only while the row still has {@code version}. */
    class Change {
        long id;
        int version;
        String state;
        Long agencyId;
        boolean setAgency;
        LocalDateTime dispatchedAt;
        LocalDate signDue;
        LocalDate replyDue;
        LocalDateTime signedAt;
        LocalDateTime repliedAt;
        String reply;
        Integer extensionDays;
        String extensionState;
        String extensionReason;
        boolean clearExtension;
        Integer returns;
        Integer reopens;
        String rating;
        LocalDateTime ratedAt;
        Long mergedInto;
        LocalDateTime closedAt;
        Integer overdueLevel;
        Long knowledgeId;
        /** The ticket's round on the engine: a new one, or cleared with {@code clearProcess}. */
        String processInstanceId;
        boolean clearProcess;
        LocalDateTime at;
    }

    record ClassRow(String code, String name, int level, String parentCode, String departmentCode, String provincialUnit) {
    }

    record Duty(long id, String classCode, String className, String regionCode, String regionName, long agencyId,
            String agencyName, LocalDateTime updatedAt) {
    }

    record Event(long id, LocalDateTime at, String actor, String action, String state, Long agencyId, String agencyName,
            String note) {
    }

    record Channel(long id, String code, String name, boolean enabled) {
    }

    /** Filters of a ticket list; null fields do not filter. */
    record Filter(List<String> states, Long agencyId, String regionPrefix, Long citizenAccountId, String phoneHash,
            String type, String classCode, Long channelId, List<String> ticketNos, LocalDateTime from, LocalDateTime to,
            Boolean escalatedOrOverdue, LocalDate today, Boolean publicOnly) {
    }

    List<ClassRow> findClasses();

    int insertClass(ClassRow c);

    int insertDefaultDuties(@Param("at") LocalDateTime at);

    List<Duty> findDuties(@Param("classCode") String classCode, @Param("regionCode") String regionCode,
            @Param("offset") int offset, @Param("limit") int limit);

    long countDuties(@Param("classCode") String classCode, @Param("regionCode") String regionCode);

    Duty findDuty(@Param("classCode") String classCode, @Param("regionCode") String regionCode);

    int updateDuty(@Param("classCode") String classCode, @Param("regionCode") String regionCode,
            @Param("agencyId") long agencyId, @Param("at") LocalDateTime at);

    int insertDuty(@Param("classCode") String classCode, @Param("regionCode") String regionCode,
            @Param("agencyId") long agencyId, @Param("at") LocalDateTime at);

    Channel findChannelByKey(@Param("keyHash") String keyHash);

    int insertChannel(@Param("code") String code, @Param("name") String name, @Param("keyHash") String keyHash,
            @Param("at") LocalDateTime at);

    int updateChannelKey(@Param("code") String code, @Param("keyHash") String keyHash);

    int bumpCounter(@Param("day") LocalDate day);

    int insertCounter(@Param("day") LocalDate day);

    int counter(@Param("day") LocalDate day);

    int insertTicket(NewTicket t);

    TicketRow findByNo(@Param("ticketNo") String ticketNo);

    TicketRow findById(@Param("id") long id);

    List<TicketRow> find(@Param("f") Filter filter, @Param("offset") int offset, @Param("limit") int limit);

    long count(@Param("f") Filter filter);

    int change(Change c);

    int insertEvent(@Param("ticketId") long ticketId, @Param("at") LocalDateTime at, @Param("actor") String actor,
            @Param("action") String action, @Param("state") String state, @Param("agencyId") Long agencyId,
            @Param("note") String note);

    List<Event> events(@Param("ticketId") long ticketId);

    List<Indicator> indicators(@Param("regionPrefix") String regionPrefix, @Param("from") LocalDateTime from,
            @Param("to") LocalDateTime to);

    TicketRow findByProcess(@Param("processInstanceId") String processInstanceId);

    /** Replied tickets nobody rated, replied before {@code before}. */
    List<TicketRow> findUnrated(@Param("before") LocalDateTime before, @Param("limit") int limit);
}
