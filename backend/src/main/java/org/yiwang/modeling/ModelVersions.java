package org.yiwang.modeling;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.flowable.bpmn.model.BoundaryEvent;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.FlowNode;
import org.flowable.engine.ProcessMigrationService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.migration.ActivityMigrationMapping;
import org.flowable.engine.migration.ProcessInstanceMigrationBuilder;
import org.flowable.engine.migration.ProcessInstanceMigrationValidationResult;
import org.flowable.engine.repository.Deployment;
import org.flowable.engine.repository.ProcessDefinition;
import org.flowable.engine.runtime.Execution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.application.Actor;
import org.yiwang.application.CaseSteps;
import org.yiwang.common.ApiException;
import org.yiwang.common.Transactions;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.workflow.WorkflowService;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The deployed versions of a model: which applications run on each, moving running applications to another
 * version (a dry run first, then a background job that migrates each application in a transaction of its own),
 * and rolling back to an earlier version by deploying it again as the newest.
 */
@Service
public class ModelVersions {

    private static final Logger log = LoggerFactory.getLogger(ModelVersions.class);
    /** A job that has not reported progress for this long lost its node; the model may migrate again. */
    private static final Duration STALE = Duration.ofMinutes(10);
    private static final int MAX_MAPPINGS = 100;

    private final ModelingMapper mapper;
    private final ModelingService models;
    private final RepositoryService repository;
    private final WorkflowService workflow;
    private final RuntimeService runtime;
    private final ProcessMigrationService migrations;
    private final CaseSteps steps;
    private final IdentityService identity;
    private final Transactions transactions;
    private final Clock clock;
    private final ExecutorService jobs = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "model-job");
        t.setDaemon(true);
        return t;
    });

    ModelVersions(ModelingMapper mapper, ModelingService models, RepositoryService repository, RuntimeService runtime,
            ProcessMigrationService migrations, CaseSteps steps, IdentityService identity,
            Transactions transactions, Clock clock, WorkflowService workflow) {
        this.workflow = workflow;
        this.mapper = mapper;
        this.models = models;
        this.repository = repository;
        this.runtime = runtime;
        this.migrations = migrations;
        this.steps = steps;
        this.identity = identity;
        this.transactions = transactions;
        this.clock = clock;
    }

    @PreDestroy
    void stop() {
        jobs.shutdownNow();
    }

    /** One deployed version; {@code running}: applications under way on it. */
    public record Version(int version, String processDefinitionId, String deploymentId, LocalDateTime deployedAt,
            String deployedBy, String note, long running, boolean current) {
    }

    record Deployer(String processDefinitionId, String deployedBy, String note) {
    }

    /** Newest first. Versions the platform deployed itself (the templates at start-up) name no deployer. */
    public List<Version> versions(long id) {
        ProcessModel model = models.existing(mapper.find(id), id);
        if (model.processDefinitionId() == null) {
            return List.of();
        }
        List<ProcessDefinition> definitions = repository.createProcessDefinitionQuery().processDefinitionKey(key(model))
                .processDefinitionWithoutTenantId().orderByProcessDefinitionVersion().desc().list();
        if (definitions.isEmpty()) {
            return List.of();
        }
        Map<String, Deployer> deployers = mapper.findDeployers(definitions.stream().map(ProcessDefinition::getId).toList())
                .stream().collect(Collectors.toMap(Deployer::processDefinitionId, Function.identity(), (a, b) -> a));
        List<Version> versions = new ArrayList<>();
        for (ProcessDefinition d : definitions) {
            Deployment deployment = repository.createDeploymentQuery().deploymentId(d.getDeploymentId()).singleResult();
            Deployer who = deployers.get(d.getId());
            versions.add(new Version(d.getVersion(), d.getId(), d.getDeploymentId(),
                    deployment.getDeploymentTime() == null ? null
                            : LocalDateTime.ofInstant(deployment.getDeploymentTime().toInstant(), clock.getZone()),
                    who == null ? null : who.deployedBy(), who == null ? null : who.note(),
                    runtime.createProcessInstanceQuery().processDefinitionId(d.getId()).count(), versions.isEmpty()));
        }
        return versions;
    }

    // ---- migration ------------------------------------------------------------------------------------------

    /** A step of the old version that moves to a step of the new one, where ids changed. */
    public record Mapping(String from, String to) {
    }

    /** From which version, to which (the newest when absent), with mappings for steps whose ids changed. */
    public record MigrationRequest(Integer fromVersion, Integer toVersion, List<Mapping> mappings) {
    }

    public record Step(String id, String name) {
    }

    /** One running application: where it stands and whether it can move. */
    public record Check(String applicationNo, List<Step> steps, boolean migratable, List<String> reasons) {
    }

    public record DryRun(int fromVersion, int toVersion, int total, int migratable, int blocked, List<Check> instances) {
    }

    /** Answers, per running application, whether it can migrate and why not; changes nothing. */
    public DryRun dryRun(long id, MigrationRequest request) {
        Plan plan = plan(models.existing(mapper.find(id), id), request);
        List<Check> checks = targets(plan).stream().map(t -> check(plan, t)).toList();
        int migratable = (int) checks.stream().filter(Check::migratable).count();
        return new DryRun(plan.from().getVersion(), plan.to().getVersion(), checks.size(), migratable,
                checks.size() - migratable, checks);
    }

    /** A background job as stored: {@code done} migrated, {@code failed} left where they were. */
    public record Job(long id, long modelId, String kind, String status, int fromVersion, int toVersion, int total,
            int done, int failed, String startedBy, LocalDateTime startedAt, LocalDateTime updatedAt,
            LocalDateTime finishedAt) {
    }

    public record JobMessage(String applicationNo, String message) {
    }

    public record JobView(@JsonUnwrapped Job job, List<JobMessage> messages) {
    }

    /**
     * Starts migrating every application running on the old version, in the background; one migration per model
     * at a time (another answers 409). Each application moves in a transaction of its own, so one that cannot
     * move leaves the others moving.
     */
    public JobView startMigration(long id, MigrationRequest request, HttpServletRequest http) {
        CurrentUser admin = identity.current();
        Actor actor = Actor.of(admin, null);
        Plan plan = plan(models.existing(mapper.find(id), id), request);
        List<Target> targets = targets(plan);
        long jobId = transactions.retryingDeadlocks(() -> {
            models.existing(mapper.findForUpdate(id), id);
            LocalDateTime now = LocalDateTime.now(clock);
            Job running = mapper.findRunningJob(id);
            if (running != null) {
                if (running.updatedAt().isAfter(now.minus(STALE))) {
                    throw ApiException.conflict("MIGRATION_RUNNING", "该模型已有迁移任务在运行（任务 " + running.id() + "），请等待其结束");
                }
                mapper.jobFinished(running.id(), "ABANDONED", now);
            }
            ModelingMapper.NewJob job = new ModelingMapper.NewJob();
            job.modelId = id;
            job.kind = "MIGRATION";
            job.fromVersion = plan.from().getVersion();
            job.toVersion = plan.to().getVersion();
            job.total = targets.size();
            job.startedBy = admin.username();
            job.now = now;
            mapper.insertJob(job);
            models.record(http, "MODEL_MIGRATION_STARTED", id, "第 " + job.fromVersion + " 版 → 第 " + job.toVersion
                    + " 版，共 " + job.total + " 件（任务 " + job.id + "）");
            return job.id;
        });
        jobs.execute(() -> run(jobId, plan, targets, actor));
        return job(jobId);
    }

    /** A job of a model in the caller's scope; others answer 404 like the model itself. */
    public JobView job(long jobId) {
        Job job = mapper.findJob(jobId);
        if (job == null || !models.inScope(mapper.find(job.modelId()))) {
            throw ApiException.notFound("后台任务 " + jobId);
        }
        return new JobView(job, mapper.findJobMessages(jobId));
    }

    private void run(long jobId, Plan plan, List<Target> targets, Actor actor) {
        String note = "流程由第 " + plan.from().getVersion() + " 版迁移至第 " + plan.to().getVersion() + " 版";
        try {
            for (Target target : targets) {
                String failure = migrate(plan, target, actor, note);
                if (failure != null) {
                    mapper.insertJobMessage(jobId, target.applicationNo(), limit(failure));
                }
                mapper.jobProgress(jobId, failure == null ? 1 : 0, failure == null ? 0 : 1, LocalDateTime.now(clock));
            }
        } catch (RuntimeException e) {
            log.error("migration job {} stopped", jobId, e);
            mapper.insertJobMessage(jobId, null, "迁移任务意外中止：" + e.getClass().getSimpleName());
        } finally {
            mapper.jobFinished(jobId, "DONE", LocalDateTime.now(clock));
        }
    }

    /** Moves one application; answers why it could not, or null. */
    private String migrate(Plan plan, Target target, Actor actor, String note) {
        try {
            return transactions.separatelyRetryingDeadlocks(() -> {
                var instance = runtime.createProcessInstanceQuery().processInstanceId(target.processInstanceId()).singleResult();
                if (instance == null) {
                    return "办件已办结或已撤回，无需迁移";
                }
                if (!instance.getProcessDefinitionId().equals(plan.from().getId())) {
                    return "办件已不在第 " + plan.from().getVersion() + " 版上";
                }
                Check check = check(plan, target);
                if (!check.migratable()) {
                    return String.join("；", check.reasons());
                }
                plan.builder(migrations).migrate(target.processInstanceId());
                if (target.applicationNo() != null) {
                    steps.recorded(target.applicationNo(), actor, "MIGRATE", note);
                }
                return null;
            });
        } catch (ApiException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            log.warn("migration of {} failed", target.processInstanceId(), e);
            return "迁移失败：" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private record Target(String processInstanceId, String applicationNo) {
    }

    private List<Target> targets(Plan plan) {
        return runtime.createProcessInstanceQuery().processDefinitionId(plan.from().getId()).orderByProcessInstanceId().asc()
                .list().stream().map(p -> new Target(p.getId(), p.getBusinessKey())).toList();
    }

    private Check check(Plan plan, Target target) {
        List<String> active = runtime.createExecutionQuery().processInstanceId(target.processInstanceId()).list().stream()
                .map(Execution::getActivityId).filter(Objects::nonNull).distinct()
                .filter(a -> !(plan.fromModel().getFlowElement(a) instanceof BoundaryEvent)).toList();
        List<Step> steps = active.stream().map(a -> new Step(a, name(plan.fromModel().getFlowElement(a), a))).toList();
        Set<String> mapped = new HashSet<>();
        plan.mappings().forEach(m -> mapped.add(m.from()));
        List<String> reasons = new ArrayList<>();
        for (Step step : steps) {
            if (!mapped.contains(step.id()) && !(plan.toModel().getFlowElement(step.id()) instanceof FlowNode)) {
                reasons.add("当前环节“" + step.name() + "”（" + step.id() + "）在第 " + plan.to().getVersion()
                        + " 版中不存在，请指定它在新版本中的对应环节");
            }
        }
        ProcessInstanceMigrationValidationResult result = plan.builder(migrations).validateMigration(target.processInstanceId());
        if (!result.isMigrationValid() && reasons.isEmpty()) {
            reasons.addAll(result.getValidationMessages());
        }
        return new Check(target.applicationNo(), steps, result.isMigrationValid() && reasons.isEmpty(), reasons);
    }

    private record Plan(ProcessDefinition from, ProcessDefinition to, List<Mapping> mappings, BpmnModel fromModel,
            BpmnModel toModel) {

        ProcessInstanceMigrationBuilder builder(ProcessMigrationService migrations) {
            ProcessInstanceMigrationBuilder builder = migrations.createProcessInstanceMigrationBuilder()
                    .migrateToProcessDefinition(to.getId());
            mappings.forEach(m -> builder.addActivityMigrationMapping(ActivityMigrationMapping.createMappingFor(m.from(), m.to())));
            return builder;
        }
    }

    private Plan plan(ProcessModel model, MigrationRequest request) {
        if (request == null || request.fromVersion() == null) {
            throw ApiException.badParameter("fromVersion", "请指明从哪个版本迁移");
        }
        String key = key(requireDeployed(model));
        ProcessDefinition from = definition(key, request.fromVersion(), "fromVersion");
        ProcessDefinition to = request.toVersion() == null
                ? repository.createProcessDefinitionQuery().processDefinitionKey(key).processDefinitionWithoutTenantId()
                        .latestVersion().singleResult()
                : definition(key, request.toVersion(), "toVersion");
        if (from.getVersion() == to.getVersion()) {
            throw ApiException.badParameter("toVersion", "目标版本须不同于原版本（第 " + from.getVersion() + " 版）");
        }
        BpmnModel fromModel = repository.getBpmnModel(from.getId());
        BpmnModel toModel = repository.getBpmnModel(to.getId());
        List<Mapping> mappings = request.mappings() == null ? List.of() : request.mappings();
        if (mappings.size() > MAX_MAPPINGS) {
            throw ApiException.badParameter("mappings", "环节对应关系不能超过 " + MAX_MAPPINGS + " 条");
        }
        Set<String> sources = new HashSet<>();
        for (Mapping m : mappings) {
            if (m == null || m.from() == null || m.to() == null || !(fromModel.getFlowElement(m.from()) instanceof FlowNode)) {
                throw ApiException.badParameter("mappings", "第 " + from.getVersion() + " 版中没有环节 " + (m == null ? null : m.from()));
            }
            if (!(toModel.getFlowElement(m.to()) instanceof FlowNode)) {
                throw ApiException.badParameter("mappings", "第 " + to.getVersion() + " 版中没有环节 " + m.to());
            }
            if (!sources.add(m.from())) {
                throw ApiException.badParameter("mappings", "环节 " + m.from() + " 只能对应一个新环节");
            }
        }
        return new Plan(from, to, List.copyOf(mappings), fromModel, toModel);
    }

    // ---- rollback -------------------------------------------------------------------------------------------

    public record Rollback(Integer version) {
    }

    /**
     * Makes an earlier version current again: its XML is deployed as the newest version (and becomes the model's
     * draft), so new applications use it; applications already running stay where they are until migrated.
     */
    @Transactional
    public ModelingService.Deployed rollback(long id, Rollback request, HttpServletRequest http) {
        ProcessModel model = models.existing(mapper.findForUpdate(id), id);
        if (request == null || request.version() == null) {
            throw ApiException.badParameter("version", "请指明回退到哪个版本");
        }
        String key = key(requireDeployed(model));
        ProcessDefinition earlier = definition(key, request.version(), "version");
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .processDefinitionWithoutTenantId().latestVersion().singleResult();
        if (earlier.getId().equals(latest.getId())) {
            throw ApiException.conflict("ALREADY_CURRENT", "第 " + earlier.getVersion() + " 版已是当前版本");
        }
        String xml = workflow.processXml(earlier.getId());
        return models.deployVersion(model, BpmnFile.read(xml), "回退到第 " + earlier.getVersion() + " 版", http);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static ProcessModel requireDeployed(ProcessModel model) {
        if (model.processDefinitionId() == null) {
            throw ApiException.conflict("NOT_DEPLOYED", "模型尚未部署，没有版本");
        }
        return model;
    }

    /** The definition key of the model's deployments (its draft may since have a different process id). */
    private String key(ProcessModel model) {
        ProcessDefinition deployed = repository.createProcessDefinitionQuery().processDefinitionId(model.processDefinitionId())
                .singleResult();
        return deployed == null ? model.modelKey() : deployed.getKey();
    }

    private ProcessDefinition definition(String key, int version, String parameter) {
        ProcessDefinition d = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .processDefinitionWithoutTenantId().processDefinitionVersion(version).singleResult();
        if (d == null) {
            throw ApiException.badParameter(parameter, "流程 " + key + " 没有第 " + version + " 版");
        }
        return d;
    }

    private static String name(FlowElement element, String id) {
        return element == null || element.getName() == null || element.getName().isBlank() ? id : element.getName();
    }

    private static String limit(String text) {
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
