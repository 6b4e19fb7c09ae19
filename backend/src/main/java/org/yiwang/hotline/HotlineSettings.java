package org.yiwang.hotline;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** {@code yiwang.hotline.*}: time limits in working days, the yellow share, the rating window and the escalation count. */
@Component
class HotlineSettings {

    final int signDays;
    final double yellowShare;
    final int ratingWindowDays;
    final int escalateAfter;
    final int maxExtensionDays;
    final int intakePerMinute;
    final int accountIntakePerMinute;
    final int open311PerMinute;
    final int progressPerMinute;
    final int progressFailures;
    private final Map<TicketType, Integer> replyDays = new EnumMap<>(TicketType.class);

    HotlineSettings(@Value("${yiwang.hotline.sign-days:1}") int signDays,
            @Value("${yiwang.hotline.reply-days.consult:2}") int consult,
            @Value("${yiwang.hotline.reply-days.help:5}") int help,
            @Value("${yiwang.hotline.reply-days.complaint:5}") int complaint,
            @Value("${yiwang.hotline.reply-days.report:5}") int report,
            @Value("${yiwang.hotline.reply-days.suggestion:5}") int suggestion,
            @Value("${yiwang.hotline.reply-days.praise:5}") int praise,
            @Value("${yiwang.hotline.yellow-share:0.8}") double yellowShare,
            @Value("${yiwang.hotline.rating-window-days:5}") int ratingWindowDays,
            @Value("${yiwang.hotline.escalate-after:3}") int escalateAfter,
            @Value("${yiwang.hotline.max-extension-days:10}") int maxExtensionDays,
            @Value("${yiwang.hotline.intake-per-minute:10}") int intakePerMinute,
            @Value("${yiwang.hotline.account-intake-per-minute:10}") int accountIntakePerMinute,
            @Value("${yiwang.hotline.open311-per-minute:60}") int open311PerMinute,
            @Value("${yiwang.security.limits.progress-per-minute:20}") int progressPerMinute,
            @Value("${yiwang.security.limits.progress-failures:5}") int progressFailures) {
        this.progressPerMinute = progressPerMinute;
        this.progressFailures = progressFailures;
        this.signDays = signDays;
        this.yellowShare = yellowShare;
        this.ratingWindowDays = ratingWindowDays;
        this.escalateAfter = escalateAfter;
        this.maxExtensionDays = maxExtensionDays;
        this.intakePerMinute = intakePerMinute;
        this.accountIntakePerMinute = accountIntakePerMinute;
        this.open311PerMinute = open311PerMinute;
        replyDays.put(TicketType.CONSULT, consult);
        replyDays.put(TicketType.HELP, help);
        replyDays.put(TicketType.COMPLAINT, complaint);
        replyDays.put(TicketType.REPORT, report);
        replyDays.put(TicketType.SUGGESTION, suggestion);
        replyDays.put(TicketType.PRAISE, praise);
    }

    int replyDays(TicketType type) {
        return replyDays.get(type);
    }
}
