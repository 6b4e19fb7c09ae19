package org.yiwang.modeling;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flowable.common.engine.api.FlowableException;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.repository.Deployment;
import org.flowable.engine.repository.ProcessDefinition;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.common.ApiException;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.region.RegionService;
import org.yiwang.audit.AuditService;
import org.yiwang.workflow.ProcessContract;
import org.yiwang.workflow.WorkflowService;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Process models (流程建模): BPMN files imported from other tools or saved from the modeller are kept as drafts;
 * a deployment validates the model and makes it the next version of its process definition. Applications
 * already running stay on the version they started with, as Flowable keeps them.
 * <p>
 * A model belongs to the region of the administrator who imported it; administrators see and change only
 * models of their region's subtree, and a model of another region answers 404 as if it did not exist. A process
 * (definition key) belongs to the region of the model that first deployed it, and to the province when the
 * platform deployed it itself (the templates in {@code processes/}): only a model of that region's subtree
 * may deploy a new version of it (403 otherwise), and only items of that region's subtree may bind it.
 */
@Service
public class ModelingService {

    private final ModelingMapper mapper;
    private final ModelRules rules;
    private final RepositoryService repository;
    private final WorkflowService workflow;
    private final IdentityService identity;
    private final RegionService regions;
    private final AuditService audit;
    private final Clock clock;

    ModelingService(ModelingMapper mapper, ModelRules rules, RepositoryService repository, WorkflowService workflow,
            IdentityService identity, RegionService regions, AuditService audit, Clock clock) {
        this.mapper = mapper;
        this.rules = rules;
        this.repository = repository;
        this.workflow = workflow;
        this.identity = identity;
        this.regions = regions;
        this.audit = audit;
        this.clock = clock;
    }

    /** A model with what stands between it and a deployment. */
    public record ModelView(@JsonUnwrapped ProcessModel model, List<Problem> problems) {
    }

    public record Draft(String xml, String name) {
    }

    public record Validation(boolean valid, List<Problem> problems) {
    }

    public record Deployed(long id, String key, int version, String deploymentId, String processDefinitionId) {
    }

    /** A process template of the platform ({@code processes/}) in its latest deployed version. */
    public record Template(String key, String name, int version, String processDefinitionId) {
    }

    public record TemplateView(@JsonUnwrapped Template template, String xml) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    @Transactional
    public ModelView importModel(byte[] content, String fileName, String name, HttpServletRequest http) {
        BpmnFile.Parsed parsed = BpmnFile.read(content);
        refuseUnsafe(parsed);
        String named = name(name, parsed, fileName);
        return insertDraft(parsed, named, "MODEL_IMPORTED", named + " (" + parsed.key() + ")", http);
    }

    /** Stores a parsed model as a draft of the caller's region, audited, with what deployment would say of it. */
    private ModelView insertDraft(BpmnFile.Parsed parsed, String name, String action, String detail, HttpServletRequest http) {
        CurrentUser user = identity.current();
        ModelingMapper.NewModel m = new ModelingMapper.NewModel();
        m.modelKey = parsed.key();
        m.name = name;
        m.xml = parsed.xml();
        m.createdBy = user.username();
        m.createdAt = LocalDateTime.now(clock);
        m.regionCode = user.regionCode();
        mapper.insert(m);
        record(http, action, m.id, detail);
        return new ModelView(mapper.find(m.id), rules.check(parsed, m.regionCode));
    }

    /** The models of the caller's region's subtree. */
    public PageResult<ProcessModel> list(Paging paging) {
        String region = identity.current().regionCode();
        return paging.result(mapper.list(region, paging.offset(), paging.size()), mapper.count(region));
    }

    public ModelView get(long id) {
        ProcessModel model = existing(mapper.find(id), id);
        return new ModelView(model, rules.check(BpmnFile.read(model.xml()), model.regionCode()));
    }

    @Transactional
    public ModelView save(long id, Draft draft, HttpServletRequest http) {
        ProcessModel model = existing(mapper.findForUpdate(id), id);
        BpmnFile.Parsed parsed = BpmnFile.read(draft == null ? null : draft.xml());
        refuseUnsafe(parsed);
        String name = name(draft.name() == null || draft.name().isBlank() ? model.name() : draft.name(), parsed, null);
        mapper.saveDraft(id, parsed.key(), name, parsed.xml(), LocalDateTime.now(clock));
        record(http, "MODEL_SAVED", id, name + " (" + parsed.key() + ")");
        return new ModelView(mapper.find(id), rules.check(parsed, model.regionCode()));
    }

