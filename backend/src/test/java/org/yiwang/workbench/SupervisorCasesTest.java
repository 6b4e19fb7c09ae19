package org.yiwang.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.MutableClock;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A supervisor's 全部 lists the region's cases in every state, newest first, and narrows them by state; the
 * timeline shows what clerks said.
 */
@IntegrationTest
class SupervisorCasesTest {

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;

    private void at(String dateTime) {
        clock.set(LocalDateTime.parse(dateTime).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
    }

    @Test
    void concludedAndWithdrawnCasesStayInTheSupervisorsListAndItsStateFilter() {
        Journeys j = new Journeys(port);
        JsonNode item = j.haikouLicensingItem();
        Api applicant = Personas.login(port, "applicant");
        at("2026-12-30T09:00");
        String withdrawn = j.apply(applicant, item, "4601");
        assertThat(applicant.post("/api/v1/applications/" + withdrawn + "/withdraw", Map.of("reason", "不再需要")).status())
                .isEqualTo(200);
        at("2026-12-30T09:10");
        String concluded = j.apply(applicant, item, "4601");
        j.step(Personas.login(port, "hk.accept"), concluded, "accept", Map.of("opinion", "予以受理"));
        j.step(Personas.login(port, "hk.review"), concluded, "review", Map.of("opinion", "符合条件"));
        j.step(Personas.login(port, "hk.approve"), concluded, "approve", Map.of("opinion", "同意"));
        at("2026-12-30T09:20");
        String open = j.apply(applicant, item, "4601");

        Api supervisor = Personas.login(port, "hk.supervisor");
        Object[] thatDay = { "view", "all", "receivedFrom", "2026-12-30", "receivedTo", "2026-12-30" };
        JsonNode all = supervisor.get("/api/v1/workbench/tasks", with(thatDay, "size", 20)).json();
        assertThat(all.path("items").findValuesAsText("applicationNo")).containsExactly(open, concluded, withdrawn);
        assertThat(all.path("items").findValuesAsText("applicationStatus")).containsExactly("SUBMITTED", "CONCLUDED", "WITHDRAWN");
        assertThat(all.path("total").asLong()).isEqualTo(3);
        assertThat(all.path("items").get(0).path("taskId").asText()).isNotEmpty();
        assertThat(all.path("items").get(1).has("taskId")).isFalse();

        JsonNode second = supervisor.get("/api/v1/workbench/tasks", with(thatDay, "page", 2, "size", 1)).json();
        assertThat(second.path("items").findValuesAsText("applicationNo")).containsExactly(concluded);
        assertThat(second.path("total").asLong()).isEqualTo(3);

        assertThat(supervisor.get("/api/v1/workbench/tasks", with(thatDay, "status", "WITHDRAWN")).json().path("items")
                .findValuesAsText("applicationNo")).containsExactly(withdrawn);
        assertThat(supervisor.get("/api/v1/workbench/tasks", with(thatDay, "status", "CONCLUDED")).json().path("items")
                .findValuesAsText("applicationNo")).containsExactly(concluded);
        assertThat(supervisor.get("/api/v1/workbench/tasks", "view", "all", "applicationNo", withdrawn).json().path("items")
                .findValuesAsText("applicationStatus")).containsExactly("WITHDRAWN");
    }

    /** The timeline records what the clerk said when claiming a task, not the name of the step claimed. */
    @Test
    void claimingRecordsTheClerksOpinionNotTheStepName() {
        Journeys j = new Journeys(port);
        Api applicant = Personas.login(port, "applicant");
        String no = j.apply(applicant, j.haikouLicensingItem(), "4601");
        Api clerk = Personas.login(port, "hk.accept");
        j.step(clerk, no, "claim", Map.of());
        j.step(clerk, no, "unclaim", Map.of("opinion", "转他人办理"));
        JsonNode timeline = j.application(applicant, no).path("timeline");
        JsonNode claim = timeline.get(Journeys.actions(j.application(applicant, no)).indexOf("CLAIM"));
        JsonNode unclaim = timeline.get(Journeys.actions(j.application(applicant, no)).indexOf("UNCLAIM"));
        assertThat(claim.has("opinion")).as(claim.toString()).isFalse();
        assertThat(unclaim.path("opinion").asText()).isEqualTo("转他人办理");
    }

    private static Object[] with(Object[] base, Object... more) {
        List<Object> all = new java.util.ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray();
    }
}
