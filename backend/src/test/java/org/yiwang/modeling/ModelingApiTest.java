package org.yiwang.modeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Personas;
import org.yiwang.workflow.WorkflowService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

@IntegrationTest
class ModelingApiTest {

    private static final String MODELS = "/api/v1/admin/models";

    @LocalServerPort
    int port;
    @Autowired
    WorkflowService workflow;
    @Autowired
    RuntimeService runtime;

    @Test
    void everyMiwgSampleIsStoredOrRefusedWithItsProblems() throws IOException {
        Api admin = Personas.login(port, "admin");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(samples(), FileVisitOption.FOLLOW_LINKS)) {
            files = walk.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
        }
        assertThat(files).as("BPMN MIWG samples").hasSizeGreaterThan(50);
        Map<String, String> outcomes = new TreeMap<>();
        int imported = 0;
        for (Path file : files) {
            String name = samples().relativize(file).toString();
            Api.Response r = admin.upload(MODELS + "/import", file.getFileName().toString(), Files.readAllBytes(file),
                    "application/xml", Map.of());
            if (r.status() == 201) {
                JsonNode model = r.json();
                assertThat(model.path("id").asLong()).as(name).isPositive();
                assertThat(model.path("status").asText()).as(name).isEqualTo("DRAFT");
                assertThat(model.path("version").asInt()).as(name).isZero();
                assertThat(model.path("problems").isArray()).as(name).isTrue();
                imported++;
                outcomes.put(name, "201 " + model.path("key").asText() + ", " + model.path("problems").size() + " problems");
            } else {
                assertThat(r.status()).as(name + ": " + r.body()).isBetween(400, 499);
                JsonNode problem = assertProblem(r, r.status(), r.json().path("code").asText());
                assertThat(problem.path("errors")).as(name).isNotEmpty();
                outcomes.put(name, r.status() + " " + problem.path("errors").get(0).path("message").asText());
            }
        }
        outcomes.forEach((file, outcome) -> System.out.println("MIWG " + file + ": " + outcome));
        System.out.println("MIWG imported " + imported + " of " + files.size());
        assertThat(imported).as("samples imported").isPositive();
    }

    @Test
    void externalEntitiesAndEntityExpansionAreRefusedWithoutBeingResolved() throws IOException {
        Api admin = Personas.login(port, "admin");
        long before = admin.get(MODELS).json().path("total").asLong();
        String marker = "XXE-SECRET-" + UUID.randomUUID();
        Path secret = Files.createTempFile("yiwang-xxe", ".txt");
        Files.writeString(secret, marker);
        String external = "<?xml version=\"1.0\"?>\n<!DOCTYPE definitions [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + definitions("<process id=\"xxe\" name=\"&xxe;\" isExecutable=\"true\"><startEvent id=\"s\"/></process>");
        String laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE definitions [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]>\n"
                + definitions("<process id=\"laughs\" name=\"&e;\" isExecutable=\"true\"/>");
        String externalDtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE definitions SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n"
                + definitions("<process id=\"dtd\" isExecutable=\"true\"/>");
        for (String payload : List.of(external, laughs, externalDtd)) {
            Api.Response r = admin.upload(MODELS + "/import", "evil.bpmn", payload.getBytes(StandardCharsets.UTF_8),
                    "application/xml", Map.of());
            JsonNode problem = assertProblem(r, 400, "INVALID_MODEL");
            assertThat(problem.path("errors").get(0).path("message").asText()).contains("DOCTYPE");
            assertThat(r.body()).doesNotContain(marker);
        }
        assertThat(admin.get(MODELS).json().path("total").asLong()).isEqualTo(before);
    }

    @Test
    void unusableFilesAreRefusedWithWhatIsWrong() {
        Api admin = Personas.login(port, "admin");
        assertProblem(upload(admin, ""), 400, "INVALID_MODEL");
        assertProblem(upload(admin, "<html><body>not a model</body></html>"), 400, "INVALID_MODEL");
        assertProblem(upload(admin, definitions("<process id=\"open\" isExecutable=\"true\">")), 400, "INVALID_MODEL");
        JsonNode noProcess = assertProblem(upload(admin, definitions("<message id=\"m\" name=\"m\"/>")), 400, "INVALID_MODEL");
        assertThat(noProcess.path("errors").get(0).path("message").asText()).contains("没有流程");
        String big = definitions("<!-- " + "x".repeat(BpmnFile.MAX_BYTES) + " --><process id=\"big\"/>");
        assertProblem(upload(admin, big), 413, "MODEL_TOO_LARGE");
        assertProblem(admin.post(MODELS + "/import", "{}"), 400, "INVALID_MODEL");
    }

    @Test
    void aDraftIsListedReadSavedAndValidated() {
        Api admin = Personas.login(port, "admin");
        JsonNode model = imported(admin, validModel("modelingDraft", "审查"));
        long id = model.path("id").asLong();
        assertThat(model.path("key").asText()).isEqualTo("modelingDraft");
        assertThat(model.path("name").asText()).isEqualTo("建模测试流程");
        assertThat(model.path("createdBy").asText()).isEqualTo("admin");

        JsonNode page = admin.get(MODELS, "page", 1, "size", 5).json();
        assertThat(page.path("page").asInt()).isEqualTo(1);
        assertThat(page.path("size").asInt()).isEqualTo(5);
        assertThat(page.path("total").asLong()).isPositive();
        assertThat(page.path("items").get(0).has("xml")).isFalse();

        JsonNode read = admin.get(MODELS + "/" + id).json();
        assertThat(read.path("xml").asText()).contains("modelingDraft");
        JsonNode validation = admin.get(MODELS + "/" + id + "/validate").json();
        assertThat(validation.path("valid").asBoolean()).as(validation.toString()).isTrue();

        Api.Response saved = put(admin, id, Map.of("xml", validModel("modelingDraft", "复审"), "name", "改名后的模型"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().path("name").asText()).isEqualTo("改名后的模型");
        assertThat(admin.get(MODELS + "/" + id).json().path("xml").asText()).contains("复审");

        Api.Response broken = put(admin, id, Map.of("xml", "<definitions"));
        assertProblem(broken, 400, "INVALID_MODEL");
        assertThat(admin.get(MODELS + "/" + id).json().path("xml").asText()).contains("复审");
        assertProblem(put(admin, 999_999_999L, Map.of("xml", validModel("x", "y"))), 404, "NOT_FOUND");
        assertProblem(admin.get(MODELS + "/999999999"), 404, "NOT_FOUND");
    }

    @Test
    void theTemplatesOfThePlatformPassItsOwnRules() throws IOException {
        Api admin = Personas.login(port, "admin");
        Resource[] templates = new PathMatchingResourcePatternResolver().getResources("classpath*:processes/*.bpmn20.xml");
        assertThat(templates).isNotEmpty();
        for (Resource template : templates) {
            JsonNode model = imported(admin, new String(template.getContentAsByteArray(), StandardCharsets.UTF_8));
            JsonNode validation = admin.get(MODELS + "/" + model.path("id").asLong() + "/validate").json();
            assertThat(validation.path("valid").asBoolean()).as(template.getFilename() + ": " + validation).isTrue();
        }
    }

    @Test
    void deployingMakesANewVersionWhileRunningApplicationsKeepTheirs() {
        Api admin = Personas.login(port, "admin");
        long id = imported(admin, validModel("modelingVersioned", "审查")).path("id").asLong();
        Api.Response first = admin.post(MODELS + "/" + id + "/deploy", "{}");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        JsonNode v1 = first.json();
        assertThat(v1.path("key").asText()).isEqualTo("modelingVersioned");
        assertThat(v1.path("version").asInt()).isEqualTo(1);
        assertThat(v1.path("deploymentId").asText()).isNotBlank();
        assertThat(admin.get(MODELS + "/" + id).json().path("status").asText()).isEqualTo("DEPLOYED");

        // An application started on version 1; its groups name an agency no clerk works for.
        String onV1 = workflow.start(new WorkflowService.Start("modelingVersioned", "MODELING-V1", 999_999_999L, "46",
                "46", null, null));
        try {
            assertThat(put(admin, id, Map.of("xml", validModel("modelingVersioned", "审查（第二版）"))).status()).isEqualTo(200);
            assertThat(admin.get(MODELS + "/" + id).json().path("status").asText()).isEqualTo("DRAFT");
            Api.Response deployed = admin.post(MODELS + "/" + id + "/deploy", "{}");
            assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
            JsonNode v2 = deployed.json();
            assertThat(v2.path("version").asInt()).isEqualTo(2);
            assertThat(v2.path("processDefinitionId").asText()).isNotEqualTo(v1.path("processDefinitionId").asText());

            assertThat(definitionOf(onV1)).isEqualTo(v1.path("processDefinitionId").asText());
            String onV2 = workflow.start(new WorkflowService.Start("modelingVersioned", "MODELING-V2", 999_999_999L, "46",
                    "46", null, null));
            assertThat(definitionOf(onV2)).isEqualTo(v2.path("processDefinitionId").asText());
            runtime.deleteProcessInstance(onV2, "test");
        } finally {
            runtime.deleteProcessInstance(onV1, "test");
        }
        JsonNode audit = Personas.login(port, "auditor").get("/api/v1/audit", "action", "MODEL_DEPLOYED").json();
        assertThat(audit.path("items").toString()).contains("model:" + id);
    }

    @Test
    void anInvalidModelIsRefusedWithEachProblemOnItsElement() {
        Api admin = Personas.login(port, "admin");
        long agency = Personas.login(port, "hk.accept").get("/api/v1/auth/me").json().path("agencyId").asLong();
        String xml = definitions("""
                <process id="modelingInvalid" isExecutable="true">
                  <startEvent id="start"/>
                  <sequenceFlow id="f1" sourceRef="start" targetRef="noGroups"/>
                  <userTask id="noGroups" name="无人办理"/>
                  <boundaryEvent id="badTimer" attachedToRef="noGroups">
                    <timerEventDefinition><timeDuration>five days</timeDuration></timerEventDefinition>
                  </boundaryEvent>
                  <sequenceFlow id="f2" sourceRef="badTimer" targetRef="end"/>
                  <sequenceFlow id="f3" sourceRef="noGroups" targetRef="gw"/>
                  <exclusiveGateway id="gw"/>
                  <sequenceFlow id="g1" sourceRef="gw" targetRef="end"/>
                  <sequenceFlow id="g2" sourceRef="gw" targetRef="badGroups"/>
                  <sequenceFlow id="g3" sourceRef="gw" targetRef="deadEnd">
                    <conditionExpression xsi:type="tFormalExpression">outcome is accept</conditionExpression>
                  </sequenceFlow>
                  <userTask id="badGroups" flowable:category="review" flowable:candidateGroups="agency:999999:REVIEW,agency:AGENCY:APPLICANT,somebody"/>
                  <sequenceFlow id="f5" sourceRef="badGroups" targetRef="end"/>
                  <userTask id="deadEnd" flowable:candidateGroups="${reviewGroup}"/>
                  <userTask id="orphan" flowable:candidateGroups="${reviewGroup}"/>
                  <sequenceFlow id="f7" sourceRef="orphan" targetRef="end"/>
                  <endEvent id="end"/>
                </process>""".replace("AGENCY", String.valueOf(agency)));
        JsonNode model = imported(admin, xml);
        Set<String> expected = Set.of("noGroups", "badTimer", "gw", "badGroups", "deadEnd", "orphan", "g3");
        assertThat(elementIds(model.path("problems"))).containsAll(expected);

        JsonNode validation = admin.get(MODELS + "/" + model.path("id").asLong() + "/validate").json();
        assertThat(validation.path("valid").asBoolean()).isFalse();
        assertThat(elementIds(validation.path("problems"))).containsAll(expected);

        JsonNode refused = assertProblem(admin.post(MODELS + "/" + model.path("id").asLong() + "/deploy", "{}"), 422, "MODEL_INVALID");
        assertThat(elementIds(refused.path("errors"))).containsAll(expected);
        List<String> onBadGroups = new ArrayList<>();
        refused.path("errors").forEach(e -> {
            if ("badGroups".equals(e.path("elementId").asText())) {
                onBadGroups.add(e.path("message").asText());
            }
        });
        assertThat(onBadGroups).hasSize(3);
        assertThat(admin.get(MODELS + "/" + model.path("id").asLong()).json().path("version").asInt()).isZero();
    }

    @Test
    void onlyModelAdministratorsMayTouchModels() {
        long id = imported(Personas.login(port, "admin"), validModel("modelingGuarded", "审查")).path("id").asLong();
        for (String caller : List.of("hk.accept", "supervisor", "applicant")) {
            Api api = Personas.login(port, caller);
            assertProblem(api.get(MODELS), 403, "FORBIDDEN");
            assertProblem(upload(api, validModel("modelingIntruder", "审查")), 403, "FORBIDDEN");
            assertProblem(api.post(MODELS + "/" + id + "/deploy", "{}"), 403, "FORBIDDEN");
        }
        assertProblem(new Api(port).get(MODELS + "/" + id), 401, "UNAUTHENTICATED");
    }

    /** The BPMN MIWG samples, copied with their licence into the test resources (bpmn-samples/LICENSE.txt). */
    private static Path samples() {
        try {
            return Path.of(ModelingApiTest.class.getResource("/bpmn-samples").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private String definitions(String body) {
        return """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                             xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                             xmlns:flowable="http://flowable.org/bpmn"
                             targetNamespace="http://yiwang.org/test">
                """ + body + "\n</definitions>\n";
    }

    /** Accept (with a 5-day deemed-acceptance timer), then review by an agency's group, then conclude. */
    private String validModel(String key, String reviewName) {
        long agency = Personas.login(port, "hk.accept").get("/api/v1/auth/me").json().path("agencyId").asLong();
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + definitions("""
                <process id="KEY" name="建模测试流程" isExecutable="true">
                  <startEvent id="start"/>
                  <sequenceFlow id="f1" sourceRef="start" targetRef="accept"/>
                  <userTask id="accept" name="受理" flowable:category="accept" flowable:candidateGroups="${acceptGroup}"/>
                  <boundaryEvent id="acceptTimer" attachedToRef="accept" cancelActivity="true">
                    <timerEventDefinition><timeDuration>P5D</timeDuration></timerEventDefinition>
                  </boundaryEvent>
                  <sequenceFlow id="f2" sourceRef="acceptTimer" targetRef="deem"/>
                  <serviceTask id="deem" name="视为受理" flowable:expression="${lifecycle.deemAccepted(execution)}"/>
                  <sequenceFlow id="f3" sourceRef="deem" targetRef="review"/>
                  <sequenceFlow id="f4" sourceRef="accept" targetRef="outcome"/>
                  <exclusiveGateway id="outcome" default="refused"/>
                  <sequenceFlow id="accepted" sourceRef="outcome" targetRef="review">
                    <conditionExpression xsi:type="tFormalExpression">${outcome == 'accept'}</conditionExpression>
                  </sequenceFlow>
                  <sequenceFlow id="refused" sourceRef="outcome" targetRef="end"/>
                  <userTask id="review" name="TASK_NAME" flowable:category="review" flowable:candidateGroups="agency:AGENCY:REVIEW"/>
                  <sequenceFlow id="f5" sourceRef="review" targetRef="conclude"/>
                  <serviceTask id="conclude" name="办结" flowable:expression="${lifecycle.conclude(execution)}"/>
                  <sequenceFlow id="f6" sourceRef="conclude" targetRef="end"/>
                  <endEvent id="end"/>
                </process>""".replace("KEY", key).replace("TASK_NAME", reviewName).replace("AGENCY", String.valueOf(agency)));
    }

    private JsonNode imported(Api admin, String xml) {
        Api.Response r = upload(admin, xml);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static Api.Response upload(Api api, String xml) {
        return api.upload(MODELS + "/import", "model.bpmn", xml.getBytes(StandardCharsets.UTF_8), "application/xml", Map.of());
    }

    private static Api.Response put(Api api, long id, Map<String, String> body) {
        return api.send(HttpRequest.newBuilder(api.uri(MODELS + "/" + id)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    private static String json(Object body) {
        try {
            return new ObjectMapper().writeValueAsString(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private String definitionOf(String processInstanceId) {
        return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult().getProcessDefinitionId();
    }

    private static Set<String> elementIds(JsonNode problems) {
        Set<String> ids = new HashSet<>();
        problems.forEach(p -> ids.add(p.path("elementId").asText()));
        return ids;
    }
}
