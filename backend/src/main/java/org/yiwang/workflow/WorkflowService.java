package org.yiwang.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flowable.bpmn.model.Activity;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.MultiInstanceLoopCharacteristics;
import org.flowable.engine.HistoryService;
import org.flowable.engine.ManagementService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.runtime.Execution;
import org.flowable.job.api.Job;
import org.flowable.task.api.history.HistoricTaskInstance;
import org.springframework.stereotype.Service;
import org.yiwang.common.ApiException;
import org.yiwang.identity.CurrentUser;

/**
 * The only door to the Flowable engine for the rest of the platform, which speaks of applications, never of
 * process instances or executions. Runs inside the caller's Spring transaction, on the same DataSource as
 * the business tables: a failure leaves neither half written.
 */
@Service
public class WorkflowService {

    static final String SUPPLEMENT_MESSAGE = "supplementProvided";
    private static final java.util.regex.Pattern PROCESS_KEY = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,254}");

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final HistoryService history;
    private final ManagementService management;
    private final RepositoryService repository;
    private final Assignment assignment;
    private final Clock clock;

    WorkflowService(RuntimeService runtime, TaskService tasks, HistoryService history, ManagementService management,
            RepositoryService repository, Assignment assignment, Clock clock) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.history = history;
        this.management = management;
        this.repository = repository;
        this.assignment = assignment;
        this.clock = clock;
    }

    /**
     * What an application's process needs at the start: the template, the deciding agency, where the matter is
     * handled, the kind of department that decides cross-level items, and the supplement-notice deadline.
     */
    public record Start(String processKey, String applicationNo, long agencyId, String regionCode, String itemRegionCode,
            String departmentCode, LocalDate acceptDeadline) {
    }

    /** Starts the application's process; answers its id. */
    public String start(Start s) {
        return runtime.startProcessInstanceByKey(s.processKey(), s.applicationNo(), variables(s)).getId();
    }

    /** Starts a test run (试运行) on a sandbox definition, deployed for it alone; the live definition is untouched. */
    public String startTestRun(Start s, String processDefinitionId) {
        return runtime.createProcessInstanceBuilder().processDefinitionId(processDefinitionId).businessKey(s.applicationNo())
                .variables(variables(s)).start().getId();
    }

    private Map<String, Object> variables(Start s) {
        Map<String, Object> variables = new HashMap<>(assignment.variables(s));
        variables.put(ProcessContract.APPLICATION_NO, s.applicationNo());
        if (s.acceptDeadline() != null) {
            variables.put("acceptDeadline", endOf(s.acceptDeadline(), clock));
        }
        return variables;
    }

    /** A deployed process an item may bind: the platform's templates and the models administrators deployed. */
    public record Process(String key, String name, int version, boolean template) {
    }

    /** The platform's templates, the files of {@code processes/}. */
    private static final Set<String> TEMPLATES = Set.copyOf(ProcessContract.TEMPLATES);

    /** The latest version of every deployed process, templates first. */
    public List<Process> processes() {
        return repository.createProcessDefinitionQuery().latestVersion().list().stream()
                .filter(d -> !ProcessContract.isInternal(d.getKey()))
                .map(d -> new Process(d.getKey(), d.getName() == null ? d.getKey() : d.getName(), d.getVersion(),
                        TEMPLATES.contains(d.getKey())))
                .sorted(Comparator.comparing((Process p) -> !p.template()).thenComparing(Process::key))
                .toList();
    }

    /**
     * Whether an item may bind this process: one of this key is deployed and it is none of the platform's internal ones;
     * a key that is no XML id (as every process id is) never is.
     */
    public boolean isDeployed(String processKey) {
        return processKey != null && PROCESS_KEY.matcher(processKey).matches() && !ProcessContract.isInternal(processKey)
                && repository.createProcessDefinitionQuery().processDefinitionKey(processKey).count() > 0;
    }

    public void cancel(String processInstanceId, String reason) {
        if (runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0) {
            runtime.deleteProcessInstance(processInstanceId, reason);
        }
    }

    /** The applicant answered the supplement notice: acceptance is due again within 5 working days. */
    public void supplementProvided(String processInstanceId, LocalDate newAcceptDeadline) {
        runtime.setVariable(processInstanceId, "acceptDeadline", endOf(newAcceptDeadline, clock));
        Execution waiting = runtime.createExecutionQuery().processInstanceId(processInstanceId)
                .messageEventSubscriptionName(SUPPLEMENT_MESSAGE).singleResult();
        if (waiting == null) {
            throw new IllegalStateException("process " + processInstanceId + " is not waiting for a supplement");
        }
        runtime.messageEventReceived(SUPPLEMENT_MESSAGE, waiting.getId());
    }

    /** Whether this member of staff has or had a task on the application's process. */
    public boolean involves(String processInstanceId, CurrentUser user) {
        List<String> groups = Assignment.groupsOf(user);
        String userId = String.valueOf(user.accountId());
        if (tasks.createTaskQuery().processInstanceId(processInstanceId).or().taskAssignee(userId)
                .taskCandidateGroupIn(groups.isEmpty() ? List.of("-") : groups).endOr().count() > 0) {
            return true;
        }
        return history.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId).or().taskAssignee(userId)
                .taskCandidateGroupIn(groups.isEmpty() ? List.of("-") : groups).endOr().count() > 0;
    }

    /**
     * Runs the timers that are due by the application's clock (the async executor does the same on its own
     * schedule); answers how many ran. Used by operators and tests that move the clock.
     */
    public int fireDueTimers() {
        Date now = Date.from(clock.instant());
        int fired = 0;
        for (Job timer : management.createTimerJobQuery().duedateLowerThan(now).list()) {
            Job executable = management.moveTimerToExecutableJob(timer.getId());
            management.executeJob(executable.getId());
            fired++;
        }
        return fired;
    }

    /** The process diagram with the steps done and the steps under way, for the bpmn-js viewer. */
    public record Diagram(String xml, List<String> completed, List<String> active) {
    }

    public Diagram diagram(String processInstanceId) {
        var instance = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        String xml = processXml(instance.getProcessDefinitionId());
        List<String> completed = history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .finished().list().stream().map(a -> a.getActivityId()).distinct().toList();
        List<String> active = runtime.createExecutionQuery().processInstanceId(processInstanceId).list().stream()
                .map(Execution::getActivityId).filter(java.util.Objects::nonNull).distinct().toList();
        return new Diagram(xml, completed, active);
    }

    /** The latest deployed version of a process, without any case in it: what an item's guide shows. */
    public Diagram template(String processKey) {
        var definition = repository.createProcessDefinitionQuery().processDefinitionKey(processKey).latestVersion()
                .singleResult();
        if (definition == null) {
            throw ApiException.notFound("流程 " + processKey);
        }
        return new Diagram(processXml(definition.getId()), List.of(), List.of());
    }

    /**
     * The user steps of a process's latest version in the order a case meets them (breadth first from the start,
     * each once): what a resident's guide lists, without gateways, timers or loops back.
     */
    public List<Step> templateSteps(String processKey) {
        var definition = repository.createProcessDefinitionQuery().processDefinitionKey(processKey).latestVersion()
                .singleResult();
        if (definition == null) {
            throw ApiException.notFound("流程 " + processKey);
        }
        var process = repository.getBpmnModel(definition.getId()).getMainProcess();
        List<Step> steps = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.ArrayDeque<org.flowable.bpmn.model.FlowNode> queue = new java.util.ArrayDeque<>();
        process.findFlowElementsOfType(org.flowable.bpmn.model.StartEvent.class, false).forEach(queue::add);
        while (!queue.isEmpty()) {
            var node = queue.poll();
            if (!seen.add(node.getId())) {
                continue;
            }
            if (node instanceof org.flowable.bpmn.model.UserTask task) {
                steps.add(new Step(task.getId(), task.getName(), StepKinds.of(task.getId(), task.getCategory())));
            }
            node.getOutgoingFlows().forEach(f -> {
                if (f.getTargetFlowElement() instanceof org.flowable.bpmn.model.FlowNode next) {
                    queue.add(next);
                }
            });
        }
        return steps;
    }

    /** The BPMN XML of a deployed process definition, as it was deployed. */
    public String processXml(String processDefinitionId) {
        try (var in = repository.getProcessModel(processDefinitionId)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A step of the process a case has been through: its id, name and kind ({@link StepKinds}). */
    public record Step(String key, String name, String kind) {
    }

    /** The user steps this case has completed, oldest first, without repeats. */
    public List<Step> completedSteps(String processInstanceId) {
        Map<String, Step> steps = new java.util.LinkedHashMap<>();
        history.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId).finished()
                .orderByHistoricTaskInstanceEndTime().asc().list()
                .forEach(t -> steps.putIfAbsent(t.getTaskDefinitionKey(), new Step(t.getTaskDefinitionKey(), t.getName(),
                        StepKinds.of(t.getTaskDefinitionKey(), t.getCategory()))));
        return List.copyOf(steps.values());
    }

    /**
     * Moves a case from wherever it is — one task, parallel branches, or every instance of a multi-instance
     * step — back to an earlier step (退回, 撤回), with Flowable's change-activity-state API.
     */
    public void moveTo(String processInstanceId, String stepKey) {
        List<String> active = tasks.createTaskQuery().processInstanceId(processInstanceId).list().stream()
                .map(org.flowable.task.api.Task::getTaskDefinitionKey).distinct().toList();
        runtime.createChangeActivityStateBuilder().processInstanceId(processInstanceId)
                .moveActivityIdsToSingleActivityId(active, stepKey).changeState();
    }

    /** Whether the process waits for the applicant's supplement (the message the templates' notice loop catches). */
    public boolean waitsForSupplement(String processDefinitionId) {
        return repository.getBpmnModel(processDefinitionId).getMessages().stream()
                .anyMatch(m -> SUPPLEMENT_MESSAGE.equals(m.getName()));
    }

    public void setAcceptDeadline(String processInstanceId, LocalDate deadline) {
        runtime.setVariable(processInstanceId, "acceptDeadline", endOf(deadline, clock));
    }

    /** 加签: one more parallel reviewer on a countersign (会签) step. */
    public void addSigner(String processInstanceId, String stepKey, String group) {
        runtime.addMultiInstanceExecution(stepKey, processInstanceId, Map.of(SIGNER, group));
    }

    /** 减签: removes a reviewer who has not finished; the step completes without them. */
    public void removeSigner(String executionId) {
        runtime.deleteMultiInstanceExecution(executionId, false);
    }

    // Countersign steps (会签, 或签, 依次审查) of the templates loop over the candidate groups in ${reviewGroups},
    // one group per instance in ${reviewGroupOfAgency}.
    private static final String SIGNERS = ProcessContract.REVIEW_GROUPS;
    private static final String SIGNER = ProcessContract.REVIEW_GROUP_OF_AGENCY;

    /** How the agencies of a countersign step sign: all of them, any one for all, or one after another. */
    public enum Countersign {
        ALL, ANY, SEQUENTIAL
    }

    /** The countersign kind of a step, from its model; null when the step is no countersign (multi-instance) step. */
    public Countersign countersign(String processDefinitionId, String stepKey) {
        FlowElement step = repository.getBpmnModel(processDefinitionId).getFlowElement(stepKey);
        MultiInstanceLoopCharacteristics loop = step instanceof Activity a ? a.getLoopCharacteristics() : null;
        if (loop == null) {
            return null;
        }
        if (loop.isSequential()) {
            return Countersign.SEQUENTIAL;
        }
        return loop.getCompletionCondition() == null || loop.getCompletionCondition().isBlank() ? Countersign.ALL : Countersign.ANY;
    }

    /** One signer of a countersign step's current round: done, under way, or (sequential) still to come. */
    public record Signer(String taskId, String group, SignerState state, String assignee, LocalDateTime endedAt) {
    }

    public enum SignerState {
        DONE, PENDING, WAITING
    }

    /**
     * The signers of the round of a countersign step that this open task belongs to, in the order they got the
     * step. A round's tasks are those of the executions under the step's multi-instance root (a sequential step
     * reuses one execution for every turn); a return starts a new round with new executions.
     */
    public List<Signer> signers(OpenTask task) {
        Execution turn = runtime.createExecutionQuery().executionId(task.executionId()).singleResult();
        Set<String> round = runtime.createExecutionQuery().parentId(turn.getParentId()).list().stream()
                .map(Execution::getId).collect(java.util.stream.Collectors.toSet());
        List<Signer> signers = new ArrayList<>();
        for (HistoricTaskInstance t : history.createHistoricTaskInstanceQuery().processInstanceId(task.processInstanceId())
                .taskDefinitionKey(task.key()).orderByHistoricTaskInstanceStartTime().asc().list()) {
            if (round.contains(t.getExecutionId()) && (t.getEndTime() == null || t.getDeleteReason() == null)) {
                // An open task's group may have changed (加签 before it): read it from the task itself.
                String group = t.getEndTime() == null ? tasks.getIdentityLinksForTask(t.getId()).stream()
                        .filter(l -> "candidate".equals(l.getType()) && l.getGroupId() != null).map(l -> l.getGroupId())
                        .findFirst().orElse(null) : candidateGroup(t.getId());
                signers.add(new Signer(t.getId(), group, t.getEndTime() == null ? SignerState.PENDING
                        : SignerState.DONE, t.getAssignee(), t.getEndTime() == null ? null
                        : LocalDateTime.ofInstant(t.getEndTime().toInstant(), clock.getZone())));
            }
        }
        if (countersign(task.processDefinitionId(), task.key()) == Countersign.SEQUENTIAL) {
            List<String> order = order(turn);
            order.subList(turn(turn) + 1, order.size()).forEach(g -> signers.add(new Signer(null, g, SignerState.WAITING, null, null)));
        }
        return signers;
    }

    /** The agencies still to sign a sequential step after the one whose turn it is (on the task's execution). */
    public List<String> waitingSigners(String executionId) {
        Execution turn = runtime.createExecutionQuery().executionId(executionId).singleResult();
        List<String> order = order(turn);
        return List.copyOf(order.subList(turn(turn) + 1, order.size()));
    }

    /**
     * 加签 on a sequential step: the agency signs just before or just after the one whose turn it is. Before means
     * the open task passes to the new agency at once, and the current agency gets the next turn.
     */
    public void insertSigner(OpenTask task, String group, boolean before) {
        Execution turn = runtime.createExecutionQuery().executionId(task.executionId()).singleResult();
        List<String> order = order(turn);
        int current = turn(turn);
        order.add(before ? current : current + 1, group);
        runtime.setVariable(turn.getProcessInstanceId(), SIGNERS, order);
        int instances = (Integer) runtime.getVariableLocal(turn.getParentId(), "nrOfInstances");
        runtime.setVariableLocal(turn.getParentId(), "nrOfInstances", instances + 1);
        if (before) {
            tasks.deleteCandidateGroup(task.id(), order.get(current + 1));
            tasks.addCandidateGroup(task.id(), group);
            if (task.assignee() != null) {
                tasks.unclaim(task.id());
            }
            runtime.setVariableLocal(turn.getId(), SIGNER, group);
        }
    }

    /** 减签 on a sequential step: an agency whose turn has not come yet no longer signs. */
    public void removeWaitingSigner(String executionId, String group) {
        Execution turn = runtime.createExecutionQuery().executionId(executionId).singleResult();
        List<String> order = order(turn);
        int current = turn(turn);
        int at = order.subList(current + 1, order.size()).indexOf(group);
        if (at < 0) {
            throw new IllegalArgumentException(group + " is not waiting to sign");
        }
        order.remove(current + 1 + at);
        runtime.setVariable(turn.getProcessInstanceId(), SIGNERS, order);
        int instances = (Integer) runtime.getVariableLocal(turn.getParentId(), "nrOfInstances");
        runtime.setVariableLocal(turn.getParentId(), "nrOfInstances", instances - 1);
    }

    @SuppressWarnings("unchecked")
    private List<String> order(Execution turn) {
        return new ArrayList<>((List<String>) runtime.getVariable(turn.getProcessInstanceId(), SIGNERS));
    }

    private int turn(Execution turn) {
        return (Integer) runtime.getVariableLocal(turn.getId(), "loopCounter");
    }

    private String candidateGroup(String taskId) {
        return history.getHistoricIdentityLinksForTask(taskId).stream()
                .filter(l -> "candidate".equals(l.getType()) && l.getGroupId() != null)
                .map(l -> l.getGroupId()).findFirst().orElse(null);
    }

    /** Timers fire at the end of the deadline day in the platform's time zone. */
    static Date endOf(LocalDate day, Clock clock) {
        return Date.from(day.atTime(LocalTime.of(23, 59, 59)).atZone(clock.getZone()).toInstant());
    }
}
