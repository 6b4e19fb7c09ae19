package org.yiwang.workbench;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.yiwang.application.ApplicationService;
import org.yiwang.application.ApplicationStatus;
import org.yiwang.common.ApiException;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.timelimit.StatutoryClock;
import org.yiwang.workflow.StepKinds;

/**
 * The workbench's lists (待办, 已办, 抄送, and the supervisor's 全部 of a region), filtered as the clerk asks, each row
 * with its case's statutory clock.
 */
@Service
public class TaskLists {

    /**
     * A province holds a hundred thousand open tasks: the supervisors' list counts no further than this (the answer
     * then says "more than"), so that its count costs what a page costs.
     */
    static final long REGION_COUNT_CAP = 1_000;

    private final TaskMapper mapper;
    private final ApplicationService applications;
    private final IdentityService identity;
    private final Substitutions substitutions;
    private final StatutoryClock clock;

    TaskLists(TaskMapper mapper, ApplicationService applications, IdentityService identity, Substitutions substitutions,
            StatutoryClock clock) {
        this.mapper = mapper;
        this.applications = applications;
        this.identity = identity;
        this.substitutions = substitutions;
        this.clock = clock;
    }

    public record TaskView(String taskId, String taskName, String taskKey, String stepKind, String assignee, LocalDateTime createdAt,
            LocalDateTime endedAt, String applicationNo, LocalDateTime submittedAt, String itemName, String agencyName,
            String applicationStatus, LocalDate acceptanceDueDate, LocalDate dueDate, Integer remainingWorkingDays, StatutoryClock.Colour clock) {
    }

    /** What the lists can be narrowed by, as the workbench sends it. */
    public record ListQuery(String view, String applicationNo, String itemName, String status, String clock,
            LocalDate receivedFrom, LocalDate receivedTo, Long agencyId, String level) {
    }

    public PageResult<TaskView> list(ListQuery q, Paging paging) {
        CurrentUser user = identity.current();
        String view = q.view();
        TaskFilter f = filter(q);
        String userId = String.valueOf(user.accountId());
        Substitutions.Scope scope = substitutions.scope(user);
        List<String> groups = scope.groups();
        return switch (view == null ? "todo" : view) {
            case "todo" -> paging.result(views(mapper.findTodo(scope.userIds(), groups, f, paging.offset(), paging.size())),
                    mapper.countTodo(scope.userIds(), groups, f));
            case "done" -> paging.result(views(mapper.findDone(userId, f, paging.offset(), paging.size())),
                    mapper.countDone(userId, f));
            case "cc" -> applications.copiedTo(user.accountId(), paging).map(c -> new TaskView(null, "抄送", null, null, null,
                    c.createdAt(), null, c.applicationNo(), c.submittedAt(), c.itemName(), c.agencyName(), c.status().name(), c.acceptanceDueDate(), c.dueDate(),
                    c.remainingWorkingDays(), c.clock()));
            case "all" -> {
                if (!user.permissions().contains("task:supervise")) {
                    throw ApiException.forbidden("只有监察人员可以查看辖区内的全部任务");
                }
                String region = user.regionCode();
                if (f.clock() == null) {
                    yield paging.resultCounted(views(mapper.findCasesInRegion(region, f, paging.offset(), paging.size())),
                            mapper.countCasesInRegion(region, f, REGION_COUNT_CAP + 1), REGION_COUNT_CAP);
                }
                // Only a running case has a clock: the open tasks, most urgent first.
                // A case number names one case: its few rows need no bound, and finding one would walk the region.
                LocalDate bound = f.applicationNo() != null ? null
                        : mapper.regionDueBound(region, f, paging.offset() + paging.size() - 1);
                yield paging.resultCounted(views(mapper.findInRegion(region, f, bound, paging.offset(), paging.size())),
                        mapper.countInRegion(region, f, REGION_COUNT_CAP + 1), REGION_COUNT_CAP);
            }
            default -> throw ApiException.badParameter("view", "view 须为 todo、done、cc 或 all");
        };
    }

    /** The number of tasks on this clerk's to-do list, counted as the list counts them (for live updates). */
    long todoCount(CurrentUser user) {
        Substitutions.Scope scope = substitutions.scope(user);
        return mapper.countTodo(scope.userIds(), scope.groups(),
                filter(new ListQuery(null, null, null, null, null, null, null, null, null)));
    }

    private TaskFilter filter(ListQuery q) {
        if (q.status() != null && !q.status().isBlank()) {
            try {
                ApplicationStatus.valueOf(q.status());
            } catch (IllegalArgumentException e) {
                throw ApiException.badParameter("status", "未知的办件状态 " + q.status());
            }
        }
        if (q.clock() != null && !q.clock().isBlank() && !Set.of("GREEN", "YELLOW", "RED", "SUSPENDED").contains(q.clock())) {
            throw ApiException.badParameter("clock", "clock 须为 GREEN、YELLOW、RED 或 SUSPENDED");
        }
        if (q.level() != null && !q.level().isBlank() && !Set.of("PROVINCE", "CITY_COUNTY", "TOWNSHIP", "VILLAGE").contains(q.level())) {
            throw ApiException.badParameter("level", "level 须为 PROVINCE、CITY_COUNTY、TOWNSHIP 或 VILLAGE");
        }
        if (q.receivedFrom() != null && q.receivedTo() != null && q.receivedTo().isBefore(q.receivedFrom())) {
            throw ApiException.badParameter("receivedTo", "截止日期不能早于起始日期");
        }
        return new TaskFilter(blank(q.applicationNo()), blank(q.itemName()), blank(q.status()), blank(q.clock()),
                q.receivedFrom(), q.receivedTo() == null ? null : q.receivedTo().plusDays(1), q.agencyId(), blank(q.level()),
                clock.today());
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** An engine time as a local time of the platform's zone, like every other time the application keeps. */
    private LocalDateTime local(Date at) {
        return at == null ? null : LocalDateTime.ofInstant(at.toInstant(), clock.zone());
    }

    private List<TaskView> views(List<TaskRow> rows) {
        // A page names few clerks: look each up once rather than once per row.
        Map<String, String> names = new HashMap<>();
        return rows.stream().map(r -> view(r, names)).toList();
    }

    TaskView view(TaskRow r) {
        return view(r, new HashMap<>());
    }

    private TaskView view(TaskRow r, Map<String, String> names) {
        boolean running = r.endedAt() == null && ApplicationStatus.CLOCK_RUNNING.contains(ApplicationStatus.valueOf(r.applicationStatus()))
                || ApplicationStatus.SUSPENDED.name().equals(r.applicationStatus());
        StatutoryClock.State c = running ? clock.state(r.dueDate(), r.limitDays() + r.extendedDays(), r.suspendedSince())
                : new StatutoryClock.State(r.dueDate(), null, StatutoryClock.Colour.GREEN);
        return new TaskView(r.taskId(), r.taskName(), r.taskKey(), StepKinds.of(r.taskKey(), r.taskCategory()),
                r.assignee() == null ? null
                : names.computeIfAbsent(r.assignee(), id -> identity.displayNameOf(Long.parseLong(id))), local(r.createdAt()),
                local(r.endedAt()), r.applicationNo(), r.submittedAt(),
                r.itemName(), r.agencyName(), r.applicationStatus(),
                ApplicationStatus.SUBMITTED.name().equals(r.applicationStatus()) ? r.acceptDeadline() : null, c.dueDate(),
                c.remainingWorkingDays(), c.colour());
    }
}
