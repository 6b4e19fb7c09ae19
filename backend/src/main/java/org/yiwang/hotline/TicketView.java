package org.yiwang.hotline;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A ticket as answered. The citizen's contact is masked; for a 举报 it is absent altogether for the handling
 * agency ({@code confidential} true). {@code clock} and {@code dueDate} follow the running deadline: signing while
 * the ticket waits at the agency, the reply once signed.
 */
public record TicketView(String ticketNo, String type, String typeName, String classCode, String className,
        String regionCode, String regionName, String channel, String title, String content, String address,
        BigDecimal lat, BigDecimal lon, Contact citizen, boolean confidential, String state, String stateName,
        Long agencyId, String agencyName, LocalDateTime receivedAt, LocalDateTime dispatchedAt, LocalDate signDue,
        LocalDateTime signedAt, LocalDate replyDue, LocalDateTime repliedAt, String reply, Extension extension,
        int returns, int reopens, String rating, String ratingName, LocalDateTime ratedAt, String mergedInto,
        LocalDateTime closedAt, LocalDate dueDate, String clock, Suggestion suggestedAgency, Long knowledgeId,
        List<HistoryEntry> history) {

    public record Contact(String name, String phone, String email) {
    }

    public record Extension(int days, String state, String reason) {
    }

    /** The duty list's agency for the ticket's class and region, for the dispatcher. */
    public record Suggestion(long agencyId, String agencyName, String dutyRegionCode) {
    }

    public record HistoryEntry(LocalDateTime at, String actor, String action, String state, Long agencyId,
            String agencyName, String note) {
    }
}
