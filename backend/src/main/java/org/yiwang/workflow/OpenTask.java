package org.yiwang.workflow;

import org.flowable.task.api.DelegationState;
import org.flowable.task.api.TaskInfo;

/**
 * An open user task as the workbench sees it, so that nothing above workflow/ holds an engine type.
 * {@code delegated}: the task was delegated (委派) and waits for the delegate's answer.
 */
public record OpenTask(String id, String name, String key, String category, String processInstanceId,
        String processDefinitionId, String executionId, String assignee, boolean delegated) {

    static OpenTask of(org.flowable.task.api.Task t) {
        return new OpenTask(t.getId(), t.getName(), t.getTaskDefinitionKey(), t.getCategory(), t.getProcessInstanceId(),
                t.getProcessDefinitionId(), t.getExecutionId(), t.getAssignee(), t.getDelegationState() == DelegationState.PENDING);
    }

    /** The kind of step (StepKinds) this task is. */
    public String kind() {
        return StepKinds.of(key, category);
    }

    /** A completed task, for 撤回 (withdrawing a step just done). */
    public record Finished(String id, String name, String key, String category, String processInstanceId,
            java.util.Date endTime) {

        static Finished of(TaskInfo t, java.util.Date endTime) {
            return new Finished(t.getId(), t.getName(), t.getTaskDefinitionKey(), t.getCategory(), t.getProcessInstanceId(), endTime);
        }

        public String kind() {
            return StepKinds.of(key, category);
        }
    }
}
