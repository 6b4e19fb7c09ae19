package org.yiwang.hotline;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** A ticket as stored: personal data still encrypted. Never answered as such; see {@link TicketView}. */
record TicketRow(long id, String ticketNo, String type, String classCode, String className, String regionCode,
        String regionName, String channel, Long channelId, String title, String content, String addressEnc,
        BigDecimal lat, BigDecimal lon, Long citizenAccountId, String citizenNameEnc, String citizenPhoneEnc,
        String citizenEmailEnc, String state, Long agencyId, String agencyName, LocalDateTime receivedAt,
        LocalDateTime dispatchedAt, LocalDate signDue, LocalDateTime signedAt, LocalDate replyDue,
        LocalDateTime repliedAt, String reply, int extensionDays, String extensionState, String extensionReason,
        int returns, int reopens, String rating, LocalDateTime ratedAt, Long mergedInto, LocalDateTime closedAt,
        int overdueLevel, LocalDateTime updatedAt, int version, Long knowledgeId, String processInstanceId) {

    TicketType ticketType() {
        return TicketType.valueOf(type);
    }

    TicketState ticketState() {
        return TicketState.valueOf(state);
    }
}
