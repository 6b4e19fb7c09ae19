package org.yiwang.workflow;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flowable.engine.HistoryService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.springframework.stereotype.Service;
import org.yiwang.application.ApplicationService;
import org.yiwang.application.ApplicationService.Actor;
import org.yiwang.application.ApplicationStatus;
import org.yiwang.application.ApplicationView;
import org.yiwang.common.ApiException;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.common.Transactions;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.identity.Role;
import org.yiwang.notification.NotificationService;
import org.yiwang.timelimit.StatutoryClock;

/**
 * The clerk's workbench (工作台): task lists in the clerk's scope and the actions real approval offices take,
 * each permission- and scope-checked, recorded in the timeline, and applied to the application and the engine
 * in one transaction. When two clerks act on one task, exactly one wins; the other gets a 409.
 */
@Service
public class WorkbenchService {

    /** The actions each step of the templates offers, besides claim, unclaim and transfer. */
    private static final Map<String, List<String>> STEP_ACTIONS = Map.of(
            "handleInstant", List.of("approve", "reject", "refuse"),
            "acceptApplication", List.of("accept", "refuse", "supplement"),
            "villageIntake", List.of("accept", "refuse", "supplement"),
            "reviewApplication", List.of("review", "suspend", "resume"),
            "jointReview", List.of("review"),
            "townshipReview", List.of("review"),
            "decideApplication", List.of("approve", "reject", "return", "suspend", "resume", "extend"),
            "countyDecision", List.of("approve", "reject", "return", "suspend", "resume", "extend"));
    private static final Set<String> NEED_OPINION = Set.of("refuse", "supplement", "reject", "return", "suspend", "extend");
    private static final Map<String, String> PROCEDURES = Map.of("HEARING", "听证", "TESTING", "检验检测",
            "EXPERT_REVIEW", "专家评审", "INSPECTION", "现场勘查");

    private final TaskService tasks;
    private final HistoryService history;
    private final TaskMapper mapper;
    private final ApplicationService applications;
    private final IdentityService identity;
    private final NotificationService notifications;
    private final StatutoryClock clock;
    private final Transactions transactions;

    WorkbenchService(TaskService tasks, HistoryService history, TaskMapper mapper, ApplicationService applications,
            IdentityService identity, NotificationService notifications, StatutoryClock clock, Transactions transactions) {
        this.tasks = tasks;
        this.history = history;
        this.mapper = mapper;
        this.applications = applications;
        this.identity = identity;
        this.notifications = notifications;
        this.clock = clock;
        this.transactions = transactions;
    }

    public record TaskView(String taskId, String taskName, String taskKey, String assignee, LocalDateTime createdAt,
            LocalDateTime endedAt, String applicationNo, String itemName, String agencyName, String applicationStatus,
            LocalDate dueDate, Integer remainingWorkingDays, StatutoryClock.Colour clock) {
    }

    public record TaskDetail(TaskView task, ApplicationView application, List<String> actions) {
    }

    /** The body of an action; each action reads the fields it needs. */
    public record ActionRequest(String opinion, List<Long> materialIds, String procedure, Integer days,
            String toUsername) {
    }

    public PageResult<TaskView> list(String view, String applicationNo, Paging paging) {
        CurrentUser user = identity.current();
        String no = applicationNo == null || applicationNo.isBlank() ? null : applicationNo.trim();
        String userId = String.valueOf(user.accountId());
        List<String> groups = Assignment.groupsOf(user);
        return switch (view == null ? "todo" : view) {
            case "todo" -> paging.result(views(mapper.findTodo(userId, groups, no, paging.offset(), paging.size())),
                    mapper.countTodo(userId, groups, no));
            case "done" -> paging.result(views(mapper.findDone(userId, no, paging.offset(), paging.size())),
                    mapper.countDone(userId, no));
            case "all" -> {
                if (!user.permissions().contains("task:supervise")) {
                    throw ApiException.forbidden("只有监察人员可以查看辖区内的全部任务");
                }
                yield paging.result(views(mapper.findInRegion(user.regionCode(), no, paging.offset(), paging.size())),
                        mapper.countInRegion(user.regionCode(), no));
            }
            default -> throw ApiException.badParameter("view", "view 须为 todo、done 或 all");
        };
    }

    public TaskDetail detail(String taskId) {
        CurrentUser user = identity.current();
        Task task = visibleTask(taskId, user, true);
        TaskRow row = mapper.findOpen(task.getId());
        return new TaskDetail(view(row), applications.get(row.applicationNo()), actions(task, user));
    }

    public TaskDetail act(String taskId, String action, ActionRequest request) {
        CurrentUser user = identity.current();
        return transactions.retryingDeadlocks(() -> actOnce(user, taskId, action, request));
    }

