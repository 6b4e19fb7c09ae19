package org.yiwang.hotline;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.timelimit.WorkingCalendar;

/**
 * The hotline's periodic scan: a reply nobody rated within the rating window closes, and a knowledge-base entry past
 * its review date is flagged to its agency. The sign and reply deadlines are BPMN timers ({@link HotlineTimers});
 * the clocks themselves are computed on every read, see {@link TicketViews#colour}.
 */
@Component
class HotlineDeadlines {

    private static final Logger log = LoggerFactory.getLogger(HotlineDeadlines.class);
    private static final int BATCH = 200;

    private final HotlineMapper mapper;
    private final HotlineSettings settings;
    private final WorkingCalendar calendar;
    private final KnowledgeBase knowledge;
    private final Clock clock;

    HotlineDeadlines(HotlineMapper mapper, HotlineSettings settings, WorkingCalendar calendar, KnowledgeBase knowledge,
            Clock clock) {
        this.knowledge = knowledge;
        this.mapper = mapper;
        this.settings = settings;
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

    /** One pass; answers how many tickets it closed and entries it flagged, each by a conditional update, once. */
    @Transactional
    public int scan() {
        LocalDate today = LocalDate.now(clock);
        LocalDateTime now = LocalDateTime.now(clock);
        int done = 0;
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
