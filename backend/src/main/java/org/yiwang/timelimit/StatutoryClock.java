package org.yiwang.timelimit;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The statutory clock of the Administrative Licensing Law (行政许可法): limits count working days from the
 * calendar; special procedures stop the clock; a share of the limit used turns it YELLOW, overdue RED.
 */
@Service
public class StatutoryClock {

    /** Incomplete materials must be notified in one go within this many working days (第三十二条). */
    public static final int SUPPLEMENT_NOTICE_DAYS = 5;
    /** A decision within 20 working days unless the item's own limit is shorter (第四十二条). */
    public static final int DECISION_DAYS = 20;
    /** One extension of at most 10 working days, approved by the agency's head. */
    public static final int MAX_EXTENSION_DAYS = 10;

    public enum Colour {
        GREEN, YELLOW, RED, SUSPENDED
    }

    public record State(LocalDate dueDate, Integer remainingWorkingDays, Colour colour) {
    }

    private final WorkingCalendar calendar;
    private final Clock clock;
    private final double warnShare;

    StatutoryClock(WorkingCalendar calendar, Clock clock, @Value("${yiwang.clock.warn-share:0.8}") double warnShare) {
        this.calendar = calendar;
        this.clock = clock;
        this.warnShare = warnShare;
    }

    /** The platform's zone ({@code yiwang.time-zone}). */
    public ZoneId zone() {
        return clock.getZone();
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public LocalDate acceptDeadline(LocalDate received) {
        return calendar.addWorkingDays(received, SUPPLEMENT_NOTICE_DAYS);
    }

    /** The decision is due {@code limit + extension + suspension} working days after acceptance (that day not counted). */
    public LocalDate dueDate(LocalDate accepted, int limitDays, int extendedDays, int suspendedDays) {
        return calendar.addWorkingDays(accepted, limitDays + extendedDays + suspendedDays);
    }

    /** The first day on which {@link #state} shows YELLOW for this due date and limit. */
    public LocalDate yellowFrom(LocalDate due, int totalDays) {
        if (due == null) {
            return null;
        }
        int warnAt = (int) Math.ceil(warnShare * totalDays);
        return calendar.workingDaysBefore(due, Math.max(0, totalDays - warnAt));
    }

    /** Working days a special procedure took: from its first day up to the day it ended. */
    public int suspendedWorkingDays(LocalDate since, LocalDate until) {
        return Math.max(0, calendar.workingDaysBetween(since, until));
    }

    /** Where the clock stands; a suspended clock stands still on the day it stopped. */
    public State state(LocalDate due, int totalDays, LocalDate suspendedSince) {
        if (due == null) {
            return new State(null, null, Colour.GREEN);
        }
        LocalDate reference = suspendedSince != null ? suspendedSince : today();
        int remaining = calendar.workingDaysBetween(reference, due);
        Colour colour;
        if (suspendedSince != null) {
            colour = Colour.SUSPENDED;
        } else if (remaining < 0) {
            colour = Colour.RED;
        } else if (remaining == 0 || totalDays > 0 && totalDays - remaining >= warnShare * totalDays) {
            colour = Colour.YELLOW;
        } else {
            colour = Colour.GREEN;
        }
        return new State(due, remaining, colour);
    }
}
