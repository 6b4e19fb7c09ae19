package org.yiwang.modeling;

import java.io.StringReader;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.datatype.DatatypeFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.flowable.bpmn.model.AdhocSubProcess;
import org.flowable.bpmn.model.BoundaryEvent;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.BusinessRuleTask;
import org.flowable.bpmn.model.EndEvent;
import org.flowable.bpmn.model.Event;
import org.flowable.bpmn.model.EventSubProcess;
import org.flowable.bpmn.model.ExclusiveGateway;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.FlowElementsContainer;
import org.flowable.bpmn.model.FlowNode;
import org.flowable.bpmn.model.ImplementationType;
import org.flowable.bpmn.model.MultiInstanceLoopCharacteristics;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.ScriptTask;
import org.flowable.bpmn.model.SendTask;
import org.flowable.bpmn.model.SequenceFlow;
import org.flowable.bpmn.model.ServiceTask;
import org.flowable.bpmn.model.StartEvent;
import org.flowable.bpmn.model.SubProcess;
import org.flowable.bpmn.model.TimerEventDefinition;
import org.flowable.bpmn.model.UserTask;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.validation.ProcessValidator;
import org.flowable.validation.ValidationError;
import org.flowable.validation.validator.Problems;
import org.springframework.stereotype.Component;
import org.yiwang.identity.Role;
import org.yiwang.region.RegionService;
import org.yiwang.workflow.ModelExpressions;
import org.yiwang.workflow.ProcessContract;
import org.yiwang.workflow.StepKinds;

/**
 * What a model must satisfy before it is deployed: Flowable's own validator, then the platform's rules — every
 * user task goes to candidate groups the platform resolves, every element lies on a path from a start to an
 * end, exclusive gateways choose by conditions, timers parse, and nothing runs code but the platform's own
 * delegates. Expressions stay inside the platform's expression language ({@link ModelExpressions}), in every
 * attribute the engine evaluates.
 * <p>
 * It is long on purpose: it is the allowlist of what an administrator's upload may make the engine do, and a
 * reviewer should find every rule in this one file.
 */
@Component
class ModelRules {

    private static final Set<String> TEMPLATE_GROUPS = Set.of("${acceptGroup}", "${reviewGroup}", "${decideGroup}", "${headGroup}");
    private static final String AGENCY_REVIEW_GROUP = "${reviewGroupOfAgency}";
    private static final Set<String> STAFF_ROLES = Arrays.stream(Role.values()).filter(Role::isStaffRole).map(Role::name)
            .collect(Collectors.toUnmodifiableSet());
    private static final Pattern AGENCY_GROUP = Pattern.compile("agency:(\\d{1,18}):([A-Z_]+)");
    /** XML namespaces of diagram layout: nothing in them is ever evaluated. */
    private static final Set<String> LAYOUT_NAMESPACES = Set.of("http://www.omg.org/spec/BPMN/20100524/DI",
            "http://www.omg.org/spec/DD/20100524/DC", "http://www.omg.org/spec/DD/20100524/DI");
    /** Elements whose text the engine never evaluates (annotations) or that are refused whole (scripts). */
    private static final Set<String> UNEVALUATED_TEXT = Set.of("text", "script");
    private static final Pattern REPETITIONS = Pattern.compile("R\\d*");
    private static final DatatypeFactory XSD = DatatypeFactory.newDefaultInstance();

    private final ProcessEngineConfigurationImpl engine;
    private final RegionService regions;
    private final ModelExpressions language;

    ModelRules(ProcessEngineConfigurationImpl engine, RegionService regions, ModelExpressions language) {
        this.engine = engine;
        this.regions = regions;
        this.language = language;
    }

