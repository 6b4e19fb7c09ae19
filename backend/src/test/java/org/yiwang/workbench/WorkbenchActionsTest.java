package org.yiwang.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.time.LocalDate;
import java.util.ArrayList;
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

/** The workbench actions of real approval offices, through the task API. */
@IntegrationTest
class WorkbenchActionsTest {

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;

    private String accepted(Journeys j) {
        String no = j.apply(Personas.login(port, "applicant"), j.haikouLicensingItem(), "4601");
        j.step(Personas.login(port, "hk.accept"), no, "accept", Map.of("opinion", "受理"));
        return no;
    }

    @Test
    void aDelegateHelpsAndAnswersBackThenTheOwnerDecides() {
        Journeys j = new Journeys(port);
        String no = accepted(j);
        Api reviewer = Personas.login(port, "hk.review");
        // The head is no reviewer: once they answer, the task is out of their sight again.
        Api helper = Personas.login(port, "hk.head");
        j.step(reviewer, no, "delegate", Map.of("toUsername", "hk.head", "opinion", "请核实经营场所"));
        assertThat(reviewer.get("/api/v1/workbench/tasks", "applicationNo", no).json().path("total").asInt()).isZero();

        String taskId = j.task(helper, no);
        JsonNode delegated = helper.get("/api/v1/workbench/tasks/" + taskId).json();
        assertThat(delegated.path("actions").toString()).contains("resolve").doesNotContain("\"review\"");
        assertProblem(j.act(helper, taskId, "review", Map.of("opinion", "通过")), 409, "ACTION_NOT_ALLOWED");
        j.step(helper, no, "resolve", Map.of("opinion", "经营场所已核实"));

        j.step(reviewer, no, "review", Map.of("opinion", "建议准予"));
        assertThat(Journeys.actions(j.application(reviewer, no))).containsSubsequence("DELEGATE", "RESOLVE", "REVIEW");
    }

    @Test
    void aCopyLetsOthersReadTheCaseAndListsItUnderCc() {
        Journeys j = new Journeys(port);
        String no = accepted(j);
        Api sanya = Personas.login(port, "sy.accept");
        assertProblem(sanya.get("/api/v1/applications/" + no), 404, "NOT_FOUND");
        j.step(Personas.login(port, "hk.review"), no, "copy", Map.of("toUsernames", List.of("sy.accept"), "opinion", "供参考"));
        JsonNode cc = sanya.get("/api/v1/workbench/tasks", "view", "cc").json();
        assertThat(cc.path("items").findValuesAsText("applicationNo")).contains(no);
        assertThat(sanya.get("/api/v1/applications/" + no).status()).isEqualTo(200);
        assertProblem(j.act(Personas.login(port, "hk.review"), j.task(Personas.login(port, "hk.review"), no), "copy",
                Map.of("toUsernames", List.of("nobody.at.all"))), 400, "INVALID_PARAMETER");
    }

    @Test
    void aCaseReturnsToTheStepBeforeOrToAcceptance() {
        Journeys j = new Journeys(port);
        String no = accepted(j);
        Api reviewer = Personas.login(port, "hk.review");
        Api approver = Personas.login(port, "hk.approve");
        j.step(reviewer, no, "review", Map.of("opinion", "建议准予"));
        assertProblem(j.act(approver, j.task(approver, no), "return", Map.of("opinion", "x", "targetStep", "nowhere")), 400,
                "INVALID_PARAMETER");
        j.step(approver, no, "return", Map.of("opinion", "请补充现场核查意见"));
        assertThat(approver.get("/api/v1/workbench/tasks", "applicationNo", no).json().path("total").asInt()).isZero();

        j.step(reviewer, no, "return", Map.of("opinion", "材料需重新核对", "targetStep", "acceptApplication"));
        assertThat(j.application(reviewer, no).path("status").asText()).isEqualTo("SUBMITTED");
        j.step(Personas.login(port, "hk.accept"), no, "accept", Map.of("opinion", "重新受理"));
        j.step(reviewer, no, "review", Map.of("opinion", "建议准予"));
        j.step(approver, no, "approve", Map.of("opinion", "同意"));
        assertThat(j.application(approver, no).path("status").asText()).isEqualTo("CONCLUDED");
    }

