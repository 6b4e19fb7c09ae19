package org.yiwang.hotline;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.identity.IdentityService;
import org.yiwang.identity.Role;
import org.yiwang.notification.NotificationService;
import org.yiwang.region.RegionService;
import org.yiwang.timelimit.WorkingCalendar;

/**
 * The hotline's deadlines, computed from dates on the shared calendar: a ticket not signed, or not replied, by its
 * due day is raised once to the centre's dispatchers and the agency; a reply nobody rated within the rating window
 * closes. (The clocks themselves are computed on every read, see {@link TicketViews#colour}.)
 */
@Component
class HotlineDeadlines {

    private static final Logger log = LoggerFactory.getLogger(HotlineDeadlines.class);
    private static final int BATCH = 200;

    private final HotlineMapper mapper;
    private final HotlineSettings settings;
    private final IdentityService identity;
    private final RegionService regions;
    private final NotificationService notifications;
    private final WorkingCalendar calendar;
    private final KnowledgeBase knowledge;
    private final Clock clock;

    HotlineDeadlines(HotlineMapper mapper, HotlineSettings settings, IdentityService identity, RegionService regions,
            NotificationService notifications, WorkingCalendar calendar, KnowledgeBase knowledge, Clock clock) {
        this.knowledge = knowledge;
        this.mapper = mapper;
        this.settings = settings;
        this.identity = identity;
        this.regions = regions;
        this.notifications = notifications;
        this.calendar = calendar;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${yiwang.hotline.scan-ms:300000}", initialDelayString = "${yiwang.hotline.scan-ms:300000}")
    void scheduled() {
        try {
            scan();
        } catch (RuntimeException e) {
            log.warn("hotline deadline scan failed; next scan retries", e);
        }
    }

    /** One pass; answers how many tickets it raised or closed. Each ticket moves by a conditional update, once. */
    @Transactional
    public int scan() {
        LocalDate today = LocalDate.now(clock);
        LocalDateTime now = LocalDateTime.now(clock);
        int done = 0;
        var dispatchers = regions.agencyByCode(TicketLifecycle.CENTRE)
                .map(c -> identity.staffOf(c.id(), Role.HOTLINE_DISPATCHER)).orElse(java.util.List.of());
        for (TicketRow t : mapper.findOverdue(today, BATCH)) {
            boolean sign = t.ticketState() == TicketState.DISPATCHED;
            HotlineMapper.Change c = new HotlineMapper.Change();
            c.id = t.id();
            c.version = t.version();
            c.state = t.state();
            c.at = now;
            c.overdueLevel = sign ? 1 : 2;
            if (mapper.change(c) == 1) {
                String what = sign ? "签收" : "答复";
                mapper.insertEvent(t.id(), now, "系统", sign ? "SIGN_OVERDUE" : "REPLY_OVERDUE", t.state(), t.agencyId(),
                        what + "已超期（期限 " + (sign ? t.signDue() : t.replyDue()) + "）");
                String body = "工单 " + t.ticketNo() + "（" + t.agencyName() + "）" + what + "已超期，请督促办理。";
                notifications.send(dispatchers, "12345 工单超期", body, t.ticketNo());
                if (t.agencyId() != null) {
                    notifications.send(identity.staffOf(t.agencyId(), Role.ACCEPT), "12345 工单超期", body, t.ticketNo());
                }
                done++;
            }
        }
        for (TicketRow t : mapper.findUnrated(now.minusDays(settings.ratingWindowDays), BATCH)) {
            if (calendar.workingDaysBetween(t.repliedAt().toLocalDate(), today) <= settings.ratingWindowDays) {
                continue;
            }
            HotlineMapper.Change c = new HotlineMapper.Change();
            c.id = t.id();
            c.version = t.version();
            c.state = TicketState.CLOSED.name();
            c.at = now;
            c.closedAt = now;
            if (mapper.change(c) == 1) {
                mapper.insertEvent(t.id(), now, "系统", "CLOSE_UNRATED", c.state, t.agencyId(), "评价期限已过，工单办结");
                done++;
            }
        }
        return done + knowledge.flagReviews(BATCH);
    }
}