    /**
     * The rules, and that every agency a step names lies in the model's region: an administrator assigns work
     * only to agencies of their own subtree.
     */
    List<Problem> check(BpmnFile.Parsed parsed, String regionCode) {
        List<Problem> out = check(parsed);
        for (Process process : parsed.model().getProcesses()) {
            for (UserTask t : process.findFlowElementsOfType(UserTask.class, true)) {
                for (String group : t.getCandidateGroups()) {
                    Matcher m = AGENCY_GROUP.matcher(group.trim());
                    if (m.matches() && regions.agencyByIdIfExists(Long.parseLong(m.group(1)))
                            .filter(a -> !regions.isWithin(a.regionCode(), regionCode)).isPresent()) {
                        out.add(Problem.error(t.getId(), "候选组 " + group.trim() + " 中的实施主体 " + m.group(1)
                                + " 不在模型所属行政区划 " + regionCode + " 内"));
                    }
                }
            }
        }
        return out;
    }

    private List<Problem> check(BpmnFile.Parsed parsed) {
        BpmnModel model = parsed.model();
        List<Problem> out = new ArrayList<>(flowable(model));
        out.addAll(unsafe(parsed));
        List<Process> executable = model.getProcesses().stream().filter(Process::isExecutable).toList();
        if (executable.isEmpty()) {
            out.add(Problem.error(model.getProcesses().get(0).getId(),
                    "流程未设为可执行：部署前须设置 isExecutable=\"true\""));
        } else if (executable.size() > 1) {
            out.add(Problem.error(executable.get(1).getId(), "模型有 " + executable.size()
                    + " 个可执行流程，一个模型只能部署一个：" + executable.stream().map(Process::getId).toList()));
        }
        for (Process process : executable.isEmpty() ? model.getProcesses() : executable) {
            container(out, process);
            decisions(out, process);
        }
        return out;
    }

    /** A case ends with a decision and the platform's conclusion; without them it never reaches the applicant. */
    private static void decisions(List<Problem> out, Process process) {
        List<UserTask> tasks = process.findFlowElementsOfType(UserTask.class, true);
        if (tasks.isEmpty()) {
            return;
        }
        boolean decides = tasks.stream().map(t -> StepKinds.of(t.getId(), t.getCategory()))
                .anyMatch(k -> StepKinds.DECIDE.equals(k) || StepKinds.INSTANT.equals(k));
        boolean concludes = process.findFlowElementsOfType(ServiceTask.class, true).stream()
                .anyMatch(t -> t.getImplementation() != null && t.getImplementation().replaceAll("\\s", "").equals(ModelExpressions.CONCLUDE));
        if (!decides) {
            out.add(new Problem(process.getId(), "流程没有审批决定（decide）或即办（instant）环节：办件将无法作出决定",
                    Problem.Severity.WARNING));
        }
        if (!concludes) {
            out.add(new Problem(process.getId(), "流程没有调用 " + ModelExpressions.CONCLUDE + " 的办结服务任务：办件将无法办结",
                    Problem.Severity.WARNING));
        }
    }

    private List<Problem> flowable(BpmnModel model) {
        ProcessValidator validator = engine.getProcessValidator();
        if (validator == null) {
            return List.of();
        }
        try {
            return validator.validate(model).stream()
                    .filter(e -> !Problems.ALL_PROCESS_DEFINITIONS_NOT_EXECUTABLE.equals(e.getProblem()))
                    .map(ModelRules::problem).toList();
        } catch (RuntimeException e) {
            return List.of(Problem.error(null, "Flowable 校验器无法处理该模型，请检查流程元素及其引用是否完整"));
        }
    }

    private static Problem problem(ValidationError e) {
        return new Problem(e.getActivityId() != null ? e.getActivityId() : e.getProcessDefinitionId(),
                e.getDefaultDescription(), e.isWarning() ? Problem.Severity.WARNING : Problem.Severity.ERROR);
    }

