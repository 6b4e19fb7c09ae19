package org.yiwang.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/** 热门事项 come from the applications actually submitted, most first; drafts do not count. */
@IntegrationTest
class PopularItemsTest {

    @LocalServerPort
    int port;

    @Test
    void theItemsMostAppliedForComeFirstCountedFromSubmittedApplications() {
        Journeys j = new Journeys(port);
        Api applicant = Personas.login(port, "applicant");
        JsonNode item = j.haikouLicensingItem();
        String code = item.path("code").asText();
        for (int i = 0; i < 3; i++) {
            j.apply(applicant, item, "4601");
        }
        j.draft(applicant, item, "4601");

        // A window nobody asked for yet, so the answer is counted now rather than kept from an earlier call.
        JsonNode answer = new Api(port).get("/api/v1/portal/popular-items", "days", "29", "limit", "20").json();
        assertThat(answer.path("counted").asBoolean()).isTrue();
        assertThat(answer.path("days").asInt()).isEqualTo(29);
        List<Long> counts = new ArrayList<>();
        answer.path("items").forEach(i -> counts.add(i.path("applications").asLong()));
        assertThat(counts).isNotEmpty().isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(answer.path("items")).anySatisfy(i -> {
            assertThat(i.path("code").asText()).isEqualTo(code);
            assertThat(i.path("name").asText()).isEqualTo(item.path("name").asText());
            assertThat(i.path("agencyName").asText()).isEqualTo("海口市市场监督管理局");
            assertThat(i.path("applications").asLong()).isGreaterThanOrEqualTo(3);
        });

        Api anyone = new Api(port);
        assertProblem(anyone.get("/api/v1/portal/popular-items", "days", "0"), 400, "INVALID_PARAMETER");
        assertProblem(anyone.get("/api/v1/portal/popular-items", "limit", "21"), 400, "INVALID_PARAMETER");
        assertThat(anyone.get("/api/v1/portal/popular-items").json().path("items").size()).isBetween(1, 8);
    }
}
