package org.yiwang.modeling;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.FlowNode;
import org.flowable.bpmn.model.Gateway;
import org.flowable.bpmn.model.SequenceFlow;
import org.flowable.common.engine.api.FlowableException;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.repository.Deployment;
import org.flowable.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.yiwang.application.Actor;
import org.yiwang.application.CaseSteps;
import org.yiwang.application.TestRunCases;
import org.yiwang.application.TimelineEvent;
import org.yiwang.catalog.CatalogService;
import org.yiwang.common.ApiException;
import org.yiwang.common.Transactions;
import org.yiwang.identity.IdentityService;
import org.yiwang.region.RegionService;
import org.yiwang.workflow.WorkflowService;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Test runs (试运行) of a model's draft: the draft is deployed in a sandbox tenant, so the live definition and new
 * applications are untouched; a test application, hidden from everyone else, lets the administrator walk the
 * steps. Ending the run, or 24 hours passing, removes the application, the process and the deployment.
 */
@Service
public class TestRuns {

    static final String TENANT = "yiwang-test-run";
    private static final Logger log = LoggerFactory.getLogger(TestRuns.class);
    private static final Duration LIFETIME = Duration.ofHours(24);
    private static final Pattern OUTCOME = Pattern.compile("outcome\\s*==\\s*'([^']{1,64})'");

    private final ModelingMapper mapper;
    private final ModelingService models;
    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final WorkflowService workflow;
    private final CaseSteps steps;
    private final TestRunCases testCases;
    private final CatalogService catalog;
    private final IdentityService identity;
    private final RegionService regions;
    private final Transactions transactions;
    private final Clock clock;

    TestRuns(ModelingMapper mapper, ModelingService models, RepositoryService repository, RuntimeService runtime,
            TaskService tasks, WorkflowService workflow, CaseSteps steps, TestRunCases testCases, CatalogService catalog,
            IdentityService identity, RegionService regions, Transactions transactions, Clock clock) {
        this.mapper = mapper;
        this.models = models;
        this.repository = repository;
        this.runtime = runtime;
        this.tasks = tasks;
        this.workflow = workflow;
        this.steps = steps;
        this.testCases = testCases;
        this.catalog = catalog;
        this.identity = identity;
        this.regions = regions;
        this.transactions = transactions;
        this.clock = clock;
    }

    record Row(long id, long modelId, String applicationNo, String deploymentId, String processInstanceId,
            String startedBy, LocalDateTime startedAt, LocalDateTime expiresAt) {
    }

    /** The item whose agency and place the test application borrows; by default one bound to the model's key. */
    public record Start(String itemCode) {
    }

    /** An open step, with the outcomes its gateway tells apart. */
    public record Step(String taskId, String stepId, String name, List<String> outcomes) {
    }

    public record View(long id, long modelId, String applicationNo, String itemName, String startedBy,
            LocalDateTime startedAt, LocalDateTime expiresAt, boolean finished, List<Step> tasks,
            WorkflowService.Diagram diagram, List<TimelineEvent> timeline) {
    }

    public record Completion(String outcome) {
    }

    public View start(long modelId, Start request, HttpServletRequest http) {
        ProcessModel model = models.existing(mapper.find(modelId), modelId);
        BpmnFile.Parsed parsed = BpmnFile.read(model.xml());
        models.checkDeployable(model, parsed);
        String itemCode = request != null && request.itemCode() != null && !request.itemCode().isBlank()
                ? itemInRegion(request.itemCode().trim(), model.regionCode())
                : catalog.itemCodeUsing(parsed.key(), model.regionCode())
                        .or(() -> catalog.itemCodeUsing("standard", model.regionCode()))
                        .orElseThrow(() -> ApiException.badParameter("itemCode", "请指明用于试运行的事项"));
        String startedBy = identity.current().username();
        long id = transactions.retryingDeadlocks(() -> {
            Deployment deployment;
            try {
                deployment = repository.createDeployment().name("试运行：" + model.name()).key(parsed.key())
                        .category("test-run:model:" + modelId).tenantId(TENANT)
                        .addString(parsed.key() + ".bpmn20.xml", parsed.xml()).deploy();
            } catch (FlowableException e) {
                throw ModelingService.engineRefused(parsed);
            }
            ProcessDefinition definition = repository.createProcessDefinitionQuery().deploymentId(deployment.getId())
                    .processDefinitionKey(parsed.key()).singleResult();
            TestRunCases.TestRun run = testCases.start(itemCode, parsed.key(), definition.getId());
            LocalDateTime now = LocalDateTime.now(clock);
            ModelingMapper.NewTestRun row = new ModelingMapper.NewTestRun();
            row.modelId = modelId;
            row.applicationNo = run.applicationNo();
            row.deploymentId = deployment.getId();
            row.processInstanceId = run.processInstanceId();
            row.startedBy = startedBy;
            row.startedAt = now;
            row.expiresAt = now.plus(LIFETIME);
            mapper.insertTestRun(row);
            models.record(http, "MODEL_TEST_RUN_STARTED", modelId, model.name() + "：" + run.applicationNo());
            return row.id;
        });
        return view(id);
    }

    public List<Row> list(long modelId) {
        models.existing(mapper.find(modelId), modelId);
        return mapper.findTestRuns(modelId);
    }