    /** The rules for the elements of a process or sub-process, and the paths between them. */
    private void container(List<Problem> out, FlowElementsContainer container) {
        Map<String, List<String>> next = new HashMap<>();
        Map<String, List<String>> previous = new HashMap<>();
        Map<String, List<SequenceFlow>> outgoing = new HashMap<>();
        List<FlowNode> nodes = new ArrayList<>();
        for (FlowElement e : container.getFlowElements()) {
            if (e instanceof SequenceFlow f) {
                link(next, previous, f.getSourceRef(), f.getTargetRef());
                outgoing.computeIfAbsent(f.getSourceRef(), k -> new ArrayList<>()).add(f);
                condition(out, f);
            } else if (e instanceof FlowNode n) {
                nodes.add(n);
                if (n instanceof BoundaryEvent b) {
                    link(next, previous, b.getAttachedToRefId(), b.getId());
                }
                node(out, n);
            }
        }
        Map<String, FlowNode> byId = new HashMap<>();
        nodes.forEach(n -> byId.put(n.getId(), n));
        for (FlowNode n : nodes) {
            if (n instanceof ExclusiveGateway gateway) {
                gateway(out, gateway, outgoing.getOrDefault(gateway.getId(), List.of()));
            } else if (n instanceof UserTask t) {
                outcomes(out, t, outgoing.getOrDefault(t.getId(), List.of()), byId, outgoing);
            }
        }
        if (!(container instanceof AdhocSubProcess)) {
            paths(out, container.getId(), nodes, next, previous);
        }
    }

    /** Every element reachable from a start event, and from every element an end event reachable. */
    private static void paths(List<Problem> out, String containerId, List<FlowNode> nodes, Map<String, List<String>> next,
            Map<String, List<String>> previous) {
        // An event sub-process starts by its own event and ends inside itself.
        List<String> starts = nodes.stream().filter(n -> n instanceof StartEvent || n instanceof EventSubProcess)
                .map(FlowNode::getId).toList();
        List<String> ends = nodes.stream().filter(n -> n instanceof EndEvent || n instanceof EventSubProcess)
                .map(FlowNode::getId).toList();
        boolean hasStart = nodes.stream().anyMatch(n -> n instanceof StartEvent);
        boolean hasEnd = nodes.stream().anyMatch(n -> n instanceof EndEvent);
        if (!hasStart) {
            out.add(Problem.error(containerId, "没有开始事件"));
        }
        if (!hasEnd) {
            out.add(Problem.error(containerId, "没有结束事件"));
        }
        Set<String> reached = search(starts, next);
        Set<String> finishing = search(ends, previous);
        for (FlowNode n : nodes) {
            if (n instanceof EventSubProcess) {
                continue;
            }
            if (hasStart && !reached.contains(n.getId())) {
                out.add(Problem.error(n.getId(), label(n) + " 无法从开始事件到达"));
            } else if (hasEnd && !finishing.contains(n.getId())) {
                out.add(Problem.error(n.getId(), "从 " + label(n) + " 出发无法到达结束事件"));
            }
        }
    }

    private void node(List<Problem> out, FlowNode n) {
        if (n instanceof UserTask t) {
            userTask(out, t);
        } else if (n instanceof ServiceTask t && !namesCode(t)) {
            serviceTask(out, t);
        } else if ((n instanceof BusinessRuleTask || n instanceof SendTask) && !namesCode(n)) {
            out.add(Problem.error(n.getId(), "不支持业务规则任务和发送任务：平台只执行自己的流程服务"));
        } else if (n instanceof SubProcess s) {
            container(out, s);
        }
        if (n instanceof Event e) {
            e.getEventDefinitions().stream().filter(TimerEventDefinition.class::isInstance)
                    .forEach(d -> timer(out, n.getId(), (TimerEventDefinition) d));
        }
    }

