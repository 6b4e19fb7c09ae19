package org.yiwang.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/** 或签 (any one agency decides) and 依次审查 (one agency after another) beside 会签, through the task API. */
@IntegrationTest
class CountersignVariantsTest {

    @LocalServerPort
    int port;

    /** A 市县区 with a joint item: its agencies by department code, and a reviewer at each one asked for. */
    private final class Place {
        final Journeys j = new Journeys(port);
        final JsonNode item;
        final String region;
        final Map<String, Long> agencies = new LinkedHashMap<>();
        String leadDepartment;

        Place(String processKey, String query) {
            item = j.item(i -> i.path("processKey").asText().equals(processKey), "q", query, "level", "CITY_COUNTY");
            region = item.path("regionCode").asText();
            for (JsonNode a : new Api(port).get("/api/v1/regions/" + region + "/agencies").json()) {
                String department = a.path("code").asText().substring(region.length() + 1);
                agencies.put(department, a.path("id").asLong());
                if (a.path("id").asLong() == item.path("agencyId").asLong()) {
                    leadDepartment = department;
                }
            }
        }

        /** The departments that sign, in order: the lead agency, then the joint reviewers of this place. */
        List<String> signers() {
            List<String> signers = new ArrayList<>(List.of(leadDepartment));
            List.of("ZJJ", "ZRZY", "XFJY", "STHJ").stream().filter(d -> agencies.containsKey(d) && !d.equals(leadDepartment))
                    .forEach(signers::add);
            return signers;
        }

        Api clerk(String department, String role) {
            return j.staff("cs." + role.toLowerCase() + "." + region + "." + department.toLowerCase(), agencies.get(department), role);
        }

        String acceptedApplication() {
            String no = j.apply(Personas.login(port, "applicant"), item, region);
            j.step(clerk(leadDepartment, "ACCEPT"), no, "accept", Map.of("opinion", "受理"));
            return no;
        }

        int todo(Api clerk, String no) {
            return clerk.get("/api/v1/workbench/tasks", "applicationNo", no).json().path("total").asInt();
        }

        JsonNode signersOf(Api clerk, String taskId) {
            Api.Response r = clerk.get("/api/v1/workbench/tasks/" + taskId + "/signers");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return r.json();
        }
    }

    private static List<String> states(JsonNode signers) {
        List<String> states = new ArrayList<>();
        signers.path("signers").forEach(s -> states.add(s.path("agencyId").asLong() + ":" + s.path("state").asText()));
        return states;
    }

    @Test
    void anyOneAgencysReviewCompletesTheStepAndTheOthersTasksAreGone() {
        Place p = new Place("jointAny", "施工许可证变更");
        List<String> departments = p.signers();
        assertThat(departments).hasSizeGreaterThanOrEqualTo(2);
        Api first = p.clerk(departments.get(1), "REVIEW");
        Api lead = p.clerk(departments.get(0), "REVIEW");
        String no = p.acceptedApplication();
        String leadTask = p.j.task(lead, no);
        String firstTask = p.j.task(first, no);

        JsonNode signers = p.signersOf(lead, leadTask);
        assertThat(signers.path("countersign").asText()).isEqualTo("ANY");
        assertThat(states(signers)).containsExactlyInAnyOrderElementsOf(departments.stream()
                .map(d -> p.agencies.get(d) + ":PENDING").toList());
        assertThat(signers.path("signers").findValues("removable").stream().filter(JsonNode::asBoolean)).hasSize(departments.size() - 1);
        assertProblem(Personas.login(port, "sy.accept").get("/api/v1/workbench/tasks/" + leadTask + "/signers"), 404, "NOT_FOUND");
        assertProblem(p.j.act(lead, leadTask, "addSigner", Map.of("agencyId", p.agencies.get("WJW"), "position", "BEFORE")), 400,
                "INVALID_PARAMETER");

        p.j.step(first, no, "review", Map.of("opinion", "同意，本部门意见即可"));
        for (String department : departments) {
            assertThat(p.todo(p.clerk(department, "REVIEW"), no)).as(department).isZero();
        }
        assertProblem(p.j.act(lead, leadTask, "review", Map.of("opinion", "同意")), 409, "TASK_ALREADY_HANDLED");
        JsonNode application = p.j.application(Personas.login(port, "applicant"), no);
        assertThat(Journeys.actions(application)).containsSubsequence("REVIEW", "SIGNERS_CANCELLED");
        assertThat(application.path("timeline").findValuesAsText("opinion"))
                .anyMatch(o -> o.startsWith("或签：") && o.contains("无需再审查"));
        p.j.step(p.clerk(departments.get(0), "APPROVE"), no, "approve", Map.of("opinion", "准予"));
        assertThat(p.j.application(lead, no).path("status").asText()).isEqualTo("CONCLUDED");
    }

