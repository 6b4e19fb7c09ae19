package org.yiwang.application;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The instant, cross-level and joint templates end to end through HTTP. */
@IntegrationTest
class ProcessTemplatesTest {

    @LocalServerPort
    int port;

    @Test
    void anInstantItemIsAcceptedAndDecidedInOneStepTheSameDay() {
        Journeys j = new Journeys(port);
        JsonNode item = j.item(i -> i.path("caseKind").asText().equals("INSTANT") && i.path("type").asInt() == 1,
                "agencyId", j.agencyId("4601", "海口市市场监督管理局"));
        Api applicant = Personas.login(port, "applicant");
        String no = j.apply(applicant, item, "4601");
        JsonNode submitted = j.application(applicant, no);
        assertThat(submitted.path("remainingWorkingDays").asInt()).isZero();
        j.step(Personas.login(port, "hk.accept"), no, "approve", Map.of("opinion", "当场办结"));
        JsonNode done = j.application(applicant, no);
        assertThat(done.path("status").asText()).isEqualTo("CONCLUDED");
        assertThat(Journeys.actions(done)).containsSubsequence("SUBMIT", "ACCEPT", "APPROVE", "LICENSE", "CONCLUDE");
    }

    @Test
    void aCrossLevelItemGoesFromTheVillageToItsTownshipToItsCounty() {
        Journeys j = new Journeys(port);
        Api applicant = Personas.login(port, "applicant");
        String village = applicant.get("/api/v1/auth/me").json().path("regionCode").asText();
        assertThat(village).startsWith("469027").hasSize(12);
        JsonNode item = j.item(i -> true, "regionCode", village, "level", "VILLAGE");
        assertThat(item.path("processKey").asText()).isEqualTo("crossLevel");
        String township = village.substring(0, 9);

        Api villageClerk = j.staff("v.intake", j.agency(village, "V" + village).path("id").asLong(), "ACCEPT");
        Api townshipClerk = j.staff("t.review", j.agency(township, "T" + township).path("id").asLong(), "REVIEW");
        Api countyClerk = j.staff("c.approve", j.agency("469027", "469027-" + item.path("departmentCode").asText())
                .path("id").asLong(), "APPROVE");
        Api otherTownship = j.staff("t.other", j.agency("469027101", "T469027101").path("id").asLong(), "REVIEW");

        String no = j.apply(applicant, item, village);
        j.step(villageClerk, no, "accept", Map.of("opinion", "代办受理"));
        assertThat(otherTownship.get("/api/v1/workbench/tasks", "applicationNo", no).json().path("total").asInt()).isZero();
        j.step(townshipClerk, no, "review", Map.of("opinion", "初审通过"));
        j.step(countyClerk, no, "approve", Map.of("opinion", "同意"));

        JsonNode done = j.application(applicant, no);
        assertThat(done.path("status").asText()).isEqualTo("CONCLUDED");
        List<String> agencies = new ArrayList<>();
        done.path("timeline").forEach(e -> agencies.add(e.path("agencyName").asText()));
        assertThat(agencies).anyMatch(a -> a.endsWith("便民服务站")).anyMatch(a -> a.endsWith("人民政府") || a.endsWith("办事处"))
                .anyMatch(a -> a.startsWith("乐东黎族自治县"));
        assertThat(Journeys.actions(done)).containsSubsequence("ACCEPT", "PRELIMINARY_REVIEW", "APPROVE", "CONCLUDE");
    }

    @Test
    void aJointItemIsReviewedByEveryAgencyInParallelThenDecidedOnce() {
        Journeys j = new Journeys(port);
        JsonNode item = j.item(i -> i.path("processKey").asText().equals("joint"), "q", "施工", "level", "CITY_COUNTY");
        String region = item.path("regionCode").asText();
        long lead = item.path("agencyId").asLong();
        Api applicant = Personas.login(port, "applicant");
        Api accept = j.staff("j.accept." + region, lead, "ACCEPT");
        Api approve = j.staff("j.approve." + region, lead, "APPROVE");
        List<Api> reviewers = new ArrayList<>();
        reviewers.add(j.staff("j.review.lead." + region, lead, "REVIEW"));
        for (JsonNode a : new Api(port).get("/api/v1/regions/" + region + "/agencies").json()) {
            String code = a.path("code").asText();
            if (a.path("id").asLong() != lead && List.of("ZJJ", "ZRZY", "XFJY", "STHJ").stream().anyMatch(d -> code.endsWith("-" + d))) {
                reviewers.add(j.staff("j.review." + code.toLowerCase(), a.path("id").asLong(), "REVIEW"));
            }
        }
        assertThat(reviewers).hasSizeGreaterThanOrEqualTo(4);

        String no = j.apply(applicant, item, region);
        j.step(accept, no, "accept", Map.of("opinion", "受理"));
        for (Api reviewer : reviewers) {
            assertThat(approve.get("/api/v1/workbench/tasks", "applicationNo", no).json().path("total").asInt())
                    .as("the decision waits for every review").isZero();
            j.step(reviewer, no, "review", Map.of("opinion", "本部门审查同意"));
        }
        j.step(approve, no, "approve", Map.of("opinion", "同意"));
        JsonNode done = j.application(applicant, no);
        assertThat(done.path("status").asText()).isEqualTo("CONCLUDED");
        assertThat(Journeys.actions(done).stream().filter("REVIEW"::equals).count()).isEqualTo(reviewers.size());
    }
}