    /**
     * What would run code or call into the platform: refused at import already, since a stored model can be test-run.
     * Listeners anywhere, scripts, Java classes and delegate expressions, and any expression outside the language of
     * {@link ModelExpressions}, in whatever attribute or element text of the file the engine could evaluate.
     */
    List<Problem> unsafe(BpmnFile.Parsed parsed) {
        List<Problem> out = new ArrayList<>();
        for (Process process : parsed.model().getProcesses()) {
            if (!process.getExecutionListeners().isEmpty() || !process.getEventListeners().isEmpty()) {
                out.add(Problem.error(process.getId(), "不允许流程级监听器：平台只执行自己的流程服务"));
            }
            for (FlowElement e : process.findFlowElementsOfType(FlowElement.class, true)) {
                code(out, e);
            }
        }
        expressions(out, parsed.xml());
        return out;
    }

    private static void code(List<Problem> out, FlowElement e) {
        if (!e.getExecutionListeners().isEmpty()) {
            out.add(Problem.error(e.getId(), "不允许执行监听器：平台只执行自己的流程服务"));
        }
        if (e instanceof UserTask t && !t.getTaskListeners().isEmpty()) {
            out.add(Problem.error(t.getId(), "不允许任务监听器：平台只执行自己的流程服务"));
        }
        if (e instanceof ScriptTask) {
            out.add(Problem.error(e.getId(), "出于安全原因，不允许脚本任务"));
        } else if (namesCode(e)) {
            out.add(Problem.error(e.getId(), "出于安全原因，不允许以 flowable:class、delegateExpression 或 flowable:type（外部工作者、shell、"
                    + "http 等）执行代码：服务任务只能以表达式调用平台函数 " + String.join(" 或 ", ModelExpressions.CALLS)));
        }
    }

    /** A task naming code for the engine to run: a Java class, a delegate expression, or one of the engine's task types. */
    private static boolean namesCode(FlowElement e) {
        if (e instanceof ServiceTask t) {
            return t.getClass() != ServiceTask.class || !blank(t.getType()) || codeImplementation(t.getImplementationType());
        }
        if (e instanceof SendTask t) {
            return !blank(t.getType()) || codeImplementation(t.getImplementationType());
        }
        return e instanceof BusinessRuleTask t && !blank(t.getClassName());
    }

    private static boolean codeImplementation(String type) {
        return ImplementationType.IMPLEMENTATION_TYPE_CLASS.equals(type)
                || ImplementationType.IMPLEMENTATION_TYPE_DELEGATEEXPRESSION.equals(type);
    }