    @Test
    void aClerkWithdrawsTheStepTheyJustCompletedUntilTheNextIsTouched() {
        Journeys j = new Journeys(port);
        String no = j.apply(Personas.login(port, "applicant"), j.haikouLicensingItem(), "4601");
        Api accept = Personas.login(port, "hk.accept");
        j.step(accept, no, "accept", Map.of("opinion", "受理"));
        String doneTask = accept.get("/api/v1/workbench/tasks", "view", "done", "applicationNo", no).json()
                .path("items").get(0).path("taskId").asText();
        Api.Response withdrawn = j.act(accept, doneTask, "withdraw", Map.of("opinion", "受理意见有误"));
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(withdrawn.json().path("task").path("taskKey").asText()).isEqualTo("acceptApplication");
        assertThat(j.application(accept, no).path("status").asText()).isEqualTo("SUBMITTED");

        j.step(accept, no, "accept", Map.of("opinion", "材料齐全，予以受理"));
        Api reviewer = Personas.login(port, "hk.review");
        j.step(reviewer, no, "claim", Map.of());
        String again = accept.get("/api/v1/workbench/tasks", "view", "done", "applicationNo", no).json()
                .path("items").get(0).path("taskId").asText();
        assertProblem(j.act(accept, again, "withdraw", Map.of("opinion", "再撤回")), 409, "NOT_WITHDRAWABLE");
        assertProblem(j.act(Personas.login(port, "sy.accept"), again, "withdraw", Map.of("opinion", "x")), 404, "NOT_FOUND");
    }

    @Test
    void countersignSignersAreAddedAndRemovedAndAReturnLeavesAllParallelBranches() {
        Journeys j = new Journeys(port);
        JsonNode item = j.item(i -> i.path("processKey").asText().equals("joint"), "q", "施工", "level", "CITY_COUNTY");
        String region = item.path("regionCode").asText();
        long lead = item.path("agencyId").asLong();
        Api applicant = Personas.login(port, "applicant");
        Api accept = j.staff("w.accept." + region, lead, "ACCEPT");
        Api leadReviewer = j.staff("w.review." + region, lead, "REVIEW");
        List<Api> others = new ArrayList<>();
        long extraAgency = 0;
        for (JsonNode a : new Api(port).get("/api/v1/regions/" + region + "/agencies").json()) {
            String code = a.path("code").asText();
            if (a.path("id").asLong() == lead) {
                continue;
            }
            if (List.of("ZJJ", "ZRZY", "XFJY", "STHJ").stream().anyMatch(d -> code.endsWith("-" + d))) {
                others.add(j.staff("w.review." + code.toLowerCase(), a.path("id").asLong(), "REVIEW"));
            } else if (code.endsWith("-JTJ")) {
                extraAgency = a.path("id").asLong();
            }
        }
        Api extra = j.staff("w.review.extra." + region, extraAgency, "REVIEW");

        String no = j.apply(applicant, item, region);
        j.step(accept, no, "accept", Map.of("opinion", "受理"));
        String leadTask = j.task(leadReviewer, no);
        assertThat(leadReviewer.get("/api/v1/workbench/tasks/" + leadTask).json().path("actions").toString())
                .contains("addSigner", "removeSigner");
        assertThat(others.get(0).get("/api/v1/workbench/tasks/" + j.task(others.get(0), no)).json().path("actions").toString())
                .doesNotContain("addSigner");

        j.step(leadReviewer, no, "addSigner", Map.of("agencyId", extraAgency, "opinion", "涉及道路占用，请交通部门会签"));
        String extraTask = j.task(extra, no);
        assertProblem(j.act(leadReviewer, leadTask, "addSigner", Map.of("agencyId", extraAgency)), 409, "SIGNER_EXISTS");
        j.step(leadReviewer, no, "removeSigner", Map.of("signerTaskId", extraTask, "opinion", "经核实不涉及道路占用"));
        assertThat(extra.get("/api/v1/workbench/tasks", "applicationNo", no).json().path("total").asInt()).isZero();

        j.step(others.get(0), no, "review", Map.of("opinion", "同意"));
        j.step(others.get(1), no, "return", Map.of("opinion", "申请材料与现场不符", "targetStep", "acceptApplication"));
        for (Api reviewer : others) {
            assertThat(reviewer.get("/api/v1/workbench/tasks", "applicationNo", no).json().path("total").asInt()).isZero();
        }
        assertThat(leadReviewer.get("/api/v1/workbench/tasks", "applicationNo", no).json().path("total").asInt()).isZero();
        assertThat(j.application(applicant, no).path("status").asText()).isEqualTo("SUBMITTED");
        j.task(accept, no);
        assertThat(Journeys.actions(j.application(applicant, no))).containsSubsequence("ADD_SIGNER", "REMOVE_SIGNER", "REVIEW", "RETURN");
    }

    @Test
    void theDiagramShowsDoneAndCurrentSteps() {
        Journeys j = new Journeys(port);
        String no = accepted(j);
        JsonNode diagram = Personas.login(port, "applicant").get("/api/v1/applications/" + no + "/diagram").json();
        assertThat(diagram.path("xml").asText()).contains("id=\"standard\"");
        assertThat(diagram.path("completed").toString()).contains("acceptApplication");
        assertThat(diagram.path("active").toString()).contains("reviewApplication");
    }

