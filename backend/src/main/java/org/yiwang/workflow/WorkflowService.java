package org.yiwang.workflow;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.flowable.engine.HistoryService;
import org.flowable.engine.ManagementService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.runtime.Execution;
import org.flowable.job.api.Job;
import org.springframework.stereotype.Service;
import org.yiwang.identity.CurrentUser;

/**
 * The only door to the Flowable engine for the rest of the platform, which speaks of applications, never of
 * process instances or executions. Runs inside the caller's Spring transaction, on the same DataSource as
 * the business tables: a failure leaves neither half written.
 */
@Service
public class WorkflowService {

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
        variables.put("applicationNo", s.applicationNo());
        if (s.acceptDeadline() != null) {
            variables.put("acceptDeadline", endOf(s.acceptDeadline()));
        }
        return variables;
    }

    public void cancel(String processInstanceId, String reason) {
        if (runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0) {
            runtime.deleteProcessInstance(processInstanceId, reason);
        }
    }

    /** The applicant answered the supplement notice: acceptance is due again within 5 working days. */
    public void supplementProvided(String processInstanceId, LocalDate newAcceptDeadline) {
        runtime.setVariable(processInstanceId, "acceptDeadline", endOf(newAcceptDeadline));
        Execution waiting = runtime.createExecutionQuery().processInstanceId(processInstanceId)
                .messageEventSubscriptionName("supplementProvided").singleResult();
        if (waiting == null) {
            throw new IllegalStateException("process " + processInstanceId + " is not waiting for a supplement");
        }
        runtime.messageEventReceived("supplementProvided", waiting.getId());
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
        String xml;
        try (var in = repository.getProcessModel(instance.getProcessDefinitionId())) {
            xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> completed = history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .finished().list().stream().map(a -> a.getActivityId()).distinct().toList();
        List<String> active = runtime.createExecutionQuery().processInstanceId(processInstanceId).list().stream()
                .map(Execution::getActivityId).filter(java.util.Objects::nonNull).distinct().toList();
        return new Diagram(xml, completed, active);
    }

    /** A step of the process a case has been through: its id and name. */
    public record Step(String key, String name) {
    }

    /** The user steps this case has completed, oldest first, without repeats. */
    public List<Step> completedSteps(String processInstanceId) {
        Map<String, Step> steps = new java.util.LinkedHashMap<>();
        history.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId).finished()
                .orderByHistoricTaskInstanceEndTime().asc().list()
                .forEach(t -> steps.putIfAbsent(t.getTaskDefinitionKey(), new Step(t.getTaskDefinitionKey(), t.getName())));
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

    public void setAcceptDeadline(String processInstanceId, LocalDate deadline) {
        runtime.setVariable(processInstanceId, "acceptDeadline", endOf(deadline));
    }

    /** 加签: one more parallel reviewer on a countersign (会签) step. */
    public void addSigner(String processInstanceId, String stepKey, String group) {
        runtime.addMultiInstanceExecution(stepKey, processInstanceId, Map.of("reviewGroupOfAgency", group));
    }

    /** 减签: removes a reviewer who has not finished; the step completes without them. */
    public void removeSigner(String executionId) {
        runtime.deleteMultiInstanceExecution(executionId, false);
    }

    /** Timers fire at the end of the deadline day in the platform's time zone. */
    private Date endOf(LocalDate day) {
        return Date.from(day.atTime(LocalTime.of(23, 59, 59)).atZone(clock.getZone()).toInstant());
    }
}
