package org.yiwang.workbench;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.yiwang.application.ApplicationService;
import org.yiwang.application.ApplicationService.Actor;
import org.yiwang.application.ApplicationStatus;
import org.yiwang.application.ApplicationView;
import org.yiwang.audit.AuditService;
import org.yiwang.common.ApiException;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.common.Transactions;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.identity.Masking;
import org.yiwang.identity.Role;
import org.yiwang.notification.NotificationService;
import org.yiwang.timelimit.StatutoryClock;
import org.yiwang.workflow.Assignment;
import org.yiwang.workflow.OpenTask;
import org.yiwang.workflow.StepKinds;
import org.yiwang.workflow.TaskEngine;
import org.yiwang.workflow.WorkflowService;

/**
 * The clerk's workbench (工作台): task lists in the clerk's scope and the actions real approval offices take,
 * each permission- and scope-checked, recorded in the timeline, and applied to the application and the engine
 * in one transaction. When two clerks act on one task, exactly one wins; the other gets a 409.
 */
@Service
public class WorkbenchService {

    /**
     * A province holds a hundred thousand open tasks: the supervisors' list counts no further than this (the answer
     * then says "more than"), so that its count costs what a page costs.
     */
    static final long REGION_COUNT_CAP = 1_000;
    private static final Map<String, String> PROCEDURES = Map.of("HEARING", "听证", "TESTING", "检验检测",
            "EXPERT_REVIEW", "专家评审", "INSPECTION", "现场勘查");

    private final TaskEngine tasks;
    private final TaskMapper mapper;
    private final WorkflowService workflow;
    private final Assignment assignment;
    private final ApplicationService applications;
    private final IdentityService identity;
    private final NotificationService notifications;
    private final StatutoryClock clock;
    private final Transactions transactions;
    private final AuditService audit;

    WorkbenchService(TaskEngine tasks, TaskMapper mapper, WorkflowService workflow,
            Assignment assignment, ApplicationService applications,
            IdentityService identity, NotificationService notifications, StatutoryClock clock, Transactions transactions,
            AuditService audit) {
        this.tasks = tasks;
        this.mapper = mapper;
        this.workflow = workflow;
        this.assignment = assignment;
        this.applications = applications;
        this.identity = identity;
        this.notifications = notifications;
        this.clock = clock;
        this.transactions = transactions;
        this.audit = audit;
    }

    /** The acts that decide a case's course, which the audit log lists besides the case's own timeline (and 撤回). */
    private static final Set<Action> DECISIONS = EnumSet.of(Action.ACCEPT, Action.REFUSE, Action.SUPPLEMENT, Action.REVIEW,
            Action.APPROVE, Action.REJECT, Action.RETURN, Action.SUSPEND, Action.RESUME, Action.EXTEND);

    public record TaskView(String taskId, String taskName, String taskKey, String stepKind, String assignee, LocalDateTime createdAt,
            LocalDateTime endedAt, String applicationNo, LocalDateTime submittedAt, String itemName, String agencyName,
            String applicationStatus, LocalDate acceptanceDueDate, LocalDate dueDate, Integer remainingWorkingDays, StatutoryClock.Colour clock) {
    }

    /**
     * A task with its case and what this clerk may do: {@code actions} by name, {@code actionDetails} with what each
     * needs; {@code countersign} names the kind of a countersign step.
     */
    public record TaskDetail(TaskView task, ApplicationView application, List<String> actions,
            WorkflowService.Countersign countersign, List<Action.View> actionDetails) {

        TaskDetail(TaskView task, ApplicationView application, List<Action> allowed, WorkflowService.Countersign countersign) {
            this(task, application, allowed.stream().map(Action::wire).toList(), countersign,
                    allowed.stream().map(Action::view).toList());
        }
    }

    /** The body of an action; each action reads the fields it needs. */
    public record ActionRequest(String opinion, List<Long> materialIds, String procedure, Integer days,
            String toUsername, List<String> toUsernames, String targetStep, Long agencyId, String signerTaskId, String position) {
    }

    /**
     * Whose work a clerk sees: their own, and — while colleagues who named them as substitute (代理人) are away —
     * those colleagues' tasks too.
     */
    private record Scope(CurrentUser user, List<String> userIds, List<String> groups, Map<String, CurrentUser> absent) {
    }