    @Test
    void aSubstituteWorksTheAwayClerksTasksAndTheTimelineNamesBoth() {
        Journeys j = new Journeys(port);
        Api away = Personas.login(port, "hk.review");
        j.staff("hk.sub", j.agencyId("4601", "海口市市场监督管理局"), "ACCEPT");
        LocalDate today = LocalDate.now(clock);
        assertProblem(away.send(java.net.http.HttpRequest.newBuilder(away.uri("/api/v1/workbench/substitute"))
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"toUsername\":\"sy.accept\",\"from\":\"" + today + "\",\"to\":\"" + today.plusDays(3) + "\"}"))),
                400, "INVALID_PARAMETER");
        Api.Response set = away.send(java.net.http.HttpRequest.newBuilder(away.uri("/api/v1/workbench/substitute"))
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"toUsername\":\"hk.sub\",\"from\":\"" + today + "\",\"to\":\"" + today.plusDays(3) + "\"}")));
        assertThat(set.status()).as(set.body()).isEqualTo(200);

        String no = accepted(j);
        Api substitute = Personas.login(port, "hk.sub", "Staff-Pass-2026");
        j.step(substitute, no, "review", Map.of("opinion", "代为审查，建议准予"));
        JsonNode review = j.application(substitute, no).path("timeline");
        assertThat(review.findValuesAsText("actor")).anyMatch(a -> a.contains("（代 李审查）"));

        assertThat(away.send(java.net.http.HttpRequest.newBuilder(away.uri("/api/v1/workbench/substitute")).DELETE()).status())
                .isEqualTo(204);
        String next = accepted(j);
        assertThat(substitute.get("/api/v1/workbench/tasks", "applicationNo", next).json().path("total").asInt()).isZero();
    }

    @Test
    void instantItemsAreHandledInABatch() {
        Journeys j = new Journeys(port);
        JsonNode item = j.item(i -> i.path("caseKind").asText().equals("INSTANT"), "agencyId", j.agencyId("4601", "海口市市场监督管理局"));
        Api applicant = Personas.login(port, "applicant");
        Api clerk = Personas.login(port, "hk.accept");
        List<String> numbers = List.of(j.apply(applicant, item, "4601"), j.apply(applicant, item, "4601"));
        List<String> taskIds = new ArrayList<>(numbers.stream().map(no -> j.task(clerk, no)).toList());
        taskIds.add("no-such-task");
        JsonNode results = clerk.post("/api/v1/workbench/tasks/batch/approve", Map.of("taskIds", taskIds, "opinion", "当场办结")).json();
        assertThat(results.findValuesAsText("status")).containsExactly("200", "200", "404");
        numbers.forEach(no -> assertThat(j.application(applicant, no).path("status").asText()).isEqualTo("CONCLUDED"));
    }

    @Test
    void theSupervisorsPagesFollowOneAnother() {
        Journeys j = new Journeys(port);
        Api applicant = Personas.login(port, "applicant");
        for (int i = 0; i < 3; i++) {
            j.apply(applicant, j.haikouLicensingItem(), "4601");
        }
        accepted(j);
        Api supervisor = Personas.login(port, "hk.supervisor");
        JsonNode first20 = supervisor.get("/api/v1/workbench/tasks", "view", "all", "size", 20).json();
        List<String> expected = first20.path("items").findValuesAsText("taskId");
        assertThat(expected).hasSizeGreaterThanOrEqualTo(4);
        List<String> paged = new ArrayList<>();
        for (int page = 1; page <= 4; page++) {
            JsonNode answer = supervisor.get("/api/v1/workbench/tasks", "view", "all", "page", page, "size", 5).json();
            assertThat(answer.path("total").asLong()).isEqualTo(first20.path("total").asLong());
            assertThat(answer.has("totalCapped")).isFalse();
            paged.addAll(answer.path("items").findValuesAsText("taskId"));
        }
        assertThat(paged).isEqualTo(expected);
    }

    @Test
    void listsAreFilteredOnTheServerAndBadFiltersAreRefused() {
        Api clerk = Personas.login(port, "hk.accept");
        assertProblem(clerk.get("/api/v1/workbench/tasks", "status", "HAPPY"), 400, "INVALID_PARAMETER");
        assertProblem(clerk.get("/api/v1/workbench/tasks", "clock", "BLUE"), 400, "INVALID_PARAMETER");
        assertProblem(clerk.get("/api/v1/workbench/tasks", "receivedFrom", "2026-12-01", "receivedTo", "2026-11-01"), 400,
                "INVALID_PARAMETER");
        assertProblem(clerk.get("/api/v1/workbench/tasks", "view", "everything"), 400, "INVALID_PARAMETER");
        Journeys j = new Journeys(port);
        String no = j.apply(Personas.login(port, "applicant"), j.haikouLicensingItem(), "4601");
        assertThat(clerk.get("/api/v1/workbench/tasks", "status", "SUBMITTED", "size", 100).json().path("items")
                .findValuesAsText("applicationNo")).contains(no);
        assertThat(clerk.get("/api/v1/workbench/tasks", "status", "ACCEPTED", "size", 100).json().path("items")
                .findValuesAsText("applicationNo")).doesNotContain(no);
    }
}
