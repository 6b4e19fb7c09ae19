package org.yiwang.workbench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.yiwang.application.Actor;
import org.yiwang.application.ApplicationService;
import org.yiwang.application.CaseSteps;
import org.yiwang.application.ApplicationStatus;
import org.yiwang.application.ApplicationView;
import org.yiwang.audit.AuditService;
import org.yiwang.common.ApiException;
import org.yiwang.common.Transactions;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.identity.Masking;
import org.yiwang.identity.Role;
import org.yiwang.notification.NotificationService;
import org.yiwang.workflow.Assignment;
import org.yiwang.workflow.OpenTask;
import org.yiwang.workflow.StepKinds;
import org.yiwang.workflow.TaskEngine;
import org.yiwang.workflow.WorkflowService;

/**
 * The clerk's workbench (工作台): a task with its case, and the actions real approval offices take on it, each
 * permission- and scope-checked, recorded in the timeline, and applied to the application and the engine in one
 * transaction. When two clerks act on one task, exactly one wins; the other gets a 409. The lists are
 * {@link TaskLists}, countersign steps {@link Countersigns}, substitutes {@link Substitutions}.
 * <p>
 * Its length is the action switch: what each action does to the case and to the engine reads side by side.
 */
@Service
public class WorkbenchService {

    private static final Map<String, String> PROCEDURES = Map.of("HEARING", "听证", "TESTING", "检验检测",
            "EXPERT_REVIEW", "专家评审", "INSPECTION", "现场勘查");

    private final TaskEngine tasks;
    private final TaskMapper mapper;
    private final WorkflowService workflow;
    private final ApplicationService applications;
    private final CaseSteps steps;
    private final IdentityService identity;
    private final NotificationService notifications;
    private final Transactions transactions;
    private final Countersigns countersigns;
    private final Substitutions substitutions;
    private final TaskLists lists;
    private final AuditService audit;

    WorkbenchService(TaskEngine tasks, TaskMapper mapper, WorkflowService workflow,
            ApplicationService applications, CaseSteps steps,
            IdentityService identity, NotificationService notifications, Transactions transactions,
            Countersigns countersigns, Substitutions substitutions, TaskLists lists, AuditService audit) {
        this.tasks = tasks;
        this.mapper = mapper;
        this.workflow = workflow;
        this.applications = applications;
        this.steps = steps;
        this.identity = identity;
        this.notifications = notifications;
        this.transactions = transactions;
        this.countersigns = countersigns;
        this.substitutions = substitutions;
        this.lists = lists;
        this.audit = audit;
    }

    /** The acts that decide a case's course, which the audit log lists besides the case's own timeline (and 撤回). */
    private static final Set<Action> DECISIONS = EnumSet.of(Action.ACCEPT, Action.REFUSE, Action.SUPPLEMENT, Action.REVIEW,
            Action.APPROVE, Action.REJECT, Action.RETURN, Action.SUSPEND, Action.RESUME, Action.EXTEND);

    /**
     * A task with its case and what this clerk may do: {@code actions} by name, {@code actionDetails} with what each
     * needs; {@code countersign} names the kind of a countersign step.
     */
    public record TaskDetail(TaskLists.TaskView task, ApplicationView application, List<String> actions,
            WorkflowService.Countersign countersign, List<Action.View> actionDetails) {

        TaskDetail(TaskLists.TaskView task, ApplicationView application, List<Action> allowed, WorkflowService.Countersign countersign) {
            this(task, application, allowed.stream().map(Action::wire).toList(), countersign,
                    allowed.stream().map(Action::view).toList());
        }
    }

    /** The body of an action; each action reads the fields it needs. */
    public record ActionRequest(String opinion, List<Long> materialIds, String procedure, Integer days,
            String toUsername, List<String> toUsernames, String targetStep, Long agencyId, String signerTaskId, String position) {
    }