    /**
     * Who the clerk acts as on this task: themselves, or — on an absent colleague's task — someone with that
     * colleague's agency and roles whose name in the timeline reads "赵受理（代 王受理）". Claims still go to
     * the clerk's own account.
     */
    private CurrentUser effective(Scope scope, OpenTask task) {
        CurrentUser user = scope.user();
        List<String> groups = candidateGroups(task);
        if (groups.stream().anyMatch(Assignment.groupsOf(user)::contains)) {
            return user;
        }
        CurrentUser away = task.assignee() == null ? null : scope.absent().get(task.assignee());
        if (away == null) {
            away = groups.stream().map(scope.absent()::get).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        }
        return away == null ? user : new CurrentUser(user.accountId(), user.username(),
                user.displayName() + "（代 " + away.displayName() + "）", user.kind(), away.agencyId(), away.agencyName(),
                away.regionCode(), away.roles());
    }

    private Scope scope(CurrentUser user) {
        List<String> ids = new ArrayList<>(List.of(String.valueOf(user.accountId())));
        List<String> groups = new ArrayList<>(Assignment.groupsOf(user));
        Map<String, CurrentUser> absent = new java.util.HashMap<>();
        for (long away : mapper.findSubstituted(user.accountId(), clock.today())) {
            identity.staffMember(away).ifPresent(colleague -> {
                ids.add(String.valueOf(away));
                absent.put(String.valueOf(away), colleague);
                Assignment.groupsOf(colleague).stream().filter(g -> !groups.contains(g)).forEach(g -> {
                    groups.add(g);
                    absent.put(g, colleague);
                });
            });
        }
        return new Scope(user, ids, groups, absent);
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
        Scope scope = scope(user);
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
                java.time.LocalDate bound = f.applicationNo() != null ? null
                        : mapper.regionDueBound(region, f, paging.offset() + paging.size() - 1);
                yield paging.resultCounted(views(mapper.findInRegion(region, f, bound, paging.offset(), paging.size())),
                        mapper.countInRegion(region, f, REGION_COUNT_CAP + 1), REGION_COUNT_CAP);
            }
            default -> throw ApiException.badParameter("view", "view 须为 todo、done、cc 或 all");
        };
    }

    /** The number of tasks on this clerk's to-do list, counted as the list counts them (for live updates). */
    long todoCount(CurrentUser user) {
        Scope scope = scope(user);
        return mapper.countTodo(scope.userIds(), scope.groups(),
                filter(new ListQuery(null, null, null, null, null, null, null, null, null)));
    }

    public TaskDetail detail(String taskId) {
        CurrentUser user = identity.current();
        Scope scope = scope(user);
        OpenTask task = visibleTask(taskId, scope, true);
        TaskRow row = mapper.findOpen(task.id());
        return new TaskDetail(view(row), applications.get(row.applicationNo()), actions(task, effective(scope, task)),
                workflow.countersign(task.processDefinitionId(), task.key()));
    }

    public TaskDetail act(String taskId, String action, ActionRequest request) {
        CurrentUser user = identity.current();
        return transactions.retryingDeadlocks(() -> actOnce(user, taskId, action, request));
    }

    private TaskDetail actOnce(CurrentUser caller, String taskId, String requested, ActionRequest request) {
        ActionRequest body = request == null ? new ActionRequest(null, null, null, null, null, null, null, null, null, null) : request;
        Action named = Action.of(requested).orElse(null);
        if (named == Action.WITHDRAW) {
            return withdrawStep(caller, taskId, body.opinion());
        }
        Scope scope = scope(caller);
        OpenTask task = visibleTask(taskId, scope, false);
        CurrentUser user = effective(scope, task);
        if (named == null || !actions(task, user).contains(named)) {
            if (kind(task) == null || named == null) {
                throw ApiException.badParameter("action", "未知操作 " + requested);
            }
            throw ApiException.conflict("ACTION_NOT_ALLOWED", "当前步骤“" + task.name() + "”不能执行“" + requested + "”，或您没有该权限");
        }
        Action action = named;
        String opinion = body.opinion() == null ? null : body.opinion().trim();
        if (action.opinionRequired() && (opinion == null || opinion.isEmpty())) {
            throw ApiException.badParameter("opinion", "请填写意见");
        }
        String no = applicationNoOf(task);
        String userId = String.valueOf(user.accountId());
        switch (action) {
            case CLAIM -> {
                tasks.claim(task.id(), userId);
                applications.recorded(no, actor(user, null), "CLAIM", opinion);
            }
            case UNCLAIM -> {
                tasks.unclaim(task.id());
                applications.recorded(no, actor(user, null), "UNCLAIM", opinion);
            }
            case TRANSFER -> transfer(task, user, no, body.toUsername(), opinion);
            case ACCEPT -> {
                applications.accepted(no, actor(user, Role.ACCEPT), opinion);
                complete(task, userId, "accept");
            }
            case REFUSE -> {
                applications.refused(no, actor(user, Role.ACCEPT), opinion);
                complete(task, userId, "refuse");
            }
            case SUPPLEMENT -> {
                applications.supplementRequested(no, actor(user, Role.ACCEPT), opinion, body.materialIds());
                complete(task, userId, "supplement");
            }
            case REVIEW -> {
                applications.reviewed(no, actor(user, Role.REVIEW), opinion,
                        StepKinds.PRELIMINARY.equals(kind(task)) ? "PRELIMINARY_REVIEW" : "REVIEW");
                List<OpenTask> siblings = openSiblings(task);
                complete(task, userId, "review");
                recordCancelledSigners(no, user, siblings);
            }
            case APPROVE, REJECT -> {
                boolean approve = action == Action.APPROVE;
                if (StepKinds.INSTANT.equals(kind(task))) {
                    applications.decidedOnTheSpot(no, actor(user, Role.ACCEPT), approve, opinion);
                } else {
                    applications.decided(no, actor(user, user.has(Role.APPROVE) ? Role.APPROVE : Role.HEAD), approve, opinion);
                }
                complete(task, userId, action.wire());
            }
            case RETURN -> returnTo(task, user, no, body.targetStep(), opinion);
            case DELEGATE -> {
                CurrentUser target = colleague(user, body.toUsername());
                tasks.delegate(task.id(), String.valueOf(target.accountId()));
                applications.recorded(no, actor(user, null), "DELEGATE", "委派给 " + target.displayName()
                        + (opinion == null || opinion.isEmpty() ? "" : "：" + opinion));
                notifications.send(target.accountId(), "委派任务", user.displayName() + " 请您协助办理办件 " + no + " 的“"
                        + task.name() + "”，办理后请回复。", no);
            }
            case RESOLVE -> {
                tasks.resolve(task.id());
                applications.recorded(no, actor(user, null), "RESOLVE", opinion);
            }
            case COPY -> {
                List<String> names = body.toUsernames() == null ? List.of() : body.toUsernames();
                if (names.isEmpty()) {
                    throw ApiException.badParameter("toUsernames", "请选择抄送对象");
                }
                List<Long> ids = new ArrayList<>();
                for (String name : names) {
                    ids.add(identity.staffMember(name).filter(t -> t.accountId() != user.accountId())
                            .orElseThrow(() -> ApiException.badParameter("toUsernames", "抄送对象 " + name + " 不是在职工作人员"))
                            .accountId());
                }
                applications.copied(no, actor(user, null), ids, opinion);
            }
            case ADD_SIGNER -> addSigner(task, user, no, body, opinion);
            case REMOVE_SIGNER -> removeSigner(task, user, no, body, opinion);
            case SUSPEND -> {
                String procedure = PROCEDURES.get(body.procedure() == null ? "" : body.procedure());
                if (procedure == null) {
                    throw ApiException.badParameter("procedure", "特别程序须为 HEARING、TESTING、EXPERT_REVIEW 或 INSPECTION");
                }
                applications.suspended(no, actor(user, null), procedure, opinion);
            }
            case RESUME -> applications.resumed(no, actor(user, null), opinion);
            case EXTEND -> applications.extended(no, actor(user, Role.HEAD), body.days() == null ? 0 : body.days(), opinion);
            case WITHDRAW -> throw new IllegalStateException("撤回 is handled above");
        }
        if (DECISIONS.contains(action)) {
            auditDecision(caller, action, no, task.name(), opinion);
        }
        if (!tasks.isOpen(task.id())) {
            return null;
        }
        try {
            return detail(task.id());
        } catch (ApiException e) {
            // Resolved, transferred or delegated away: the task lives on where this clerk no longer sees it.
            if (e.status() == org.springframework.http.HttpStatus.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /**
     * 退回: back to an earlier step this case has been through — from one task, from parallel branches or from
     * every instance of a countersign step at once. Back at acceptance the acceptance is undone.
     */
    private void returnTo(OpenTask task, CurrentUser user, String no, String targetStep, String opinion) {
        List<WorkflowService.Step> done = workflow.completedSteps(task.processInstanceId()).stream()
                .filter(st -> !st.key().equals(task.key())).toList();
        if (done.isEmpty()) {
            throw ApiException.conflict("NOTHING_TO_RETURN_TO", "没有可以退回的前序环节");
        }
        WorkflowService.Step target = targetStep == null ? done.get(done.size() - 1)
                : done.stream().filter(st -> st.key().equals(targetStep)).findFirst()
                        .orElseThrow(() -> ApiException.badParameter("targetStep", "只能退回到本件已经过的环节"));
        if (StepKinds.ACCEPT.equals(target.kind())) {
            LocalDate deadline = applications.returnedToAcceptance(no, actor(user, null), "RETURN", "退回“" + target.name() + "”：" + opinion);
            workflow.setAcceptDeadline(task.processInstanceId(), deadline);
        } else {
            applications.recorded(no, actor(user, null), "RETURN", "退回“" + target.name() + "”：" + opinion);
        }
        workflow.moveTo(task.processInstanceId(), target.key());
    }

    /**
     * 撤回: a clerk takes back the step they just completed while nobody has touched the next one yet. The
     * step comes back to them, claimed.
     */
    private TaskDetail withdrawStep(CurrentUser user, String taskId, String opinion) {
        String userId = String.valueOf(user.accountId());
        OpenTask.Finished done = taskId == null || taskId.length() > 64 ? null : tasks.finishedBy(taskId, userId).orElse(null);
        if (done == null) {
            throw ApiException.notFound("已办任务 " + taskId);
        }
        String pid = done.processInstanceId();
        List<OpenTask> next = tasks.openTasks(pid);
        boolean laterWork = tasks.completedAfter(done);
        if (next.isEmpty() || laterWork || next.stream().anyMatch(t -> t.assignee() != null)) {
            throw ApiException.conflict("NOT_WITHDRAWABLE", "下一环节已有人处理或办件已办结，不能撤回");
        }
        String no = tasks.applicationNoOfProcess(pid);
        if (StepKinds.ACCEPT.equals(done.kind())) {
            LocalDate deadline = applications.returnedToAcceptance(no, actor(user, null), "WITHDRAW_STEP", opinion);
            workflow.setAcceptDeadline(pid, deadline);
        } else {
            applications.recorded(no, actor(user, null), "WITHDRAW_STEP", "撤回“" + done.name() + "”：" + opinion);
        }
        workflow.moveTo(pid, done.key());
        auditDecision(user, Action.WITHDRAW, no, done.name(), opinion);
        OpenTask again = tasks.openFor(pid, done.key(), Assignment.groupsOf(user)).orElse(null);
        if (again == null) {
            return null;
        }
        tasks.claim(again.id(), userId);
        return detail(again.id());
    }

    // ---- Countersign steps (会签 all, 或签 any one, 依次 one after another): their signers, 加签 and 减签 ----

    /** One signer of a countersign step: agency, state (DONE, PENDING, WAITING), and whether this clerk may remove it. */
    public record SignerView(String taskId, Long agencyId, String agencyName, WorkflowService.SignerState state,
            String assignee, LocalDateTime endedAt, boolean removable) {
    }

    public record Signers(WorkflowService.Countersign countersign, List<SignerView> signers, boolean canAdd,
            boolean canAddBefore) {
    }

    /** The signers of the countersign step this task belongs to, for whoever may see the task. */
    public Signers signers(String taskId) {
        Scope scope = scope(identity.current());
        OpenTask task = visibleTask(taskId, scope, true);
        WorkflowService.Countersign kind = workflow.countersign(task.processDefinitionId(), task.key());
        if (kind == null) {
            throw ApiException.notFound("任务 " + taskId + " 的会签");
        }
        List<Action> actions = actions(task, effective(scope, task));
        boolean canRemove = actions.contains(Action.REMOVE_SIGNER);
        List<SignerView> signers = workflow.signers(task).stream().map(s -> {
            Long agencyId = Assignment.agencyOf(s.group());
            boolean removable = canRemove && (s.state() == WorkflowService.SignerState.WAITING
                    || s.state() == WorkflowService.SignerState.PENDING && kind != WorkflowService.Countersign.SEQUENTIAL
                            && !task.id().equals(s.taskId()));
            return new SignerView(s.taskId(), agencyId, agencyId == null ? s.group() : assignment.agencyName(agencyId), s.state(),
                    s.assignee() == null ? null : identity.displayNameOf(Long.parseLong(s.assignee())), s.endedAt(), removable);
        }).toList();
        boolean canAdd = actions.contains(Action.ADD_SIGNER);
        return new Signers(kind, signers, canAdd, canAdd && kind == WorkflowService.Countersign.SEQUENTIAL);
    }

    /** The lead agency manages the signers; on a sequential step whoever's turn it is may also 加签 before or after. */
    private boolean managesSigners(Action action, OpenTask task, boolean lead) {
        return lead || action == Action.ADD_SIGNER && workflow.countersign(task.processDefinitionId(),
                task.key()) == WorkflowService.Countersign.SEQUENTIAL;
    }

    private void addSigner(OpenTask task, CurrentUser user, String no, ActionRequest body, String opinion) {
        if (body.agencyId() == null || !assignment.agencyExists(body.agencyId())) {
            throw ApiException.badParameter("agencyId", "请选择加签的部门");
        }
        String group = Assignment.group(body.agencyId(), Role.REVIEW);
        boolean sequential = workflow.countersign(task.processDefinitionId(), task.key())
                == WorkflowService.Countersign.SEQUENTIAL;
        String position = body.position() == null ? "AFTER" : body.position();
        if (!Set.of("BEFORE", "AFTER").contains(position) || !sequential && position.equals("BEFORE")) {
            throw ApiException.badParameter("position", sequential ? "position 须为 BEFORE 或 AFTER" : "并行会签不分先后，不能前加签");
        }
        boolean signing = tasks.offeredTo(task.processInstanceId(), group);
        if (signing || sequential && workflow.waitingSigners(task.executionId()).contains(group)) {
            throw ApiException.conflict("SIGNER_EXISTS", "该部门已在会签中");
        }
        String agency = assignment.agencyName(body.agencyId());
        if (sequential) {
            workflow.insertSigner(task, group, position.equals("BEFORE"));
            agency += position.equals("BEFORE") ? "（在本部门之前审查）" : "（在本部门之后审查）";
        } else {
            workflow.addSigner(task.processInstanceId(), task.key(), group);
        }
        applications.recorded(no, actor(user, Role.REVIEW), "ADD_SIGNER", agency + (opinion == null || opinion.isEmpty() ? "" : "：" + opinion));
    }

    /** 减签: a parallel signer's open task (by its id), or an agency still waiting for its turn on a sequential step. */
    private void removeSigner(OpenTask task, CurrentUser user, String no, ActionRequest body, String opinion) {
        String removed;
        if (body.signerTaskId() != null) {
            OpenTask signer = tasks.openOfStep(body.signerTaskId(), task.processInstanceId(), task.key()).orElse(null);
            if (signer == null || signer.id().equals(task.id())) {
                throw ApiException.badParameter("signerTaskId", "请选择要减去的会签任务（不能是自己的）");
            }
            removed = candidateGroups(signer).stream().map(Assignment::agencyOf).filter(java.util.Objects::nonNull).findFirst()
                    .map(assignment::agencyName).orElse(signer.name());
            workflow.removeSigner(signer.executionId());
        } else {
            String group = body.agencyId() == null ? null : Assignment.group(body.agencyId(), Role.REVIEW);
            if (group == null || workflow.countersign(task.processDefinitionId(), task.key())
                    != WorkflowService.Countersign.SEQUENTIAL || !workflow.waitingSigners(task.executionId()).contains(group)) {
                throw ApiException.badParameter("agencyId", "请选择尚未轮到审查的部门");
            }
            removed = assignment.agencyName(body.agencyId());
            workflow.removeWaitingSigner(task.executionId(), group);
        }
        applications.recorded(no, actor(user, Role.REVIEW), "REMOVE_SIGNER", removed
                + (opinion == null || opinion.isEmpty() ? "" : "：" + opinion));
    }

    /** The other open tasks of the countersign step this task belongs to; none when it is no countersign step. */
    private List<OpenTask> openSiblings(OpenTask task) {
        if (workflow.countersign(task.processDefinitionId(), task.key()) == null) {
            return List.of();
        }
        return tasks.openOfStep(task.processInstanceId(), task.key()).stream().filter(t -> !t.id().equals(task.id())).toList();
    }

    /** 或签: once one agency's review completes the step, the others' tasks are gone; the timeline names them. */
    private void recordCancelledSigners(String no, CurrentUser user, List<OpenTask> siblings) {
        List<String> cancelled = new ArrayList<>();
        for (OpenTask t : siblings) {
            if (!tasks.isOpen(t.id())) {
                tasks.formerCandidateGroups(t.id()).stream().map(Assignment::agencyOf)
                        .filter(java.util.Objects::nonNull).findFirst()
                        .ifPresent(agency -> cancelled.add(assignment.agencyName(agency)));
            }
        }
        if (!cancelled.isEmpty()) {
            applications.recorded(no, actor(user, Role.REVIEW), "SIGNERS_CANCELLED", "或签：" + user.agencyName()
                    + "已审查，" + String.join("、", cancelled) + "无需再审查，其任务已取消");
        }
    }

    /** The clerk's substitute while away (代理人), if one is set. */
    public record Substitution(String toUsername, String displayName, LocalDate from, LocalDate to) {
    }

    public Substitution substitution() {
        TaskMapper.Substitution s = mapper.findSubstitution(identity.current().accountId());
        if (s == null) {
            return null;
        }
        CurrentUser substitute = identity.staffMember(s.substituteId()).orElse(null);
        return new Substitution(substitute == null ? null : substitute.username(),
                substitute == null ? null : substitute.displayName(), s.startsOn(), s.endsOn());
    }

    public Substitution setSubstitution(Substitution request) {
        CurrentUser user = identity.current();
        CurrentUser substitute = colleague(user, request.toUsername());
        LocalDate today = clock.today();
        if (request.from() == null || request.to() == null || request.to().isBefore(request.from()) || request.to().isBefore(today)
                || request.from().plusDays(90).isBefore(request.to())) {
            throw ApiException.badParameter("to", "请填写不早于今天、不超过 90 天的外出期间");
        }
        return transactions.retryingDeadlocks(() -> {
            mapper.deleteSubstitution(user.accountId());
            mapper.insertSubstitution(user.accountId(), substitute.accountId(), request.from(), request.to());
            notifications.send(substitute.accountId(), "代理办理", user.displayName() + " 在 " + request.from() + " 至 "
                    + request.to() + " 外出期间，由您代为办理其待办任务。", null);
            return substitution();
        });
    }

    public void clearSubstitution() {
        mapper.deleteSubstitution(identity.current().accountId());
    }

    /** Batch acceptance or approval of instant items (即办件): each task on its own, each answer reported. */
    public record BatchResult(String taskId, int status, String code, String detail) {
    }

    public List<BatchResult> batch(String action, List<String> taskIds, String opinion) {
        if (!action.equals("accept") && !action.equals("approve")) {
            throw ApiException.badParameter("action", "批量办理只支持 accept 或 approve");
        }
        if (taskIds == null || taskIds.isEmpty() || taskIds.size() > 50) {
            throw ApiException.badParameter("taskIds", "请选择 1 到 50 个任务");
        }
        List<BatchResult> results = new ArrayList<>();
        for (String taskId : taskIds) {
            try {
                OpenTask task = taskId == null ? null : tasks.anyOpen(taskId).orElse(null);
                if (task != null && !StepKinds.INSTANT.equals(task.kind())) {
                    throw ApiException.conflict("NOT_INSTANT", "只有即办件可以批量办理");
                }
                // An instant item's one step accepts and approves together.
                act(taskId, "approve", new ActionRequest(opinion, null, null, null, null, null, null, null, null, null));
                results.add(new BatchResult(taskId, 200, "OK", null));
            } catch (ApiException e) {
                results.add(new BatchResult(taskId, e.status().value(), e.code(), e.getMessage()));
            } catch (RuntimeException e) {
                if (!TaskEngine.lostRace(e)) {
                    throw e;
                }
                results.add(new BatchResult(taskId, 409, "CONCURRENT_UPDATE", "该任务已被他人处理或签收"));
            }
        }
        return results;
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

    /** A member of staff of the same agency, for transfer and delegation. */
    private CurrentUser colleague(CurrentUser user, String username) {
        return identity.staffMember(username)
                .filter(t -> t.agencyId() != null && t.agencyId().equals(user.agencyId()) && t.accountId() != user.accountId())
                .orElseThrow(() -> ApiException.badParameter("toUsername", "只能委派给本单位的其他工作人员"));
    }

    private void transfer(OpenTask task, CurrentUser user, String no, String toUsername, String opinion) {
        CurrentUser target = identity.staffMember(toUsername)
                .filter(t -> t.agencyId() != null && t.agencyId().equals(user.agencyId()))
                .filter(t -> !Assignment.groupsOf(t).stream().filter(g -> candidateGroups(task).contains(g)).toList().isEmpty())
                .orElseThrow(() -> ApiException.badParameter("toUsername", "只能转办给本单位负责该环节的工作人员"));
        tasks.assign(task.id(), String.valueOf(target.accountId()));
        applications.recorded(no, actor(user, null), "TRANSFER", "转办给 " + target.displayName()
                + (opinion == null || opinion.isEmpty() ? "" : "：" + opinion));
        notifications.send(target.accountId(), "转办任务", user.displayName() + " 将办件 " + no + " 的“" + task.name()
                + "”转给您办理。", no);
    }

    /** Completes a task as this clerk; an unclaimed task is claimed first so the history names who did it. */
    private void complete(OpenTask task, String userId, String outcome) {
        if (task.assignee() == null) {
            tasks.claim(task.id(), userId);
        }
        tasks.complete(task.id(), outcome);
    }

    private List<Action> actions(OpenTask task, CurrentUser user) {
        ApplicationService.Handle h = applications.handle(applicationNoOf(task));
        String userId = String.valueOf(user.accountId());
        List<Action> actions = new ArrayList<>();
        if (task.assignee() == null) {
            actions.add(Action.CLAIM);
        } else if (task.assignee().equals(userId)) {
            actions.add(Action.UNCLAIM);
        }
        if (task.assignee() != null && !task.assignee().equals(userId)) {
            return actions;
        }
        if (task.delegated()) {
            // A delegate helps and answers back; the decision stays with the owner.
            return List.of(Action.RESOLVE, Action.COPY);
        }
        actions.addAll(List.of(Action.TRANSFER, Action.DELEGATE, Action.COPY));
        boolean lead = candidateGroups(task).contains(Assignment.group(h.agencyId(), Role.REVIEW));
        String kind = kind(task);
        for (Action action : Action.offeredOn(kind)) {
            boolean signers = action == Action.ADD_SIGNER || action == Action.REMOVE_SIGNER;
            // A supplement notice needs a process that waits for the applicant's answer.
            boolean answerable = action != Action.SUPPLEMENT || workflow.waitsForSupplement(task.processDefinitionId());
            if (action.permits(kind, user) && possible(action, h) && (!signers || managesSigners(action, task, lead)) && answerable) {
                actions.add(action);
            }
        }
        return actions;
    }

    private static boolean possible(Action action, ApplicationService.Handle h) {
        if (h.suspended()) {
            return action == Action.RESUME || action == Action.EXTEND && !h.extended();
        }
        return switch (action) {
            case RESUME -> false;
            case SUPPLEMENT -> h.supplementCount() == 0 && h.status() == ApplicationStatus.SUBMITTED;
            case EXTEND -> !h.extended();
            default -> true;
        };
    }

    private static String kind(OpenTask task) {
        return task.kind();
    }

    /**
     * The task if this clerk may see it. A task of another agency answers 404, like one that never existed; a
     * task the clerk could have taken that someone else has just completed answers 409.
     */
    private OpenTask visibleTask(String taskId, Scope scope, boolean forReading) {
        CurrentUser user = scope.user();
        List<String> groups = scope.groups();
        String userId = String.valueOf(user.accountId());
        // Test runs (试运行) live in a sandbox tenant: no clerk ever sees or acts on their tasks.
        OpenTask task = taskId == null || taskId.length() > 64 ? null : tasks.open(taskId).orElse(null);
        if (task == null) {
            boolean wasMine = taskId != null && taskId.length() <= 64 && !groups.isEmpty()
                    && tasks.wasOffered(taskId, userId, groups);
            if (wasMine && !tasks.sandboxed(taskId)) {
                throw ApiException.conflict("TASK_ALREADY_HANDLED", "该任务已被处理，请刷新待办列表");
            }
            throw ApiException.notFound("任务 " + taskId);
        }
        boolean candidate = !groups.isEmpty() && candidateGroups(task).stream().anyMatch(groups::contains);
        if (scope.userIds().contains(task.assignee()) || candidate && (task.assignee() == null || forReading)) {
            return task;
        }
        if (candidate) {
            throw ApiException.conflict("TASK_CLAIMED", "该任务已由"
                    + identity.displayNameOf(Long.parseLong(task.assignee())) + "签收");
        }
        if (forReading && user.permissions().contains("task:supervise")) {
            return task;
        }
        if (candidateGroups(task).isEmpty() && !tasks.isOpen(taskId)) {
            // Completed by a colleague between reading the task and reading its groups: the race's loser.
            throw ApiException.conflict("TASK_ALREADY_HANDLED", "该任务已被处理，请刷新待办列表");
        }
        throw ApiException.notFound("任务 " + taskId);
    }

    /** The application behind a task; a task whose case ended a moment ago (e.g. withdrawn) is a conflict. */
    private String applicationNoOf(OpenTask task) {
        String no = tasks.applicationNo(task.id());
        if (no == null) {
            throw ApiException.conflict("TASK_ALREADY_HANDLED", "该任务已被处理或办件已撤回，请刷新待办列表");
        }
        return no;
    }

    private List<String> candidateGroups(OpenTask task) {
        return tasks.candidateGroups(task.id());
    }

    /**
     * The audit row of a decision (审计日志: DECISION_ACCEPT, DECISION_APPROVE …), in the decision's transaction and
     * under the logged-in clerk's name even when they act for a colleague; identity and mobile numbers in the
     * opinion are masked.
     */
    private void auditDecision(CurrentUser caller, Action action, String no, String step, String opinion) {
        String detail = "“" + step + "”" + (opinion == null || opinion.isEmpty() ? "" : "：" + Masking.text(opinion));
        audit.recordCaseAct(caller.accountId(), caller.username(), "DECISION_" + action.name(), no, detail,
                applications.handle(no).regionCode());
    }

    private static Actor actor(CurrentUser user, Role role) {
        Role shown = role != null ? role : user.roles().stream().findFirst().orElse(null);
        return Actor.of(user, shown);
    }

    /** An engine time as a local time of the platform's zone, like every other time the application keeps. */
    private LocalDateTime local(java.util.Date at) {
        return at == null ? null : LocalDateTime.ofInstant(at.toInstant(), clock.zone());
    }

    private List<TaskView> views(List<TaskRow> rows) {
        // A page names few clerks: look each up once rather than once per row.
        Map<String, String> names = new java.util.HashMap<>();
        return rows.stream().map(r -> view(r, names)).toList();
    }

    private TaskView view(TaskRow r) {
        return view(r, new java.util.HashMap<>());
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
