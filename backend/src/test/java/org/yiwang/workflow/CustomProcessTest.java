package org.yiwang.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A process an administrator models with steps of their own ids: each user task says its kind in
 * {@code flowable:category}, and the workbench offers that kind's actions with the template's group variables.
 */
@IntegrationTest
class CustomProcessTest {

    private static final String MODELS = "/api/v1/admin/models";

    @LocalServerPort
    int port;

    @Test
    void anItemOnADeployedModelGoesThroughAcceptReviewAndDecide() {
        Journeys j = new Journeys(port);
        Api admin = Personas.login(port, "admin");
        long model = imported(admin, threeSteps("customThreeSteps", "accept", "review", "decide"));
        Api.Response deployed = admin.post(MODELS + "/" + model + "/deploy", "{}");
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);

        JsonNode item = j.publishedItem(j.itemBody("自定义流程测试许可", "customThreeSteps"));
        assertThat(item.path("processKey").asText()).isEqualTo("customThreeSteps");
        Api applicant = Personas.login(port, "applicant");
        String no = j.apply(applicant, item, "4601");

        Api accept = Personas.login(port, "hk.accept");
        JsonNode todo = accept.get("/api/v1/workbench/tasks", "view", "todo", "applicationNo", no).json().path("items").get(0);
        assertThat(todo.path("taskKey").asText()).isEqualTo("windowIntake");
        assertThat(todo.path("stepKind").asText()).isEqualTo("accept");
        List<String> actions = new ArrayList<>();
        accept.get("/api/v1/workbench/tasks/" + todo.path("taskId").asText()).json().path("actions").forEach(a -> actions.add(a.asText()));
        // This model has no supplement loop, so no supplement notice is offered.
        assertThat(actions).contains("claim", "accept", "refuse").doesNotContain("supplement", "review", "approve");

        j.step(accept, no, "accept", Map.of("opinion", "材料齐全，予以受理。"));
        assertThat(j.application(applicant, no).path("status").asText()).isEqualTo("ACCEPTED");
        j.step(Personas.login(port, "hk.review"), no, "review", Map.of("opinion", "符合条件。"));
        assertThat(j.application(applicant, no).path("status").asText()).isEqualTo("UNDER_REVIEW");
        j.step(Personas.login(port, "hk.approve"), no, "approve", Map.of("opinion", "准予。"));
        JsonNode done = j.application(applicant, no);
        assertThat(done.path("status").asText()).isEqualTo("CONCLUDED");
        assertThat(Journeys.actions(done)).containsSubsequence("SUBMIT", "ACCEPT", "REVIEW", "APPROVE", "CONCLUDE");
    }

    @Test
    void aModelIsRefusedWhenItsStepsDoNotSayWhatTheyAre() {
        Api admin = Personas.login(port, "admin");
        long unknown = imported(admin, threeSteps("customUnknownKind", "accept", "inspect", "decide"));
        JsonNode refused = assertProblem(admin.post(MODELS + "/" + unknown + "/deploy", "{}"), 422, "MODEL_INVALID");
        assertThat(refused.path("errors").toString()).contains("expertCheck").contains("flowable:category");

        long unset = imported(admin, threeSteps("customNoKind", "accept", "review", "decide").replace(" flowable:category=\"review\"", ""));
        refused = assertProblem(admin.post(MODELS + "/" + unset + "/deploy", "{}"), 422, "MODEL_INVALID");
        assertThat(refused.path("errors").toString()).contains("expertCheck").contains("未设置环节类型");

        // An acceptance step whose refusal would flow on to review.
        String ungated = threeSteps("customUngated", "accept", "review", "decide")
                .replace("<sequenceFlow id=\"toOutcome\" sourceRef=\"windowIntake\" targetRef=\"outcome\"/>",
                        "<sequenceFlow id=\"toOutcome\" sourceRef=\"windowIntake\" targetRef=\"expertCheck\"/>");
        refused = assertProblem(admin.post(MODELS + "/" + imported(admin, ungated) + "/deploy", "{}"), 422, "MODEL_INVALID");
        assertThat(refused.path("errors").toString()).contains("windowIntake").contains("排他网关");

        // An item may only bind a process that is deployed.
        Journeys j = new Journeys(port);
        JsonNode problem = assertProblem(admin.post("/api/v1/admin/items", j.itemBody("未部署流程的事项", "customNoKind")),
                400, "INVALID_BODY");
        assertThat(problem.path("parameter").asText()).isEqualTo("processKey");
    }

    /** Accept (with an outcome gateway), review, decide and conclude, with the steps' kinds given. */
    private static String threeSteps(String key, String acceptKind, String reviewKind, String decideKind) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                             xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                             xmlns:flowable="http://flowable.org/bpmn"
                             targetNamespace="http://yiwang.org/test">
                  <process id="KEY" name="三步审批" isExecutable="true">
                    <startEvent id="start"/>
                    <sequenceFlow id="toIntake" sourceRef="start" targetRef="windowIntake"/>
                    <userTask id="windowIntake" name="窗口受理" flowable:category="ACCEPT" flowable:candidateGroups="${acceptGroup}"/>
                    <sequenceFlow id="toOutcome" sourceRef="windowIntake" targetRef="outcome"/>
                    <exclusiveGateway id="outcome" name="是否受理"/>
                    <sequenceFlow id="accepted" sourceRef="outcome" targetRef="expertCheck">
                      <conditionExpression xsi:type="tFormalExpression">${outcome == 'accept'}</conditionExpression>
                    </sequenceFlow>
                    <sequenceFlow id="refused" sourceRef="outcome" targetRef="notAccepted">
                      <conditionExpression xsi:type="tFormalExpression">${outcome == 'refuse' || outcome == 'supplement'}</conditionExpression>
                    </sequenceFlow>
                    <userTask id="expertCheck" name="专家审查" flowable:category="REVIEW" flowable:candidateGroups="${reviewGroup}"/>
                    <sequenceFlow id="toDecision" sourceRef="expertCheck" targetRef="finalDecision"/>
                    <userTask id="finalDecision" name="审批决定" flowable:category="DECIDE" flowable:candidateGroups="${decideGroup},${headGroup}"/>
                    <sequenceFlow id="toConclude" sourceRef="finalDecision" targetRef="conclude"/>
                    <serviceTask id="conclude" name="办结" flowable:expression="${lifecycle.conclude(execution)}"/>
                    <sequenceFlow id="toEnd" sourceRef="conclude" targetRef="end"/>
                    <endEvent id="end"/>
                    <endEvent id="notAccepted"/>
                  </process>
                </definitions>
                """.replace("KEY", key).replace("\"ACCEPT\"", '"' + acceptKind + '"').replace("\"REVIEW\"", '"' + reviewKind + '"')
                .replace("\"DECIDE\"", '"' + decideKind + '"');
    }

    private static long imported(Api admin, String xml) {
        Api.Response r = admin.upload(MODELS + "/import", "model.bpmn", xml.getBytes(StandardCharsets.UTF_8), "application/xml", Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asLong();
    }
}
