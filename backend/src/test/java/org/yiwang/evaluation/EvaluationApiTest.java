package org.yiwang.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/** 好差评: a rating after the outcome; a bad one is rectified by the agency's supervisor and called back. */
@IntegrationTest
class EvaluationApiTest {

    @LocalServerPort
    int port;

    private String concluded(Journeys j, Api applicant) {
        String no = j.apply(applicant, j.haikouLicensingItem(), "4601");
        j.step(Personas.login(port, "hk.accept"), no, "accept", Map.of("opinion", "受理"));
        j.step(Personas.login(port, "hk.review"), no, "review", Map.of("opinion", "建议准予"));
        j.step(Personas.login(port, "hk.approve"), no, "approve", Map.of("opinion", "同意"));
        return no;
    }

    private static Map<String, Object> rating(int level, String comment) {
        Map<String, Object> r = new HashMap<>(Map.of("level", level, "efficiency", level, "guideAccuracy", 4,
                "convenience", 3, "usability", 4));
        if (comment != null) {
            r.put("comment", comment);
        }
        return r;
    }

    @Test
    void anUnsatisfiedRatingIsRectifiedWithinFifteenWorkingDaysAndCalledBack() {
        Journeys j = new Journeys(port);
        Api applicant = Personas.login(port, "applicant");
        String no = concluded(j, applicant);
        assertProblem(applicant.post("/api/v1/applications/" + no + "/evaluation", rating(2, null)), 400, "INVALID_PARAMETER");
        Api.Response rated = applicant.post("/api/v1/applications/" + no + "/evaluation", rating(2, "等待时间太长，电话无人接听"));
        assertThat(rated.status()).as(rated.body()).isEqualTo(201);
        JsonNode e = rated.json();
        assertThat(e.path("levelName").asText()).isEqualTo("不满意");
        assertThat(e.path("rectification").asText()).isEqualTo("OPEN");
        String today = j.application(applicant, no).path("timeline").get(0).path("at").asText().substring(0, 10);
        String due = new Api(port).get("/api/v1/calendar/working-days/add", "from", today, "days", 15).json().path("date").asText();
        assertThat(e.path("rectificationDue").asText()).isEqualTo(due);
        assertProblem(applicant.post("/api/v1/applications/" + no + "/evaluation", rating(5, null)), 409, "ALREADY_RATED");

        Api supervisor = Personas.login(port, "hk.supervisor");
        assertThat(supervisor.get("/api/v1/notifications", "size", 100).json().path("items").findValuesAsText("title"))
                .contains("差评整改");
        long id = e.path("id").asLong();
        assertThat(supervisor.get("/api/v1/evaluations/rectifications", "status", "OPEN", "size", 100).json().path("items")
                .findValuesAsText("applicationNo")).contains(no);
        assertProblem(supervisor.post("/api/v1/evaluations/" + id + "/callback", Map.of("note", "回访")), 409, "WRONG_STATE");
        assertThat(supervisor.post("/api/v1/evaluations/" + id + "/rectify", Map.of("note", "已安排专人接听咨询电话")).json()
                .path("rectification").asText()).isEqualTo("RECTIFIED");
        assertThat(supervisor.post("/api/v1/evaluations/" + id + "/callback", Map.of("note", "申请人表示满意")).json()
                .path("rectification").asText()).isEqualTo("CLOSED");

        JsonNode seen = applicant.get("/api/v1/applications/" + no + "/evaluation").json();
        assertThat(seen.path("rectificationNote").asText()).isEqualTo("已安排专人接听咨询电话");
        assertThat(seen.path("callbackNote").asText()).isEqualTo("申请人表示满意");
        assertProblem(Personas.login(port, "sy.accept").get("/api/v1/applications/" + no + "/evaluation"), 404, "NOT_FOUND");
    }

    @Test
    void ratingsComeAfterTheOutcomeOncePerApplicationFromItsApplicantOnly() {
        Journeys j = new Journeys(port);
        Api applicant = Personas.login(port, "applicant");
        String pending = j.apply(applicant, j.haikouLicensingItem(), "4601");
        assertProblem(applicant.post("/api/v1/applications/" + pending + "/evaluation", rating(5, null)), 409, "NOT_RATEABLE");
        String no = concluded(j, applicant);
        assertProblem(Personas.login(port, "company").post("/api/v1/applications/" + no + "/evaluation", rating(5, null)),
                404, "NOT_FOUND");
        assertProblem(applicant.post("/api/v1/applications/" + no + "/evaluation", rating(6, null)), 400, "INVALID_PARAMETER");
        JsonNode good = applicant.post("/api/v1/applications/" + no + "/evaluation", rating(5, "办理很快")).json();
        assertThat(good.path("rectification").asText()).isEqualTo("NONE");
        assertThat(good.path("levelName").asText()).isEqualTo("非常满意");
    }
}
