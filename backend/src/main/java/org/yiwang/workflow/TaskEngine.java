package org.yiwang.workflow;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flowable.common.engine.api.FlowableOptimisticLockingException;
import org.flowable.common.engine.api.FlowableTaskAlreadyClaimedException;
import org.flowable.engine.HistoryService;
import org.flowable.engine.TaskService;
import org.flowable.identitylink.api.IdentityLinkInfo;
import org.springframework.stereotype.Service;

/**
 * The engine's user tasks, for the workbench: finding, claiming, handing on and completing them, and what the
 * history knows of tasks already done. The workbench decides who may do what; this class only talks to the engine.
 */
@Service
public class TaskEngine {

    private final TaskService tasks;
    private final HistoryService history;

    TaskEngine(TaskService tasks, HistoryService history) {
        this.tasks = tasks;
        this.history = history;
    }

    /** Whether the engine refused a change because another clerk changed the task first (the race's loser). */
    public static boolean lostRace(RuntimeException e) {
        return e instanceof FlowableOptimisticLockingException || e instanceof FlowableTaskAlreadyClaimedException;
    }

    /** An open task of a real case; test runs (试运行) live in a sandbox tenant that no clerk sees. */
    public Optional<OpenTask> open(String taskId) {
        return Optional.ofNullable(tasks.createTaskQuery().taskId(taskId).taskWithoutTenantId().singleResult()).map(OpenTask::of);
    }

    /** An open task, of any tenant. */
    public Optional<OpenTask> anyOpen(String taskId) {
        return Optional.ofNullable(tasks.createTaskQuery().taskId(taskId).singleResult()).map(OpenTask::of);
    }

    public boolean isOpen(String taskId) {
        return tasks.createTaskQuery().taskId(taskId).count() > 0;
    }

    /** Whether the task, open or done, was ever this clerk's or offered to one of their groups. */
    public boolean wasOffered(String taskId, String userId, List<String> groups) {
        return history.createHistoricTaskInstanceQuery().taskId(taskId).or().taskAssignee(userId)
                .taskCandidateGroupIn(groups).endOr().count() > 0;
    }

    /** A task of a test run (试运行), which lives in a tenant of its own. */
    public boolean sandboxed(String taskId) {
        var task = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
        return task != null && task.getTenantId() != null && !task.getTenantId().isEmpty();
    }

    /** The case number a task works on; null once the case ended a moment ago. */
    public String applicationNo(String taskId) {
        return (String) tasks.getVariable(taskId, ProcessContract.APPLICATION_NO);
    }

    /** The case number of a process instance, running or ended. */
    public String applicationNoOfProcess(String processInstanceId) {
        return (String) history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
                .variableName(ProcessContract.APPLICATION_NO).singleResult().getValue();
    }

    public List<String> candidateGroups(String taskId) {
        return candidates(tasks.getIdentityLinksForTask(taskId));
    }

    /** The groups a task, open or done, was offered to. */
    public List<String> formerCandidateGroups(String taskId) {
        return candidates(history.getHistoricIdentityLinksForTask(taskId));
    }

    private static List<String> candidates(List<? extends IdentityLinkInfo> links) {
        return links.stream().filter(l -> "candidate".equals(l.getType()) && l.getGroupId() != null)
                .map(IdentityLinkInfo::getGroupId).toList();
    }

    public void claim(String taskId, String userId) {
        tasks.claim(taskId, userId);
    }

    public void unclaim(String taskId) {
        tasks.unclaim(taskId);
    }

    public void assign(String taskId, String userId) {
        tasks.setAssignee(taskId, userId);
    }

    public void delegate(String taskId, String userId) {
        tasks.delegateTask(taskId, userId);
    }

    public void resolve(String taskId) {
        tasks.resolveTask(taskId);
    }

    /** Completes the task with the outcome the process's gateways read. */
    public void complete(String taskId, String outcome) {
        tasks.complete(taskId, Map.of(ProcessContract.OUTCOME, outcome));
    }

    /** The open tasks of one step of a process instance (the signers of a countersign step). */
    public List<OpenTask> openOfStep(String processInstanceId, String stepKey) {
        return tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(stepKey).list().stream()
                .map(OpenTask::of).toList();
    }

    /** One open task of a step of a process instance. */
    public Optional<OpenTask> openOfStep(String taskId, String processInstanceId, String stepKey) {
        return Optional.ofNullable(tasks.createTaskQuery().taskId(taskId).processInstanceId(processInstanceId)
                .taskDefinitionKey(stepKey).singleResult()).map(OpenTask::of);
    }

    public List<OpenTask> openTasks(String processInstanceId) {
        return tasks.createTaskQuery().processInstanceId(processInstanceId).list().stream().map(OpenTask::of).toList();
    }

    /** Whether a task of the process instance is offered to this group now. */
    public boolean offeredTo(String processInstanceId, String group) {
        return tasks.createTaskQuery().processInstanceId(processInstanceId).taskCandidateGroup(group).count() > 0;
    }

    /** An open task of a step offered to one of these groups. */
    public Optional<OpenTask> openFor(String processInstanceId, String stepKey, List<String> groups) {
        return tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(stepKey)
                .taskCandidateGroupIn(groups).list().stream().findFirst().map(OpenTask::of);
    }

    /** A task this clerk completed. */
    public Optional<OpenTask.Finished> finishedBy(String taskId, String userId) {
        var t = history.createHistoricTaskInstanceQuery().taskId(taskId).taskAssignee(userId).finished().singleResult();
        return Optional.ofNullable(t).map(h -> OpenTask.Finished.of(h, h.getEndTime()));
    }

    /** Whether another task of the process instance was completed after this one. */
    public boolean completedAfter(OpenTask.Finished done) {
        return history.createHistoricTaskInstanceQuery().processInstanceId(done.processInstanceId()).finished()
                .taskCompletedAfter(done.endTime()).list().stream().anyMatch(t -> !t.getId().equals(done.id()));
    }
}