    public Validation validate(long id) {
        ProcessModel model = existing(mapper.find(id), id);
        List<Problem> problems = rules.check(BpmnFile.read(model.xml()), model.regionCode());
        return new Validation(problems.stream().noneMatch(Problem::blocking), problems);
    }

    @Transactional
    public Deployed deploy(long id, HttpServletRequest http) {
        ProcessModel model = existing(mapper.findForUpdate(id), id);
        return deployVersion(model, BpmnFile.read(model.xml()), null, http);
    }

    /**
     * Validates and deploys the XML as the next version of its definition, records who did it, and makes it the
     * model's deployed state. Runs in the caller's transaction, with the model row locked by the caller.
     */
    Deployed deployVersion(ProcessModel model, BpmnFile.Parsed parsed, String note, HttpServletRequest http) {
        long id = model.id();
        checkDeployable(model, parsed);
        checkOwner(model, parsed.key());
        Deployment deployment;
        try {
            deployment = repository.createDeployment().name(model.name()).key(parsed.key()).category("model:" + id)
                    .addString(parsed.key() + ".bpmn20.xml", parsed.xml()).deploy();
        } catch (FlowableException e) {
            throw engineRefused(parsed);
        }
        ProcessDefinition definition = repository.createProcessDefinitionQuery().deploymentId(deployment.getId())
                .processDefinitionKey(parsed.key()).singleResult();
        LocalDateTime now = LocalDateTime.now(clock);
        if (note != null) {
            mapper.saveDraft(id, parsed.key(), model.name(), parsed.xml(), now);
        }
        mapper.deployed(id, definition.getVersion(), deployment.getId(), definition.getId(), now);
        mapper.insertDeployment(id, definition.getId(), definition.getVersion(), identity.current().username(), now, note);
        record(http, note == null ? "MODEL_DEPLOYED" : "MODEL_ROLLED_BACK", id,
                model.name() + " (" + parsed.key() + ") v" + definition.getVersion() + (note == null ? "" : "：" + note));
        return new Deployed(id, parsed.key(), definition.getVersion(), deployment.getId(), definition.getId());
    }

    /** The platform's process templates, which every administrator may open and copy. */
    public List<Template> templates() {
        return ProcessContract.TEMPLATES.stream().map(this::latestTemplate).flatMap(Optional::stream).toList();
    }

    public TemplateView template(String key) {
        Template template = (ProcessContract.TEMPLATES.contains(key) ? latestTemplate(key) : Optional.<Template>empty())
                .orElseThrow(() -> ApiException.notFound("流程模板 " + key));
        return new TemplateView(template, workflow.processXml(template.processDefinitionId()));
    }

    /**
     * A draft model of the caller's region made from a template's latest version. It gets a process key of its
     * own ({@code <template>_<region>_<random>}), so that the region can deploy it as its own process — a new
     * version of the province's template itself is the province's to deploy.
     */
    @Transactional
    public ModelView copyTemplate(String key, HttpServletRequest http) {
        TemplateView template = template(key);
        String region = identity.current().regionCode();
        String copyKey = key + "_" + region + "_" + suffix();
        String name = template.template().name() + "（副本）";
        BpmnFile.Parsed parsed = BpmnFile.read(renamed(template.xml(), key, copyKey, name));
        return insertDraft(parsed, name, "MODEL_COPIED",
                name + " (" + copyKey + ")，复制自 " + key + " v" + template.template().version(), http);
    }

    private Optional<Template> latestTemplate(String key) {
        return Optional.ofNullable(repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                .processDefinitionWithoutTenantId().singleResult())
                .map(d -> new Template(d.getKey(), d.getName() == null ? d.getKey() : d.getName(), d.getVersion(), d.getId()));
    }

    /** The template's XML with the process (and its diagram plane) under the copy's key and name. */
    private static String renamed(String xml, String key, String copyKey, String name) {
        Matcher process = Pattern.compile("<process\\b[^>]*>").matcher(xml);
        while (process.find()) {
            String tag = process.group();
            if (tag.contains(" id=\"" + key + "\"")) {
                String copy = tag.replace(" id=\"" + key + "\"", " id=\"" + copyKey + "\"")
                        .replaceFirst(" name=\"[^\"]*\"", Matcher.quoteReplacement(" name=\"" + name + "\""));
                return (xml.substring(0, process.start()) + copy + xml.substring(process.end()))
                        .replace("bpmnElement=\"" + key + "\"", "bpmnElement=\"" + copyKey + "\"");
            }
        }
        throw new IllegalStateException("template " + key + " has no process of that id");
    }