    private TaskDetail actOnce(CurrentUser user, String taskId, String action, ActionRequest request) {
        ActionRequest body = request == null ? new ActionRequest(null, null, null, null, null) : request;
        Task task = visibleTask(taskId, user, false);
        if (!actions(task, user).contains(action)) {
            if (!STEP_ACTIONS.containsKey(task.getTaskDefinitionKey()) || !knownAction(action)) {
                throw ApiException.badParameter("action", "未知操作 " + action);
            }
            throw ApiException.conflict("ACTION_NOT_ALLOWED", "当前步骤“" + task.getName() + "”不能执行“" + action + "”，或您没有该权限");
        }
        String opinion = body.opinion() == null ? null : body.opinion().trim();
        if (NEED_OPINION.contains(action) && (opinion == null || opinion.isEmpty())) {
            throw ApiException.badParameter("opinion", "请填写意见");
        }
        String no = task.getProcessInstanceId() == null ? null : (String) tasks.getVariable(task.getId(), "applicationNo");
        String userId = String.valueOf(user.accountId());
        switch (action) {
            case "claim" -> {
                tasks.claim(task.getId(), userId);
                applications.recorded(no, actor(user, null), "CLAIM", task.getName());
            }
            case "unclaim" -> {
                tasks.unclaim(task.getId());
                applications.recorded(no, actor(user, null), "UNCLAIM", task.getName());
            }
            case "transfer" -> transfer(task, user, no, body.toUsername(), opinion);
            case "accept" -> {
                applications.accepted(no, actor(user, Role.ACCEPT), opinion);
                complete(task, userId, "accept");
            }
            case "refuse" -> {
                applications.refused(no, actor(user, Role.ACCEPT), opinion);
                complete(task, userId, "refuse");
            }
            case "supplement" -> {
                applications.supplementRequested(no, actor(user, Role.ACCEPT), opinion, body.materialIds());
                complete(task, userId, "supplement");
            }
            case "review" -> {
                applications.reviewed(no, actor(user, Role.REVIEW), opinion,
                        "townshipReview".equals(task.getTaskDefinitionKey()) ? "PRELIMINARY_REVIEW" : "REVIEW");
                complete(task, userId, "review");
            }
            case "approve", "reject" -> {
                boolean approve = action.equals("approve");
                if ("handleInstant".equals(task.getTaskDefinitionKey())) {
                    applications.decidedOnTheSpot(no, actor(user, Role.ACCEPT), approve, opinion);
                } else {
                    applications.decided(no, actor(user, user.has(Role.APPROVE) ? Role.APPROVE : Role.HEAD), approve, opinion);
                }
                complete(task, userId, action);
            }
            case "return" -> {
                applications.recorded(no, actor(user, Role.APPROVE), "RETURN", opinion);
                complete(task, userId, "return");
            }
            case "suspend" -> {
                String procedure = PROCEDURES.get(body.procedure() == null ? "" : body.procedure());
                if (procedure == null) {
                    throw ApiException.badParameter("procedure", "特别程序须为 HEARING、TESTING、EXPERT_REVIEW 或 INSPECTION");
                }
                applications.suspended(no, actor(user, null), procedure, opinion);
            }
            case "resume" -> applications.resumed(no, actor(user, null), opinion);
            case "extend" -> applications.extended(no, actor(user, Role.HEAD), body.days() == null ? 0 : body.days(), opinion);
            default -> throw ApiException.badParameter("action", "未知操作 " + action);
        }
        Task next = tasks.createTaskQuery().taskId(task.getId()).singleResult();
        return next == null ? null : detail(next.getId());
    }

    private void transfer(Task task, CurrentUser user, String no, String toUsername, String opinion) {
        CurrentUser target = identity.staffMember(toUsername)
                .filter(t -> t.agencyId() != null && t.agencyId().equals(user.agencyId()))
                .filter(t -> !Assignment.groupsOf(t).stream().filter(g -> candidateGroups(task).contains(g)).toList().isEmpty())
                .orElseThrow(() -> ApiException.badParameter("toUsername", "只能转办给本单位负责该环节的工作人员"));
        tasks.setAssignee(task.getId(), String.valueOf(target.accountId()));
        applications.recorded(no, actor(user, null), "TRANSFER", "转办给 " + target.displayName()
                + (opinion == null || opinion.isEmpty() ? "" : "：" + opinion));
        notifications.send(target.accountId(), "转办任务", user.displayName() + " 将办件 " + no + " 的“" + task.getName()
                + "”转给您办理。", no);
    }

    /** Completes a task as this clerk; an unclaimed task is claimed first so the history names who did it. */
    private void complete(Task task, String userId, String outcome) {
        if (task.getAssignee() == null) {
            tasks.claim(task.getId(), userId);
        }
        tasks.complete(task.getId(), Map.of("outcome", outcome));
    }