    @Test
    void whenTwoAgenciesReviewAtOnceOnAnyOneStepExactlyOneWins() throws Exception {
        Place p = new Place("jointAny", "施工许可证变更");
        List<String> departments = p.signers();
        Api lead = p.clerk(departments.get(0), "REVIEW");
        Api other = p.clerk(departments.get(1), "REVIEW");
        String no = p.acceptedApplication();
        String leadTask = p.j.task(lead, no);
        String otherTask = p.j.task(other, no);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> {
                start.await();
                return p.j.act(lead, leadTask, "review", Map.of("opinion", "同意")).status();
            });
            var second = pool.submit(() -> {
                start.await();
                return p.j.act(other, otherTask, "review", Map.of("opinion", "同意")).status();
            });
            assertThat(List.of(first.get(), second.get())).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Journeys.actions(p.j.application(lead, no)).stream().filter("REVIEW"::equals)).hasSize(1);
        p.j.task(p.clerk(departments.get(0), "APPROVE"), no);
    }

    @Test
    void agenciesSignOneAfterAnotherAndSignersAreInsertedBeforeOrAfterOrRemoved() {
        Place p = new Place("jointSequential", "设计");
        List<String> departments = p.signers();
        assertThat(departments).hasSizeGreaterThanOrEqualTo(2);
        Api lead = p.clerk(departments.get(0), "REVIEW");
        Api second = p.clerk(departments.get(1), "REVIEW");
        Api after = p.clerk("WJW", "REVIEW");
        Api before = p.clerk("MZJ", "REVIEW");
        String no = p.acceptedApplication();

        assertThat(p.todo(second, no)).isZero();
        String leadTask = p.j.task(lead, no);
        JsonNode signers = p.signersOf(lead, leadTask);
        assertThat(signers.path("countersign").asText()).isEqualTo("SEQUENTIAL");
        List<String> expected = new ArrayList<>(List.of(p.agencies.get(departments.get(0)) + ":PENDING"));
        departments.subList(1, departments.size()).forEach(d -> expected.add(p.agencies.get(d) + ":WAITING"));
        assertThat(states(signers)).containsExactlyElementsOf(expected);
        assertThat(signers.path("canAddBefore").asBoolean()).isTrue();
        assertProblem(Personas.login(port, "sy.accept").get("/api/v1/workbench/tasks/" + leadTask + "/signers"), 404, "NOT_FOUND");

        // 加签 after the lead agency: the health commission signs next, before the second department.
        p.j.step(lead, no, "addSigner", Map.of("agencyId", p.agencies.get("WJW"), "position", "AFTER", "opinion", "涉及卫生防疫"));
        assertProblem(p.j.act(lead, leadTask, "addSigner", Map.of("agencyId", p.agencies.get("WJW"))), 409, "SIGNER_EXISTS");
        assertThat(states(p.signersOf(lead, leadTask))).element(1).isEqualTo(p.agencies.get("WJW") + ":WAITING");
        if (departments.size() > 2) {
            // 减签: the lead agency takes the last department off before its turn comes.
            String last = departments.get(departments.size() - 1);
            p.j.step(lead, no, "removeSigner", Map.of("agencyId", p.agencies.get(last), "opinion", "不涉及"));
            assertThat(states(p.signersOf(lead, leadTask))).noneMatch(s -> s.startsWith(p.agencies.get(last) + ":"));
            departments = departments.subList(0, departments.size() - 1);
        }
        assertProblem(p.j.act(lead, leadTask, "removeSigner", Map.of("agencyId", p.agencies.get("SCJ"))), 400, "INVALID_PARAMETER");

        p.j.step(lead, no, "review", Map.of("opinion", "同意"));
        assertThat(p.todo(second, no)).isZero();
        assertProblem(p.j.act(second, leadTask, "review", Map.of("opinion", "抢先")), 404, "NOT_FOUND");
        p.j.step(after, no, "review", Map.of("opinion", "同意"));

        // The second department's turn; it asks the civil-affairs bureau to sign before it.
        String secondTask = p.j.task(second, no);
        JsonNode mid = p.signersOf(second, secondTask);
        assertThat(states(mid)).startsWith(p.agencies.get(departments.get(0)) + ":DONE", p.agencies.get("WJW") + ":DONE",
                p.agencies.get(departments.get(1)) + ":PENDING");
        assertThat(p.j.act(second, secondTask, "removeSigner", Map.of("agencyId", p.agencies.get(departments.get(0)))).status())
                .isEqualTo(409);
        p.j.step(second, no, "addSigner", Map.of("agencyId", p.agencies.get("MZJ"), "position", "BEFORE", "opinion", "请先核实"));
        assertThat(p.todo(second, no)).isZero();
        p.j.step(before, no, "review", Map.of("opinion", "已核实"));
        p.j.step(second, no, "review", Map.of("opinion", "同意"));
        for (String department : departments.subList(2, departments.size())) {
            p.j.step(p.clerk(department, "REVIEW"), no, "review", Map.of("opinion", "同意"));
        }
        p.j.step(p.clerk(departments.get(0), "APPROVE"), no, "approve", Map.of("opinion", "准予"));
        JsonNode application = p.j.application(lead, no);
        assertThat(application.path("status").asText()).isEqualTo("CONCLUDED");
        assertThat(Journeys.actions(application)).containsSubsequence("ADD_SIGNER", "REVIEW", "REVIEW", "ADD_SIGNER", "REVIEW",
                "REVIEW", "APPROVE");
    }
}
