package org.yiwang.supervision.step;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.yiwang.common.ApiException;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.region.RegionService;
import org.yiwang.timelimit.StatutoryClock;
import org.yiwang.timelimit.WorkingCalendar;
import org.yiwang.workflow.StepKinds;

/**
 * The clock of each step of a case, apart from the case's own. A step's limit comes from the model when the model
 * gives its user task a due date, otherwise from the case's limit (limit plus extension, in working days): the
 * acceptance step has the five working days of 行政许可法 第三十二条, the decision step a share of the case's limit
 * ({@code yiwang.supervision.step-share.decide}, 0.4) and every other step (review, countersign, preliminary review)
 * the review share ({@code …step-share.review}, 0.6); at least one working day. A step counts its working days from
 * the day it started (that day not counted), as the case's clock does, and turns YELLOW at the platform's warning
 * share ({@code yiwang.clock.warn-share}).
 */
@Service
public class StepClocks {

    public static final String LAW = "LAW";
    public static final String MODEL = "MODEL";
    public static final String ITEM = "ITEM";

    private final StepMapper mapper;
    private final IdentityService identity;
    private final RegionService regions;
    private final StatutoryClock statutory;
    private final WorkingCalendar calendar;
    private final Clock clock;
    private final double reviewShare;
    private final double decideShare;

    StepClocks(StepMapper mapper, IdentityService identity, RegionService regions, StatutoryClock statutory,
            WorkingCalendar calendar, Clock clock, @Value("${yiwang.supervision.step-share.review:0.6}") double reviewShare,
            @Value("${yiwang.supervision.step-share.decide:0.4}") double decideShare) {
        this.mapper = mapper;
        this.identity = identity;
        this.regions = regions;
        this.statutory = statutory;
        this.calendar = calendar;
        this.clock = clock;
        this.reviewShare = reviewShare;
        this.decideShare = decideShare;
    }

    /** A case as a supervisor sees it: which agency, and each step's clock in the order they started. */
    public record CaseSteps(long applicationId, String applicationNo, String itemName, long agencyId, String agencyName,
            String agencyRegion, String regionCode, String status, List<StepClock> steps) {
    }

    /** The steps of a case in the caller's region (its own region or its agency's); 404 otherwise. */
    public CaseSteps ofCase(String applicationNo) {
        CurrentUser user = identity.current();
        StepMapper.CaseRow c = applicationNo == null ? null : mapper.caseOf(applicationNo.trim());
        if (c == null || !(regions.isWithin(c.agencyRegion(), user.regionCode()) || regions.isWithin(c.regionCode(), user.regionCode()))) {
            throw ApiException.notFound("办件 " + applicationNo);
        }
        List<StepClock> steps = c.processInstanceId() == null ? List.of()
                : mapper.tasksOf(c.processInstanceId()).stream()
                        .map(t -> clockOf(t.stepKey(), t.name(), t.category(), t.startedAt(), t.endedAt(), t.dueAt(),
                                c.limitDays() + c.extendedDays(), c.suspendedSince()))
                        .toList();
        return new CaseSteps(c.id(), c.applicationNo(), c.itemName(), c.agencyId(), c.agencyName(), c.agencyRegion(), c.regionCode(),
                c.status(), steps);
    }

    /** An open step of a running case whose clock is YELLOW or RED now. */
    public record LateStep(long applicationId, String applicationNo, long agencyId, String agencyRegion, StepClock clock) {
    }

    /**
     * Open steps of running cases past their warning share or overdue (a step cannot warn before its first working day),
     * acceptance steps left out: the case's own acceptance deadline, which a supplement notice moves, rules those.
     */
    public List<LateStep> lateOpenSteps() {
        LocalDate today = LocalDate.now(clock);
        Date startedBefore = Date.from(calendar.workingDaysBefore(today, 1).plusDays(1).atStartOfDay(clock.getZone()).toInstant());
        return mapper.openStartedBefore(startedBefore).stream()
                .filter(o -> !StepKinds.ACCEPT.equals(StepKinds.of(o.stepKey(), o.category())))
                .map(o -> new LateStep(o.applicationId(), o.applicationNo(), o.agencyId(), o.agencyRegion(),
                        clockOf(o.stepKey(), o.name(), o.category(), o.startedAt(), null, o.dueAt(), o.limitDays() + o.extendedDays(), null)))
                .filter(s -> "YELLOW".equals(s.clock().colour()) || "RED".equals(s.clock().colour()))
                .toList();
    }

    StepClock clockOf(String key, String name, String category, Date startedAt, Date endedAt, Date dueAt, int caseLimit,
            LocalDate suspendedSince) {
        String kind = StepKinds.of(key, category);
        LocalDateTime started = local(startedAt);
        LocalDateTime ended = endedAt == null ? null : local(endedAt);
        LocalDate startDay = started.toLocalDate();
        int limit;
        String source;
        LocalDate due;
        if (dueAt != null) {
            due = local(dueAt).toLocalDate();
            limit = Math.max(0, calendar.workingDaysBetween(startDay, due));
            source = MODEL;
        } else {
            limit = limitDays(kind, caseLimit);
            boolean acceptance = StepKinds.ACCEPT.equals(kind);
            source = acceptance ? LAW : ITEM;
            due = acceptance ? statutory.acceptDeadline(startDay) : calendar.addWorkingDays(startDay, limit);
        }
        if (ended != null) {
            LocalDate endDay = ended.toLocalDate();
            return new StepClock(key, name, kind, started, ended, limit, source, due, calendar.workingDaysBetween(endDay, due),
                    endDay.isAfter(due) ? "RED" : "GREEN");
        }
        StatutoryClock.State state = statutory.state(due, limit, suspendedSince);
        return new StepClock(key, name, kind, started, null, limit, source, due, state.remainingWorkingDays(), state.colour().name());
    }

    int limitDays(String kind, int caseLimit) {
        if (StepKinds.ACCEPT.equals(kind)) {
            return StatutoryClock.SUPPLEMENT_NOTICE_DAYS;
        }
        double share = StepKinds.DECIDE.equals(kind) ? decideShare : reviewShare;
        return Math.max(1, (int) Math.ceil(caseLimit * share));
    }

    private LocalDateTime local(Date instant) {
        return LocalDateTime.ofInstant(instant.toInstant(), clock.getZone());
    }
}