    public View view(long id) {
        Row run = visible(mapper.findTestRun(id), id);
        List<Step> open = tasks.createTaskQuery().processInstanceId(run.processInstanceId()).orderByTaskCreateTime().asc()
                .list().stream().map(t -> new Step(t.getId(), t.getTaskDefinitionKey(), t.getName(),
                        outcomes(repository.getBpmnModel(t.getProcessDefinitionId()), t.getTaskDefinitionKey())))
                .toList();
        boolean finished = runtime.createProcessInstanceQuery().processInstanceId(run.processInstanceId()).count() == 0;
        var application = testCases.get(run.applicationNo());
        return new View(run.id(), run.modelId(), run.applicationNo(), application.summary().itemName(), run.startedBy(),
                run.startedAt(), run.expiresAt(), finished, open, workflow.diagram(run.processInstanceId()),
                application.timeline());
    }

    /** Completes an open step of the run with the outcome its gateway expects (受理, 不予受理 …). */
    public View complete(long id, String taskId, Completion request) {
        Actor actor = Actor.of(identity.current(), null);
        transactions.retryingDeadlocks(() -> {
            Row run = visible(mapper.findTestRunForUpdate(id), id);
            var task = taskId == null || taskId.length() > 64 ? null
                    : tasks.createTaskQuery().taskId(taskId).processInstanceId(run.processInstanceId()).singleResult();
            if (task == null) {
                throw ApiException.notFound("试运行任务 " + taskId);
            }
            List<String> outcomes = outcomes(repository.getBpmnModel(task.getProcessDefinitionId()), task.getTaskDefinitionKey());
            String outcome = request == null || request.outcome() == null ? null : request.outcome().trim();
            if (!outcomes.isEmpty() && (outcome == null || !outcomes.contains(outcome))) {
                throw ApiException.badParameter("outcome", "请选择办理结果：" + String.join("、", outcomes));
            }
            if (outcome != null && outcome.length() > 64) {
                throw ApiException.badParameter("outcome", "办理结果不能超过 64 个字符");
            }
            steps.recorded(run.applicationNo(), actor, "TEST_STEP", task.getName() + (outcome == null ? "" : "：" + outcome));
            try {
                tasks.complete(task.getId(), Map.of("outcome", outcome == null ? "complete" : outcome));
            } catch (FlowableException e) {
                throw ApiException.conflict("TEST_STEP_FAILED", "该环节无法完成，流程引擎报告：" + e.getMessage());
            }
            return null;
        });
        return view(id);
    }

    /** Ends the run: the test application, its process with its history, and the sandbox deployment are removed. */
    public void end(long id, HttpServletRequest http) {
        transactions.retryingDeadlocks(() -> {
            Row run = existing(mapper.findTestRunForUpdate(id), id);
            if (http != null) {
                visible(run, id);
            }
            testCases.end(run.applicationNo());
            repository.deleteDeployment(run.deploymentId(), true);
            mapper.deleteTestRun(id);
            if (http != null) {
                models.record(http, "MODEL_TEST_RUN_ENDED", run.modelId(), run.applicationNo());
            }
            return null;
        });
    }

    /** Test runs nobody ended are removed a day after they started. */
    @Scheduled(fixedDelayString = "${yiwang.test-runs.sweep-ms:900000}", initialDelayString = "${yiwang.test-runs.sweep-ms:900000}")
    void removeExpired() {
        for (long id : mapper.findExpiredTestRuns(LocalDateTime.now(clock))) {
            try {
                end(id, null);
                log.info("removed expired test run {}", id);
            } catch (RuntimeException e) {
                log.warn("could not remove expired test run {}", id, e);
            }
        }
    }

    /** The outcomes the step's outgoing conditions, or those of the gateway right after it, test for. */
    static List<String> outcomes(BpmnModel model, String stepId) {
        Set<String> outcomes = new LinkedHashSet<>();
        if (model.getFlowElement(stepId) instanceof FlowNode step) {
            for (SequenceFlow flow : step.getOutgoingFlows()) {
                collect(flow, outcomes);
                FlowElement target = model.getFlowElement(flow.getTargetRef());
                if (target instanceof Gateway gateway) {
                    gateway.getOutgoingFlows().forEach(f -> collect(f, outcomes));
                }
            }
        }
        return List.copyOf(outcomes);
    }

    private static void collect(SequenceFlow flow, Set<String> outcomes) {
        if (flow.getConditionExpression() != null) {
            Matcher m = OUTCOME.matcher(flow.getConditionExpression());
            while (m.find()) {
                outcomes.add(m.group(1));
            }
        }
    }

    /** The item must lie in the model's region: a test application borrows its agency and place. */
    private String itemInRegion(String code, String regionCode) {
        if (catalog.itemRegion(code).filter(r -> regions.isWithin(r, regionCode)).isEmpty()) {
            throw ApiException.badParameter("itemCode", "事项 " + code + " 不存在或不在模型所属辖区内");
        }
        return code;
    }

    /** A run of a model in the caller's scope; others answer 404 like the model itself. */
    private Row visible(Row run, long id) {
        if (run == null || !models.inScope(mapper.find(run.modelId()))) {
            throw ApiException.notFound("试运行 " + id);
        }
        return run;
    }

    private static Row existing(Row run, long id) {
        if (run == null) {
            throw ApiException.notFound("试运行 " + id);
        }
        return run;
    }
}
