package org.yiwang.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/** Two people acting at once get exactly one winner; the supplement loop happens once and completely. */
@IntegrationTest
class RacesAndSupplementTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate db;
    @Autowired
    org.yiwang.support.MutableClock clock;

    /** Runs the calls at the same instant and answers their statuses. */
    private static List<Api.Response> together(List<Callable<Api.Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> futures = new ArrayList<>();
        for (Callable<Api.Response> call : calls) {
            futures.add(pool.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<Api.Response> answers = new ArrayList<>();
        for (Future<Api.Response> f : futures) {
            answers.add(f.get());
        }
        pool.shutdown();
        return answers;
    }

    @Test
    void theFirstApplicationsOfADayCreatedAtOnceAllGetTheirOwnNumber() throws Exception {
        clock.set(java.time.LocalDateTime.of(2027, 3, 15, 9, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant());
        Journeys j = new Journeys(port);
        JsonNode item = j.haikouLicensingItem();
        List<Callable<Api.Response>> drafts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Api applicant = Personas.login(port, "applicant");
            drafts.add(() -> applicant.post("/api/v1/applications", Map.of("itemCode", item.path("code").asText(),
                    "regionCode", "4601", "formData", Map.of("reason", "同时申请"))));
        }
        List<Api.Response> answers = together(drafts);
        assertThat(answers).extracting(Api.Response::status).as(answers.toString()).containsOnly(201);
        assertThat(answers.stream().map(a -> a.json().path("applicationNo").asText()).distinct())
                .hasSize(8).allMatch(no -> no.startsWith("46010020270315"));
    }

    @Test
    void twoClerksAcceptingOneTaskAtOnceHaveOneWinner() throws Exception {
        Journeys j = new Journeys(port);
        Api first = Personas.login(port, "hk.accept");
        Api second = j.staff("hk.accept2", j.agencyId("4601", "海口市市场监督管理局"), "ACCEPT");
        for (int round = 0; round < 3; round++) {
            String no = j.apply(Personas.login(port, "applicant"), j.haikouLicensingItem(), "4601");
            String taskId = j.task(first, no);
            List<Api.Response> answers = together(List.of(
                    () -> j.act(first, taskId, "accept", Map.of("opinion", "受理")),
                    () -> j.act(second, taskId, "accept", Map.of("opinion", "受理"))));
            assertThat(answers).extracting(Api.Response::status).as(answers.toString()).containsExactlyInAnyOrder(200, 409);
            Api.Response loser = answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
            assertThat(loser.json().path("code").asText()).isIn("CONCURRENT_UPDATE", "TASK_ALREADY_HANDLED", "TASK_CLAIMED", "WRONG_STATUS");
            assertThat(db.queryForObject("SELECT COUNT(*) FROM application_event e JOIN application a ON a.id = e.application_id "
                    + "WHERE a.application_no = ? AND e.action = 'ACCEPT'", Integer.class, no)).isEqualTo(1);
        }
    }

    @Test
    void aWithdrawalRacingTheApprovalLeavesOneConsistentOutcome() throws Exception {
        Journeys j = new Journeys(port);
        Api applicant = Personas.login(port, "applicant");
        Api approver = Personas.login(port, "hk.approve");
        for (int round = 0; round < 3; round++) {
            String no = j.apply(applicant, j.haikouLicensingItem(), "4601");
            j.step(Personas.login(port, "hk.accept"), no, "accept", Map.of("opinion", "受理"));
            j.step(Personas.login(port, "hk.review"), no, "review", Map.of("opinion", "建议准予"));
            String taskId = j.task(approver, no);
            List<Api.Response> answers = together(List.of(
                    () -> applicant.post("/api/v1/applications/" + no + "/withdraw", Map.of("reason", "不再需要")),
                    () -> j.act(approver, taskId, "approve", Map.of("opinion", "同意"))));
            assertThat(answers).extracting(Api.Response::status).as(answers.toString()).containsExactlyInAnyOrder(200, 409);

            String status = j.application(applicant, no).path("status").asText();
            assertThat(status).isIn("WITHDRAWN", "CONCLUDED");
            Integer running = db.queryForObject("SELECT COUNT(*) FROM ACT_RU_EXECUTION WHERE BUSINESS_KEY_ = ?", Integer.class, no);
            assertThat(running).as("no process left behind either way").isZero();
            Integer licences = db.queryForObject("SELECT COUNT(*) FROM license l JOIN application a ON a.id = l.application_id "
                    + "WHERE a.application_no = ?", Integer.class, no);
            assertThat(licences).isEqualTo(status.equals("CONCLUDED") ? 1 : 0);
        }
    }

    @Test
    void oneSupplementNoticeListsEverythingAndIsAnsweredOnceWithAllOfIt() {
        Journeys j = new Journeys(port);
        JsonNode item = j.haikouLicensingItem();
        Api applicant = Personas.login(port, "applicant");
        String no = j.apply(applicant, item, "4601");
        Api accept = Personas.login(port, "hk.accept");
        long first = item.path("materials").get(0).path("id").asLong();
        long second = item.path("materials").get(1).path("id").asLong();
        assertProblem(j.act(accept, j.task(accept, no), "supplement", Map.of("opinion", "请补正")), 400, "INVALID_PARAMETER");
        j.step(accept, no, "supplement", Map.of("opinion", "申请表未签字；身份证明不清晰", "materialIds", List.of(first, second)));

        JsonNode notice = j.application(applicant, no);
        assertThat(notice.path("status").asText()).isEqualTo("SUPPLEMENT_REQUIRED");
        assertThat(notice.path("supplementNotice").path("materialIds").toString()).contains(String.valueOf(first), String.valueOf(second));
        assertThat(accept.get("/api/v1/workbench/tasks", "applicationNo", no).json().path("total").asInt()).isZero();

        assertProblem(applicant.post("/api/v1/applications/" + no + "/supplement", Map.of("opinion", "已补")), 400, "MATERIALS_MISSING");
        j.upload(applicant, no, first);
        long unlisted = item.path("materials").get(item.path("materials").size() - 1).path("id").asLong();
        assertProblem(applicant.upload("/api/v1/applications/" + no + "/materials", "x.png", Journeys.PNG, "image/png",
                Map.of("materialId", String.valueOf(unlisted))), 400, "INVALID_PARAMETER");
        assertProblem(applicant.post("/api/v1/applications/" + no + "/supplement", Map.of("opinion", "已补")), 400, "MATERIALS_MISSING");
        j.upload(applicant, no, second);
        assertThat(applicant.post("/api/v1/applications/" + no + "/supplement", Map.of("opinion", "已全部补正")).status()).isEqualTo(200);

        String taskId = j.task(accept, no);
        JsonNode task = accept.get("/api/v1/workbench/tasks/" + taskId).json();
        assertThat(task.path("actions").toString()).contains("accept").doesNotContain("supplement");
        assertProblem(j.act(accept, taskId, "supplement", Map.of("opinion", "再次补正", "materialIds", List.of(first))), 409,
                "ACTION_NOT_ALLOWED");
        j.step(accept, no, "accept", Map.of("opinion", "补正后材料齐全，予以受理"));
        JsonNode accepted = j.application(applicant, no);
        assertThat(Journeys.actions(accepted)).containsSubsequence("SUBMIT", "SUPPLEMENT", "SUPPLEMENTED", "ACCEPT");
    }

    @Test
    void anApplicantWithdrawsBeforeADecisionButNotAfter() {
        Journeys j = new Journeys(port);
        Api applicant = Personas.login(port, "applicant");
        String no = j.apply(applicant, j.haikouLicensingItem(), "4601");
        assertThat(applicant.post("/api/v1/applications/" + no + "/withdraw", Map.of("reason", "信息填错")).json()
                .path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(Personas.login(port, "hk.accept").get("/api/v1/workbench/tasks", "applicationNo", no).json()
                .path("total").asInt()).isZero();
        assertProblem(applicant.post("/api/v1/applications/" + no + "/withdraw", Map.of("reason", "again")), 409, "NOT_WITHDRAWABLE");

        String refused = j.apply(applicant, j.haikouLicensingItem(), "4601");
        j.step(Personas.login(port, "hk.accept"), refused, "refuse", Map.of("opinion", "不属于本机关职权范围"));
        JsonNode result = j.application(applicant, refused);
        assertThat(result.path("status").asText()).isEqualTo("NOT_ACCEPTED");
        assertThat(result.path("result").path("remedies").asText()).contains("行政复议").contains("行政诉讼");
        assertProblem(applicant.post("/api/v1/applications/" + refused + "/withdraw", Map.of()), 409, "NOT_WITHDRAWABLE");
    }
}