    private List<String> actions(Task task, CurrentUser user) {
        ApplicationService.Handle h = applications.handle((String) tasks.getVariable(task.getId(), "applicationNo"));
        String userId = String.valueOf(user.accountId());
        List<String> actions = new ArrayList<>();
        if (task.getAssignee() == null) {
            actions.add("claim");
        } else if (task.getAssignee().equals(userId)) {
            actions.add("unclaim");
        }
        if (task.getAssignee() != null && !task.getAssignee().equals(userId)) {
            return actions;
        }
        actions.add("transfer");
        for (String action : STEP_ACTIONS.getOrDefault(task.getTaskDefinitionKey(), List.of())) {
            if (permitted(action, task.getTaskDefinitionKey(), user) && possible(action, h)) {
                actions.add(action);
            }
        }
        return actions;
    }

    private static boolean permitted(String action, String step, CurrentUser user) {
        Set<String> p = user.permissions();
        if ("handleInstant".equals(step)) {
            return p.contains("application:accept") || p.contains("application:approve");
        }
        return switch (action) {
            case "accept", "refuse", "supplement" -> p.contains("application:accept");
            case "review" -> p.contains("application:review");
            case "approve", "reject", "return" -> p.contains("application:approve");
            case "suspend", "resume" -> p.contains("application:review") || p.contains("application:approve");
            case "extend" -> p.contains("application:extend");
            default -> false;
        };
    }

    private static boolean possible(String action, ApplicationService.Handle h) {
        if (h.suspended()) {
            return action.equals("resume") || action.equals("extend") && !h.extended();
        }
        return switch (action) {
            case "resume" -> false;
            case "supplement" -> h.supplementCount() == 0 && h.status() == ApplicationStatus.SUBMITTED;
            case "extend" -> !h.extended();
            default -> true;
        };
    }

    private static boolean knownAction(String action) {
        return Set.of("claim", "unclaim", "transfer", "accept", "refuse", "supplement", "review", "approve", "reject",
                "return", "suspend", "resume", "extend").contains(action);
    }

    /**
     * The task if this clerk may see it. A task of another agency answers 404, like one that never existed; a
     * task the clerk could have taken that someone else has just completed answers 409.
     */
    private Task visibleTask(String taskId, CurrentUser user, boolean forReading) {
        List<String> groups = Assignment.groupsOf(user);
        String userId = String.valueOf(user.accountId());
        Task task = taskId == null || taskId.length() > 64 ? null : tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            boolean wasMine = taskId != null && taskId.length() <= 64 && !groups.isEmpty()
                    && history.createHistoricTaskInstanceQuery().taskId(taskId).or().taskAssignee(userId)
                            .taskCandidateGroupIn(groups).endOr().count() > 0;
            if (wasMine) {
                throw ApiException.conflict("TASK_ALREADY_HANDLED", "该任务已被处理，请刷新待办列表");
            }
            throw ApiException.notFound("任务 " + taskId);
        }
        boolean candidate = !groups.isEmpty() && candidateGroups(task).stream().anyMatch(groups::contains);
        if (userId.equals(task.getAssignee()) || candidate && (task.getAssignee() == null || forReading)) {
            return task;
        }
        if (candidate) {
            throw ApiException.conflict("TASK_CLAIMED", "该任务已由"
                    + identity.displayNameOf(Long.parseLong(task.getAssignee())) + "签收");
        }
        if (forReading && user.permissions().contains("task:supervise")) {
            return task;
        }
        throw ApiException.notFound("任务 " + taskId);
    }

    private List<String> candidateGroups(Task task) {
        return tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> "candidate".equals(l.getType()) && l.getGroupId() != null)
                .map(l -> l.getGroupId()).toList();
    }

    private static Actor actor(CurrentUser user, Role role) {
        Role shown = role != null ? role : user.roles().stream().findFirst().orElse(null);
        return Actor.of(user, shown);
    }

    private List<TaskView> views(List<TaskRow> rows) {
        return rows.stream().map(this::view).toList();
    }

    private TaskView view(TaskRow r) {
        boolean running = r.endedAt() == null && ApplicationStatus.CLOCK_RUNNING.contains(ApplicationStatus.valueOf(r.applicationStatus()))
                || ApplicationStatus.SUSPENDED.name().equals(r.applicationStatus());
        StatutoryClock.State c = running ? clock.state(r.dueDate(), r.limitDays() + r.extendedDays(), r.suspendedSince())
                : new StatutoryClock.State(r.dueDate(), null, StatutoryClock.Colour.GREEN);
        return new TaskView(r.taskId(), r.taskName(), r.taskKey(), r.assignee() == null ? null
                : identity.displayNameOf(Long.parseLong(r.assignee())), r.createdAt(), r.endedAt(), r.applicationNo(),
                r.itemName(), r.agencyName(), r.applicationStatus(), c.dueDate(), c.remainingWorkingDays(), c.colour());
    }
}