    private static String suffix() {
        StringBuilder s = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            s.append(Character.forDigit(RANDOM.nextInt(36), 36));
        }
        return s.toString();
    }

    /** The platform's rules, before anything reaches the engine: 422 listing every blocking problem. */
    void checkDeployable(ProcessModel model, BpmnFile.Parsed parsed) {
        List<Problem> errors = rules.check(parsed, model.regionCode()).stream().filter(Problem::blocking).toList();
        if (!errors.isEmpty()) {
            throw invalid("模型未通过校验，不能部署：共 " + errors.size() + " 个问题", errors);
        }
    }

    /** Code or an expression outside the platform's language is not even stored: a stored model can be test-run. */
    private void refuseUnsafe(BpmnFile.Parsed parsed) {
        List<Problem> unsafe = rules.unsafe(parsed);
        if (!unsafe.isEmpty()) {
            throw new ModelRejected(HttpStatus.UNPROCESSABLE_ENTITY, "MODEL_UNSAFE",
                    "模型含有平台不允许执行的代码或表达式，未保存：共 " + unsafe.size() + " 个问题", unsafe);
        }
    }

    /** What the engine's parser finds beyond the validator, e.g. an expression it cannot compile. */
    static ModelRejected engineRefused(BpmnFile.Parsed parsed) {
        return invalid("流程引擎拒绝部署该模型", List.of(Problem.error(parsed.key(), "流程引擎无法解析该模型：请检查表达式和元素属性")));
    }

    private static ModelRejected invalid(String message, List<Problem> errors) {
        return new ModelRejected(HttpStatus.UNPROCESSABLE_ENTITY, "MODEL_INVALID", message, errors);
    }

    /** A new version of a process another region owns (a province template for a city's model) is refused. */
    private void checkOwner(ProcessModel model, String key) {
        if (ProcessContract.isInternal(key)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "PROCESS_OWNED_ELSEWHERE", "流程 " + key + " 是平台内部流程，不能部署新版本", null);
        }
        String owner = processRegion(key).orElse(null);
        if (owner != null && !regions.isWithin(owner, model.regionCode())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "PROCESS_OWNED_ELSEWHERE", RegionService.PROVINCE.equals(owner)
                    ? "流程 " + key + " 是省级流程（模板），只能由省级管理员部署新版本"
                    : "流程 " + key + " 属于行政区划 " + owner + "，只能由该辖区的管理员部署新版本", null);
        }
    }

    /**
     * The region a deployed process belongs to: that of the model whose deployment made its first version, the
     * province's for one the platform deployed itself; empty when no version is deployed.
     */
    public java.util.Optional<String> processRegion(String key) {
        ProcessDefinition first = key == null ? null : repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .processDefinitionWithoutTenantId().orderByProcessDefinitionVersion().asc().listPage(0, 1)
                .stream().findFirst().orElse(null);
        if (first == null) {
            return java.util.Optional.empty();
        }
        String category = repository.createDeploymentQuery().deploymentId(first.getDeploymentId()).singleResult().getCategory();
        ProcessModel model = category != null && category.matches("model:\\d{1,18}")
                ? mapper.find(Long.parseLong(category.substring("model:".length()))) : null;
        return java.util.Optional.of(model == null ? RegionService.PROVINCE : model.regionCode());
    }

    /** A model of the caller's region's subtree; any other answers 404, not disclosing that it exists. */
    ProcessModel existing(ProcessModel model, long id) {
        if (!inScope(model)) {
            throw ApiException.notFound("流程模型 " + id);
        }
        return model;
    }

    boolean inScope(ProcessModel model) {
        return model != null && regions.isWithin(model.regionCode(), identity.current().regionCode());
    }

    /** The name given, else the process's own name, else the file's name without its extension, else the key. */
    private static String name(String given, BpmnFile.Parsed parsed, String fileName) {
        if (given != null && !given.isBlank()) {
            if (given.strip().length() > 200) {
                throw ApiException.badParameter("name", "模型名称不能超过 200 个字符");
            }
            return given.strip();
        }
        String name = parsed.model().getProcessById(parsed.key()).getName();
        if ((name == null || name.isBlank()) && fileName != null) {
            name = fileName.replaceAll("^.*[/\\\\]", "").replaceAll("\\.(bpmn20\\.xml|bpmn|xml)$", "");
        }
        name = name == null || name.isBlank() ? parsed.key() : name.strip();
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    void record(HttpServletRequest http, String action, long id, String detail) {
        CurrentUser admin = identity.current();
        audit.record(new AuditService.Event(admin.accountId(), admin.username(), action, "model:" + id, detail,
                http.getRemoteAddr(), admin.regionCode()));
    }
}
