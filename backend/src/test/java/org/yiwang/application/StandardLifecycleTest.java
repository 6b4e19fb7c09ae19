package org.yiwang.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.yiwang.identity.DemoAccountsAccess;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/** 承诺件 end to end through HTTP: apply, accept, review, approve, conclude, licence, progress. */
@IntegrationTest
class StandardLifecycleTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate db;

    @Test
    void applyOnceApproveOnlineAndVerifyTheLicence() {
        Journeys j = new Journeys(port);
        JsonNode item = j.haikouLicensingItem();
        Api applicant = Personas.login(port, "applicant");
        String no = j.apply(applicant, item, "4601");
        assertThat(no).matches("460100\\d{14}[0-9A-Z]");

        JsonNode submitted = j.application(applicant, no);
        assertThat(submitted.path("status").asText()).isEqualTo("SUBMITTED");
        assertThat(submitted.path("acceptanceDueDate").asText()).isNotEmpty();
        assertThat(submitted.path("remainingWorkingDays").asInt()).isEqualTo(item.path("promisedLimitDays").asInt());

        Api accept = Personas.login(port, "hk.accept");
        Api review = Personas.login(port, "hk.review");
        Api approve = Personas.login(port, "hk.approve");
        j.step(accept, no, "accept", Map.of("opinion", "材料齐全，符合法定形式，予以受理。"));
        JsonNode accepted = j.application(applicant, no);
        assertThat(accepted.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(accepted.path("remainingWorkingDays").asInt()).isEqualTo(item.path("promisedLimitDays").asInt());

        j.step(review, no, "review", Map.of("opinion", "经审查，符合条件，建议准予许可。"));
        assertThat(j.application(applicant, no).path("status").asText()).isEqualTo("UNDER_REVIEW");
        j.step(approve, no, "approve", Map.of("opinion", "同意。"));

        JsonNode done = j.application(applicant, no);
        assertThat(done.path("status").asText()).isEqualTo("CONCLUDED");
        assertThat(Journeys.actions(done)).containsSubsequence("CREATE", "SUBMIT", "ACCEPT", "REVIEW", "APPROVE", "LICENSE", "CONCLUDE");
        JsonNode approveEvent = done.path("timeline").get(Journeys.actions(done).indexOf("APPROVE"));
        assertThat(approveEvent.path("actor").asText()).isEqualTo("陈审批");
        assertThat(approveEvent.path("role").asText()).isEqualTo("审批");
        assertThat(approveEvent.path("agencyName").asText()).isEqualTo("海口市市场监督管理局");
        assertThat(approveEvent.path("opinion").asText()).isEqualTo("同意。");

        String code = done.path("license").path("verificationCode").asText();
        JsonNode verified = new Api(port).get("/api/v1/licenses/verify", "code", code).json();
        assertThat(verified.path("valid").asBoolean()).isTrue();
        assertThat(verified.path("itemName").asText()).isEqualTo(item.path("name").asText());
        assertThat(verified.path("holderName").asText()).as("enough of a person's name to confirm it").isEqualTo("黎*明");
        assertThat(new Api(port).get("/api/v1/licenses/verify", "code", "ABCDEFGHJKMNPQRS").json().path("valid").asBoolean()).isFalse();

        String suffix = DemoAccountsAccess.applicantId().substring(12);
        JsonNode progress = new Api(port).get("/api/v1/portal/progress", "applicationNo", no, "idSuffix", suffix).json();
        assertThat(progress.path("status").asText()).isEqualTo("CONCLUDED");
        assertThat(progress.path("steps").size()).isGreaterThanOrEqualTo(6);
        assertProblem(new Api(port).get("/api/v1/portal/progress", "applicationNo", no, "idSuffix", "000000"), 404, "NOT_FOUND");

        assertThat(accept.get("/api/v1/workbench/tasks", "view", "done", "applicationNo", no).json().path("total").asInt()).isEqualTo(1);
        assertThat(accept.get("/api/v1/workbench/tasks", "view", "todo", "applicationNo", no).json().path("total").asInt()).isZero();
        assertThat(db.queryForObject("SELECT COUNT(*) FROM notification n JOIN account a ON a.id = n.account_id "
                + "WHERE a.username = 'applicant' AND n.application_no = ?", Integer.class, no)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aRepeatedSubmitAnswersTheSameApplicationAndAnotherKeyIsRefused() throws Exception {
        Journeys j = new Journeys(port);
        JsonNode item = j.haikouLicensingItem();
        Api applicant = Personas.login(port, "applicant");
        String no = j.draft(applicant, item, "4601");
        j.uploadRequired(applicant, no, item);

        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<Api.Response>> clicks = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clicks.add(pool.submit(() -> submit(applicant, no, "double-click-key")));
        }
        for (var click : clicks) {
            Api.Response r = click.get();
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().path("applicationNo").asText()).isEqualTo(no);
        }
        pool.shutdown();
        assertThat(db.queryForObject("SELECT COUNT(*) FROM application_event e JOIN application a ON a.id = e.application_id "
                + "WHERE a.application_no = ? AND e.action = 'SUBMIT'", Integer.class, no)).isEqualTo(1);
        assertThat(db.queryForObject("SELECT COUNT(*) FROM ACT_RU_EXECUTION WHERE BUSINESS_KEY_ = ? AND PARENT_ID_ IS NULL",
                Integer.class, no)).isEqualTo(1);
        assertProblem(submit(applicant, no, "another-key"), 409, "ALREADY_SUBMITTED");
        assertProblem(submit(applicant, no, null), 400, "INVALID_PARAMETER");
    }

    @Test
    void submittingWithoutARequiredMaterialIsRefusedWithItsName() {
        Journeys j = new Journeys(port);
        JsonNode item = j.haikouLicensingItem();
        Api applicant = Personas.login(port, "applicant");
        String no = j.draft(applicant, item, "4601");
        JsonNode problem = assertProblem(submit(applicant, no, "k1"), 400, "MATERIALS_MISSING");
        assertThat(problem.path("detail").asText()).contains(item.path("materials").get(0).path("name").asText());
        assertThat(j.application(applicant, no).path("status").asText()).isEqualTo("DRAFT");
    }

    @Test
    void uploadsAreCheckedByContentTypeAndSize() {
        Journeys j = new Journeys(port);
        JsonNode item = j.haikouLicensingItem();
        Api applicant = Personas.login(port, "applicant");
        String no = j.draft(applicant, item, "4601");
        String materialId = item.path("materials").get(0).path("id").asText();
        Map<String, String> fields = Map.of("materialId", materialId);
        String path = "/api/v1/applications/" + no + "/materials";
        byte[] exe = { 'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0 };
        assertProblem(applicant.upload(path, "licence.pdf", exe, "application/pdf", fields), 415, "FILE_CONTENT_MISMATCH");
        assertProblem(applicant.upload(path, "tool.exe", exe, "application/octet-stream", fields), 415, "FILE_TYPE_NOT_ALLOWED");
        assertProblem(applicant.upload(path, "empty.pdf", new byte[0], "application/pdf", fields), 400, "INVALID_PARAMETER");
        assertProblem(applicant.upload(path, "../../etc/passwd.png", Journeys.PNG, "image/png", fields), 400, "INVALID_PARAMETER");
        byte[] huge = new byte[11 * 1024 * 1024];
        System.arraycopy(Journeys.PNG, 0, huge, 0, Journeys.PNG.length);
        assertProblem(applicant.upload(path, "huge.png", huge, "image/png", fields), 413, "FILE_TOO_LARGE");
        assertProblem(applicant.upload(path, "scan.png", Journeys.PNG, "image/png", Map.of("materialId", "1")), 400, "INVALID_PARAMETER");
        assertThat(j.application(applicant, no).path("materials").size()).isZero();
    }

    @Test
    void othersCannotSeeOrTouchAnApplication() {
        Journeys j = new Journeys(port);
        JsonNode item = j.haikouLicensingItem();
        String no = j.apply(Personas.login(port, "applicant"), item, "4601");
        Api company = Personas.login(port, "company");
        assertProblem(company.get("/api/v1/applications/" + no), 404, "NOT_FOUND");
        assertProblem(company.post("/api/v1/applications/" + no + "/withdraw", Map.of("reason", "x")), 404, "NOT_FOUND");
        Api sanya = Personas.login(port, "sy.accept");
        assertProblem(sanya.get("/api/v1/applications/" + no), 404, "NOT_FOUND");
        String taskId = j.task(Personas.login(port, "hk.accept"), no);
        assertProblem(sanya.get("/api/v1/workbench/tasks/" + taskId), 404, "NOT_FOUND");
        assertProblem(j.act(sanya, taskId, "accept", Map.of("opinion", "x")), 404, "NOT_FOUND");
        assertThat(Personas.login(port, "supervisor").get("/api/v1/applications/" + no).status()).isEqualTo(200);
        assertThat(Personas.login(port, "hk.review").get("/api/v1/applications/" + no).status()).isEqualTo(200);
    }

    private static Api.Response submit(Api applicant, String no, String key) {
        var request = java.net.http.HttpRequest.newBuilder(applicant.uri("/api/v1/applications/" + no + "/submit"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return applicant.send(request);
    }

    @Test
    void materialsGivenOnceArePickedAgainInsteadOfUploaded() {
        Journeys j = new Journeys(port);
        JsonNode item = j.haikouLicensingItem();
        Api applicant = Personas.login(port, "applicant");
        String first = j.apply(applicant, item, "4601");
        JsonNode form = item.path("materials").get(0);
        JsonNode earlier = j.application(applicant, first).path("materials").get(0);

        JsonNode reusable = applicant.get("/api/v1/applications/reusable-materials", "materialName", form.path("name").asText()).json();
        assertThat(reusable.findValuesAsText("sha256")).contains(earlier.path("sha256").asText());
        long fileId = reusable.get(0).path("id").asLong();

        String second = j.draft(applicant, item, "4601");
        Api.Response reused = applicant.post("/api/v1/applications/" + second + "/materials/reuse",
                Map.of("materialId", form.path("id").asLong(), "fileId", fileId));
        assertThat(reused.status()).as(reused.body()).isEqualTo(201);
        assertThat(reused.json().path("sha256").asText()).isEqualTo(reusable.get(0).path("sha256").asText());
        assertThat(j.application(applicant, second).path("materials").size()).isEqualTo(1);

        Api company = Personas.login(port, "company");
        assertThat(company.get("/api/v1/applications/reusable-materials", "materialName", form.path("name").asText()).json()
                .findValuesAsText("id")).doesNotContain(String.valueOf(fileId));
        String theirs = j.draft(company, item, "4601");
        assertProblem(company.post("/api/v1/applications/" + theirs + "/materials/reuse",
                Map.of("materialId", form.path("id").asLong(), "fileId", fileId)), 404, "NOT_FOUND");
        assertProblem(applicant.get("/api/v1/applications/reusable-materials"), 400, "INVALID_PARAMETER");
    }
}