    /**
     * Every attribute value and element text that holds {@code ${} or {@code #{}, read from the XML itself so that
     * no attribute the engine evaluates is missed, on the element (or its nearest ancestor with an id) it sits on.
     */
    private void expressions(List<Problem> out, String xml) {
        XMLStreamReader reader = null;
        Deque<String> ids = new ArrayDeque<>();
        Deque<StringBuilder> texts = new ArrayDeque<>();
        int layout = 0;
        try {
            reader = BpmnFile.factory().createXMLStreamReader(new StringReader(xml));
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (layout > 0 || LAYOUT_NAMESPACES.contains(String.valueOf(reader.getNamespaceURI()))) {
                        layout++;
                        continue;
                    }
                    String element = reader.getLocalName();
                    String own = reader.getAttributeValue(null, "id");
                    boolean shown = BpmnFile.BPMN_NS.equals(reader.getNamespaceURI()) && !part(element);
                    String id = shown && own != null && !own.isBlank() ? own : ids.peek();
                    ids.push(id == null ? "" : id);
                    texts.push(new StringBuilder());
                    for (int i = 0; i < reader.getAttributeCount(); i++) {
                        String local = reader.getAttributeLocalName(i);
                        String prefix = reader.getAttributePrefix(i);
                        String attribute = prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
                        String value = reader.getAttributeValue(i);
                        if (("class".equals(local) || "delegateExpression".equals(local)) && !codeElement(element)) {
                            out.add(new Problem(blankToNull(id), attribute, "出于安全原因，不允许以 Java 类或委托表达式执行代码",
                                    Problem.Severity.ERROR));
                        } else if (hasExpression(value)) {
                            expression(out, id, attribute, value, "serviceTask".equals(element) && "expression".equals(local));
                        }
                    }
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    if (layout == 0 && !texts.isEmpty()) {
                        texts.peek().append(reader.getText());
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (layout > 0) {
                        layout--;
                        continue;
                    }
                    String id = ids.pop();
                    String text = texts.pop().toString();
                    if (!UNEVALUATED_TEXT.contains(reader.getLocalName()) && hasExpression(text)) {
                        expression(out, id, reader.getLocalName(), text, false);
                    }
                }
            }
        } catch (XMLStreamException e) {
            out.add(Problem.error(null, "无法逐项检查模型中的表达式"));
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException e) {
                    // nothing was held open: the input is a string
                }
            }
        }
    }

    private void expression(List<Problem> out, String id, String attribute, String text, boolean platformCall) {
        language.refusal(text, platformCall).ifPresent(why -> out.add(new Problem(blankToNull(id), attribute,
                attribute + " 中的表达式 " + text.trim() + " 不被允许：" + why, Problem.Severity.ERROR)));
    }

    /** Parts of an element that the modeller does not show on their own: a problem goes on the element they belong to. */
    private static boolean part(String element) {
        return element.endsWith("EventDefinition") || element.endsWith("LoopCharacteristics") || element.endsWith("Expression")
                || "documentation".equals(element) || "extensionElements".equals(element);
    }

    /** Elements whose Java classes and delegate expressions the typed checks above already refuse, with their own message. */
    private static boolean codeElement(String element) {
        return "serviceTask".equals(element) || "executionListener".equals(element) || "taskListener".equals(element)
                || "eventListener".equals(element);
    }

    private static boolean hasExpression(String text) {
        return text != null && (text.contains("${") || text.contains("#{"));
    }

    private static String blankToNull(String id) {
        return id == null || id.isBlank() ? null : id;
    }

    private void userTask(List<Problem> out, UserTask t) {
        String category = trimmed(t.getCategory());
        if (category != null && !StepKinds.MODEL_KINDS.contains(category)) {
            out.add(Problem.error(t.getId(), "环节类型 " + category + " 无法识别：flowable:category 须为 accept（受理）、"
                    + "review（审查）、decide（审批决定）或 instant（即办）"));
        } else if (StepKinds.of(t.getId(), category) == null) {
            out.add(Problem.error(t.getId(), "用户任务 " + label(t) + " 未设置环节类型：请在 flowable:category 中填写 accept（受理）、"
                    + "review（审查）、decide（审批决定）或 instant（即办），工作台据此提供办理操作"));
        }
        if (!t.getCandidateUsers().isEmpty()) {
            out.add(Problem.error(t.getId(), "不支持候选人（candidateUsers）：请用候选组，由该组工作人员签收办理"));
        }
        if (t.getAssignee() != null && !t.getAssignee().isBlank()) {
            out.add(Problem.error(t.getId(), "平台无法解析固定办理人 " + t.getAssignee() + "：请用候选组，由该组工作人员签收办理"));
        }
        if (t.getCandidateGroups().isEmpty()) {
            out.add(Problem.error(t.getId(), "用户任务 " + label(t) + " 没有候选组，平台无法确定由谁办理"));
        }
        for (String group : t.getCandidateGroups()) {
            String wrong = groupProblem(t, group.trim());
            if (wrong != null) {
                out.add(Problem.error(t.getId(), wrong));
            }
        }
    }

    private String groupProblem(UserTask t, String group) {
        if (TEMPLATE_GROUPS.contains(group)) {
            return null;
        }
        if (AGENCY_REVIEW_GROUP.equals(group)) {
            return overReviewGroups(t.getLoopCharacteristics()) ? null
                    : "候选组 ${reviewGroupOfAgency} 只能用于以 ${reviewGroups} 为集合、reviewGroupOfAgency 为元素变量的多实例任务";
        }
        Matcher m = AGENCY_GROUP.matcher(group);
        if (!m.matches()) {
            return "候选组 " + group + " 无法解析：须为 ${acceptGroup}、${reviewGroup}、${decideGroup}、${headGroup}、"
                    + "多实例的 ${reviewGroupOfAgency}，或 agency:{实施主体编号}:{角色}";
        }
        if (regions.agencyByIdIfExists(Long.parseLong(m.group(1))).isEmpty()) {
            return "候选组 " + group + " 中的实施主体 " + m.group(1) + " 不存在";
        }
        if (!STAFF_ROLES.contains(m.group(2))) {
            return "候选组 " + group + " 中的角色须为工作人员角色之一：" + STAFF_ROLES.stream().sorted().toList();
        }
        return null;
    }

    private static boolean overReviewGroups(MultiInstanceLoopCharacteristics loop) {
        if (loop == null || !ProcessContract.REVIEW_GROUP_OF_AGENCY.equals(loop.getElementVariable())) {
            return false;
        }
        Set<String> collection = Set.of("${" + ProcessContract.REVIEW_GROUPS + "}", ProcessContract.REVIEW_GROUPS);
        return collection.contains(String.valueOf(loop.getInputDataItem()).trim())
                || collection.contains(String.valueOf(loop.getCollectionString()).trim());
    }

    /**
     * A step whose actions end it in different ways (受理: accept, refuse, supplement; 即办: approve, reject, refuse)
     * leads to an exclusive gateway that routes on {@code outcome}: each outcome named in a condition, or left to
     * the default flow. Otherwise a refused case would go on to review.
     */
    private static void outcomes(List<Problem> out, UserTask t, List<SequenceFlow> flows, Map<String, FlowNode> nodes,
            Map<String, List<SequenceFlow>> outgoing) {
        String kind = StepKinds.of(t.getId(), trimmed(t.getCategory()));
        if (!StepKinds.ACCEPT.equals(kind) && !StepKinds.INSTANT.equals(kind)) {
            return;
        }
        FlowNode next = flows.size() == 1 ? nodes.get(flows.get(0).getTargetRef()) : null;
        if (!(next instanceof ExclusiveGateway gateway)) {
            out.add(Problem.error(t.getId(), label(t) + " 之后须接一个排他网关，按 outcome 分支："
                    + String.join("、", StepKinds.OUTCOMES.get(kind))));
            return;
        }
        if (gateway.getDefaultFlow() != null) {
            return;
        }
        String conditions = outgoing.getOrDefault(gateway.getId(), List.of()).stream()
                .map(SequenceFlow::getConditionExpression).filter(Objects::nonNull).collect(Collectors.joining(" "));
        List<String> unrouted = StepKinds.OUTCOMES.get(kind).stream()
                .filter(o -> !conditions.contains("'" + o + "'") && !conditions.contains("\"" + o + "\"")).toList();
        if (!unrouted.isEmpty()) {
            out.add(Problem.error(gateway.getId(), "排他网关 " + label(gateway) + " 没有处理 " + label(t) + " 的结果 "
                    + unrouted + "：请为其设置条件（如 ${outcome == '" + unrouted.get(0) + "'}）或默认出线"));
        }
    }

    private static void serviceTask(List<Problem> out, ServiceTask t) {
        boolean platformDelegate = t.getClass() == ServiceTask.class && t.getType() == null
                && ImplementationType.IMPLEMENTATION_TYPE_EXPRESSION.equals(t.getImplementationType())
                && t.getImplementation() != null && ModelExpressions.CALLS.contains(t.getImplementation().replaceAll("\\s", ""));
        if (!platformDelegate) {
            out.add(Problem.error(t.getId(), "服务任务只能以表达式调用平台函数 " + String.join(" 或 ", ModelExpressions.CALLS)));
        }
    }

    private static void gateway(List<Problem> out, ExclusiveGateway gateway, List<SequenceFlow> flows) {
        if (flows.size() < 2) {
            return;
        }
        String defaultFlow = gateway.getDefaultFlow();
        List<String> unconditioned = flows.stream()
                .filter(f -> blank(f.getConditionExpression()) && !f.getId().equals(defaultFlow))
                .map(SequenceFlow::getId).toList();
        if (unconditioned.size() + (defaultFlow == null ? 0 : 1) > 1) {
            out.add(Problem.error(gateway.getId(), "排他网关 " + label(gateway) + " 的出线 " + unconditioned
                    + " 没有条件：除至多一条默认出线外，每条出线都须有条件"));
        }
    }

    private static void condition(List<Problem> out, SequenceFlow f) {
        if (!blank(f.getConditionExpression()) && !isExpression(f.getConditionExpression())) {
            out.add(Problem.error(f.getId(), "条件 " + f.getConditionExpression() + " 须为表达式 ${...}"));
        }
    }

    private static void timer(List<Problem> out, String id, TimerEventDefinition t) {
        String date = trimmed(t.getTimeDate());
        String duration = trimmed(t.getTimeDuration());
        String cycle = trimmed(t.getTimeCycle());
        if (Stream.of(date, duration, cycle).filter(Objects::nonNull).count() != 1) {
            out.add(Problem.error(id, "定时器须设置且只设置 timeDate、timeDuration、timeCycle 之一"));
        } else if (date != null && !isExpression(date) && !isDateTime(date)) {
            out.add(Problem.error(id, "定时器时间 " + date + " 不是 ISO 8601 日期时间，也不是表达式 ${...}"));
        } else if (duration != null && !isDuration(duration)) {
            out.add(Problem.error(id, "定时器时长 " + duration + " 不是 ISO 8601 时长（如 P5D、PT2H）"));
        } else if (cycle != null && !isCycle(cycle)) {
            out.add(Problem.error(id, "定时器周期 " + cycle + " 须为 ISO 8601 重复区间（如 R3/PT10M、R/2026-01-01T08:00:00/P1D）"));
        }
    }

    private static boolean isExpression(String text) {
        String t = text.trim();
        return (t.startsWith("${") || t.startsWith("#{")) && t.endsWith("}");
    }

    private static boolean isDateTime(String text) {
        for (DateTimeFormatter format : List.of(DateTimeFormatter.ISO_DATE_TIME, DateTimeFormatter.ISO_DATE)) {
            try {
                format.parse(text);
                return true;
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return false;
    }

    private static boolean isDuration(String text) {
        if (!text.startsWith("P")) {
            return false;
        }
        try {
            XSD.newDuration(text);
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** R[n]/duration, R[n]/start/duration or R[n]/duration/end. */
    private static boolean isCycle(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || !REPETITIONS.matcher(parts[0]).matches()) {
            return false;
        }
        if (parts.length == 2) {
            return isDuration(parts[1]);
        }
        return isDuration(parts[1]) && isDateTime(parts[2]) || isDateTime(parts[1]) && isDuration(parts[2]);
    }

    private static Set<String> search(Collection<String> from, Map<String, List<String>> edges) {
        Set<String> seen = new HashSet<>(from);
        List<String> todo = new ArrayList<>(from);
        while (!todo.isEmpty()) {
            for (String n : edges.getOrDefault(todo.remove(todo.size() - 1), List.of())) {
                if (seen.add(n)) {
                    todo.add(n);
                }
            }
        }
        return seen;
    }

    private static void link(Map<String, List<String>> next, Map<String, List<String>> previous, String from, String to) {
        if (from != null && to != null) {
            next.computeIfAbsent(from, k -> new ArrayList<>()).add(to);
            previous.computeIfAbsent(to, k -> new ArrayList<>()).add(from);
        }
    }

    private static String label(FlowElement e) {
        return e.getName() == null || e.getName().isBlank() ? e.getId() : "“" + e.getName() + "”";
    }

    private static String trimmed(String s) {
        return blank(s) ? null : s.trim();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