    public TaskDetail detail(String taskId) {
        CurrentUser user = identity.current();
        Substitutions.Scope scope = substitutions.scope(user);
        OpenTask task = visibleTask(taskId, scope, true);
        TaskRow row = mapper.findOpen(task.id());
        return new TaskDetail(lists.view(row), applications.get(row.applicationNo()), actions(task, substitutions.effective(scope, candidateGroups(task), task.assignee())),
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
        Substitutions.Scope scope = substitutions.scope(caller);
        OpenTask task = visibleTask(taskId, scope, false);
        CurrentUser user = substitutions.effective(scope, candidateGroups(task), task.assignee());
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
                steps.recorded(no, actor(user, null), "CLAIM", opinion);
            }
            case UNCLAIM -> {
                tasks.unclaim(task.id());
                steps.recorded(no, actor(user, null), "UNCLAIM", opinion);
            }
            case TRANSFER -> transfer(task, user, no, body.toUsername(), opinion);
            case ACCEPT -> {
                steps.accepted(no, actor(user, Role.ACCEPT), opinion);
                complete(task, userId, "accept");
            }
            case REFUSE -> {
                steps.refused(no, actor(user, Role.ACCEPT), opinion);
                complete(task, userId, "refuse");
            }
            case SUPPLEMENT -> {
                steps.supplementRequested(no, actor(user, Role.ACCEPT), opinion, body.materialIds());
                complete(task, userId, "supplement");
            }
            case REVIEW -> {
                steps.reviewed(no, actor(user, Role.REVIEW), opinion,
                        StepKinds.PRELIMINARY.equals(kind(task)) ? "PRELIMINARY_REVIEW" : "REVIEW");
                List<OpenTask> siblings = countersigns.openSiblings(task);
                complete(task, userId, "review");
                countersigns.recordCancelled(no, user, siblings);
            }
            case APPROVE, REJECT -> {
                boolean approve = action == Action.APPROVE;
                if (StepKinds.INSTANT.equals(kind(task))) {
                    steps.decidedOnTheSpot(no, actor(user, Role.ACCEPT), approve, opinion);
                } else {
                    steps.decided(no, actor(user, user.has(Role.APPROVE) ? Role.APPROVE : Role.HEAD), approve, opinion);
                }
                complete(task, userId, action.wire());
            }
            case RETURN -> returnTo(task, user, no, body.targetStep(), opinion);
            case DELEGATE -> {
                CurrentUser target = substitutions.colleague(user, body.toUsername());
                tasks.delegate(task.id(), String.valueOf(target.accountId()));
                steps.recorded(no, actor(user, null), "DELEGATE", "委派给 " + target.displayName()
                        + (opinion == null || opinion.isEmpty() ? "" : "：" + opinion));
                notifications.send(target.accountId(), "委派任务", user.displayName() + " 请您协助办理办件 " + no + " 的“"
                        + task.name() + "”，办理后请回复。", no);
            }
            case RESOLVE -> {
                tasks.resolve(task.id());
                steps.recorded(no, actor(user, null), "RESOLVE", opinion);
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
                steps.copied(no, actor(user, null), ids, opinion);
            }
            case ADD_SIGNER -> countersigns.add(task, user, no, body, opinion);
            case REMOVE_SIGNER -> countersigns.remove(task, user, no, body, opinion);
            case SUSPEND -> {
                String procedure = PROCEDURES.get(body.procedure() == null ? "" : body.procedure());
                if (procedure == null) {
                    throw ApiException.badParameter("procedure", "特别程序须为 HEARING、TESTING、EXPERT_REVIEW 或 INSPECTION");
                }
                steps.suspended(no, actor(user, null), procedure, opinion);
            }
            case RESUME -> steps.resumed(no, actor(user, null), opinion);
            case EXTEND -> steps.extended(no, actor(user, Role.HEAD), body.days() == null ? 0 : body.days(), opinion);
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
            LocalDate deadline = steps.returnedToAcceptance(no, actor(user, null), "RETURN", "退回“" + target.name() + "”：" + opinion);
            workflow.setAcceptDeadline(task.processInstanceId(), deadline);
        } else {
            steps.recorded(no, actor(user, null), "RETURN", "退回“" + target.name() + "”：" + opinion);
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
            LocalDate deadline = steps.returnedToAcceptance(no, actor(user, null), "WITHDRAW_STEP", opinion);
            workflow.setAcceptDeadline(pid, deadline);
        } else {
            steps.recorded(no, actor(user, null), "WITHDRAW_STEP", "撤回“" + done.name() + "”：" + opinion);
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

    /** The signers of the countersign step this task belongs to, for whoever may see the task. */
    public Countersigns.Signers signers(String taskId) {
        Substitutions.Scope scope = substitutions.scope(identity.current());
        OpenTask task = visibleTask(taskId, scope, true);
        return countersigns.signers(task, actions(task, substitutions.effective(scope, candidateGroups(task), task.assignee())));
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

    private void transfer(OpenTask task, CurrentUser user, String no, String toUsername, String opinion) {
        CurrentUser target = identity.staffMember(toUsername)
                .filter(t -> t.agencyId() != null && t.agencyId().equals(user.agencyId()))
                .filter(t -> !Assignment.groupsOf(t).stream().filter(g -> candidateGroups(task).contains(g)).toList().isEmpty())
                .orElseThrow(() -> ApiException.badParameter("toUsername", "只能转办给本单位负责该环节的工作人员"));
        tasks.assign(task.id(), String.valueOf(target.accountId()));
        steps.recorded(no, actor(user, null), "TRANSFER", "转办给 " + target.displayName()
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
        CaseSteps.Handle h = steps.handle(applicationNoOf(task));
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
            if (action.permits(kind, user) && possible(action, h) && (!signers || countersigns.manages(action, task, lead)) && answerable) {
                actions.add(action);
            }
        }
        return actions;
    }

    private static boolean possible(Action action, CaseSteps.Handle h) {
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
    private OpenTask visibleTask(String taskId, Substitutions.Scope scope, boolean forReading) {
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
                steps.handle(no).regionCode());
    }

    static Actor actor(CurrentUser user, Role role) {
        Role shown = role != null ? role : user.roles().stream().findFirst().orElse(null);
        return Actor.of(user, shown);
    }

}
