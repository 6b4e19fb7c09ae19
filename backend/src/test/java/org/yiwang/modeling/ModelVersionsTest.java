package org.yiwang.modeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Versions of a model with real applications on them: the dry run, the background migration with its
 * progress, a step removed in the new version, rollback, and test runs that leave nothing behind.
 */
@IntegrationTest
class ModelVersionsTest {

    private static final String MODELS = "/api/v1/admin/models";
    private static final Timestamp LONG_AGO = Timestamp.valueOf("2000-01-01 00:00:00");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;
    @Autowired
    TestRuns testRuns;

    /** People, and two applications on version 1 of a model — one at acceptance, one at review — then version 2. */
    private record Running(Journeys journeys, Api admin, Api applicant, Api accept, Api review, long model,
            String atAcceptance, String atReview) {
    }

    private void withTwoRunning(String key, java.util.function.UnaryOperator<String> v2, java.util.function.Consumer<Running> body) {
        Journeys journeys = new Journeys(port);
        Api admin = Personas.login(port, "admin");
        Api applicant = Personas.login(port, "applicant");
        Api accept = Personas.login(port, "hk.accept");
        long model = importModel(admin, standard(key));
        deploy(admin, model, 1);
        withItemOn(key, item -> {
            String atAcceptance = journeys.apply(applicant, item, "4601");
            String atReview = journeys.apply(applicant, item, "4601");
            journeys.step(accept, atReview, "accept", Map.of("opinion", "材料齐全"));
            save(admin, model, v2.apply(standard(key)));
            deploy(admin, model, 2);
            body.accept(new Running(journeys, admin, applicant, accept, Personas.login(port, "hk.review"), model,
                    atAcceptance, atReview));
        });
    }

    @Test
    void runningApplicationsMoveToTheNewVersionAndStayWorkable() {
        withTwoRunning("versionsMoved", xml -> xml.replace("name=\"审查\"", "name=\"审查（新版）\""), r -> {
            Journeys journeys = r.journeys();
            Api admin = r.admin();
            long model = r.model();
            String atAcceptance = r.atAcceptance();
            String atReview = r.atReview();
            JsonNode versions = admin.get(MODELS + "/" + model + "/versions").json();
            assertThat(versions.get(0).path("version").asInt()).isEqualTo(2);
            assertThat(versions.get(0).path("current").asBoolean()).isTrue();
            assertThat(versions.get(0).path("running").asLong()).isZero();
            assertThat(versions.get(0).path("deployedBy").asText()).isEqualTo("admin");
            assertThat(versions.get(1).path("running").asLong()).isEqualTo(2);
            assertThat(versions.get(1).path("deployedAt").asText()).isNotBlank();

            JsonNode dryRun = admin.post(MODELS + "/" + model + "/migrations/dry-run", Map.of("fromVersion", 1)).json();
            assertThat(dryRun.path("toVersion").asInt()).isEqualTo(2);
            assertThat(dryRun.path("total").asInt()).isEqualTo(2);
            assertThat(dryRun.path("migratable").asInt()).isEqualTo(2);
            Map<String, String> steps = new LinkedHashMap<>();
            dryRun.path("instances").forEach(i -> steps.put(i.path("applicationNo").asText(), i.path("steps").get(0).path("name").asText()));
            assertThat(steps).containsEntry(atAcceptance, "受理").containsEntry(atReview, "审查");
            assertThat(versions(admin, model).get(1).path("running").asLong()).as("a dry run changes nothing").isEqualTo(2);

            JsonNode job = finished(admin, migrate(admin, model, Map.of("fromVersion", 1)));
            assertThat(job.path("kind").asText()).isEqualTo("MIGRATION");
            assertThat(job.path("total").asInt()).isEqualTo(2);
            assertThat(job.path("done").asInt()).isEqualTo(2);
            assertThat(job.path("failed").asInt()).isZero();
            assertThat(versions(admin, model).get(0).path("running").asLong()).isEqualTo(2);
            assertThat(versions(admin, model).get(1).path("running").asLong()).isZero();
            assertThat(Journeys.actions(journeys.application(r.applicant(), atReview))).contains("MIGRATE");

            JsonNode todo = r.review().get("/api/v1/workbench/tasks", "view", "todo", "applicationNo", atReview).json();
            assertThat(todo.path("items").get(0).path("taskName").asText()).isEqualTo("审查（新版）");
            journeys.step(r.review(), atReview, "review", Map.of("opinion", "符合条件"));
            journeys.step(r.accept(), atAcceptance, "accept", Map.of("opinion", "材料齐全"));
            assertThat(journeys.application(r.applicant(), atAcceptance).path("status").asText()).isEqualTo("ACCEPTED");
            JsonNode audit = Personas.login(port, "auditor").get("/api/v1/audit", "action", "MODEL_MIGRATION_STARTED").json();
            assertThat(audit.path("items").toString()).contains("model:" + model);
        });
    }

    @Test
    void aStepRemovedInTheNewVersionHoldsBackOnlyTheApplicationsStandingOnIt() {
        withTwoRunning("versionsRemoved", ModelVersionsTest::withoutReview, r -> {
            Journeys journeys = r.journeys();
            Api admin = r.admin();
            Api applicant = r.applicant();
            long model = r.model();
            String atAcceptance = r.atAcceptance();
            String atReview = r.atReview();

            JsonNode dryRun = admin.post(MODELS + "/" + model + "/migrations/dry-run", Map.of("fromVersion", 1, "toVersion", 2)).json();
            assertThat(dryRun.path("migratable").asInt()).isEqualTo(1);
            assertThat(dryRun.path("blocked").asInt()).isEqualTo(1);
            for (JsonNode check : dryRun.path("instances")) {
                boolean blocked = check.path("applicationNo").asText().equals(atReview);
                assertThat(check.path("migratable").asBoolean()).as(check.toString()).isEqualTo(!blocked);
                if (blocked) {
                    assertThat(check.path("reasons").get(0).asText()).contains("审查").contains("reviewApplication");
                }
            }
            JsonNode mapped = admin.post(MODELS + "/" + model + "/migrations/dry-run", Map.of("fromVersion", 1,
                    "mappings", List.of(Map.of("from", "reviewApplication", "to", "decideApplication")))).json();
            assertThat(mapped.path("migratable").asInt()).as(mapped.toString()).isEqualTo(2);
            assertProblem(admin.post(MODELS + "/" + model + "/migrations/dry-run", Map.of("fromVersion", 1,
                    "mappings", List.of(Map.of("from", "reviewApplication", "to", "nowhere")))), 400, "INVALID_PARAMETER");
            assertProblem(admin.post(MODELS + "/" + model + "/migrations/dry-run", Map.of("fromVersion", 7)), 400, "INVALID_PARAMETER");
            assertProblem(admin.post(MODELS + "/" + model + "/migrations/dry-run", Map.of("fromVersion", 2)), 400, "INVALID_PARAMETER");
            assertProblem(admin.post(MODELS + "/" + model + "/migrations/dry-run", "{}"), 400, "INVALID_PARAMETER");

            JsonNode job = finished(admin, migrate(admin, model, Map.of("fromVersion", 1)));
            assertThat(job.path("done").asInt()).isEqualTo(1);
            assertThat(job.path("failed").asInt()).isEqualTo(1);
            assertThat(job.path("messages").get(0).path("applicationNo").asText()).isEqualTo(atReview);
            assertThat(job.path("messages").get(0).path("message").asText()).contains("reviewApplication");
            assertThat(Journeys.actions(journeys.application(applicant, atReview))).doesNotContain("MIGRATE");
            assertThat(Journeys.actions(journeys.application(applicant, atAcceptance))).contains("MIGRATE");

            // The one held back still works on its old version; the one moved skips the removed step.
            journeys.step(r.review(), atReview, "review", Map.of("opinion", "符合条件"));
            journeys.step(r.accept(), atAcceptance, "accept", Map.of("opinion", "材料齐全"));
            JsonNode todo = r.review().get("/api/v1/workbench/tasks", "view", "todo", "applicationNo", atAcceptance).json();
            assertThat(todo.path("total").asInt()).isZero();
        });
    }

    @Test
    void oneMigrationPerModelAtATime() {
        Api admin = Personas.login(port, "admin");
        String key = "versionsLocked";
        long model = importModel(admin, standard(key));
        deploy(admin, model, 1);
        save(admin, model, standard(key).replace("name=\"审查\"", "name=\"复核\""));
        deploy(admin, model, 2);
        // A job another node is running right now, and one whose node stopped reporting long ago.
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));
        jdbc.update("INSERT INTO model_job (model_id, kind, status, from_version, to_version, total, done, failed, started_by,"
                + " started_at, updated_at) VALUES (?, 'MIGRATION', 'RUNNING', 1, 2, 5, 1, 0, 'admin', ?, ?)", model, now, now);
        try {
            assertProblem(admin.post(MODELS + "/" + model + "/migrations", Map.of("fromVersion", 1)), 409, "MIGRATION_RUNNING");
            jdbc.update("UPDATE model_job SET updated_at = ? WHERE model_id = ?", LONG_AGO, model);
            JsonNode job = finished(admin, migrate(admin, model, Map.of("fromVersion", 1)));
            assertThat(job.path("total").asInt()).isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM model_job WHERE model_id = ? AND status = 'ABANDONED'",
                    Integer.class, model)).isEqualTo(1);
        } finally {
            jdbc.update("UPDATE model_job SET status = 'ABANDONED' WHERE model_id = ? AND status = 'RUNNING'", model);
        }
        assertProblem(admin.get(MODELS + "/jobs/999999999"), 404, "NOT_FOUND");
    }

    @Test
    void anEarlierVersionBecomesCurrentAgainForNewApplications() {
        Journeys journeys = new Journeys(port);
        Api admin = Personas.login(port, "admin");
        Api applicant = Personas.login(port, "applicant");
        Api accept = Personas.login(port, "hk.accept");
        Api review = Personas.login(port, "hk.review");
        String key = "versionsRolledBack";
        long model = importModel(admin, standard(key));
        assertProblem(admin.post(MODELS + "/" + model + "/rollback", Map.of("version", 1)), 409, "NOT_DEPLOYED");
        deploy(admin, model, 1);
        save(admin, model, standard(key).replace("name=\"审查\"", "name=\"复核\""));
        deploy(admin, model, 2);

        assertProblem(admin.post(MODELS + "/" + model + "/rollback", Map.of("version", 2)), 409, "ALREADY_CURRENT");
        assertProblem(admin.post(MODELS + "/" + model + "/rollback", Map.of("version", 9)), 400, "INVALID_PARAMETER");
        assertProblem(admin.post(MODELS + "/" + model + "/rollback", "{}"), 400, "INVALID_PARAMETER");
        Api.Response rolledBack = admin.post(MODELS + "/" + model + "/rollback", Map.of("version", 1));
        assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(201);
        assertThat(rolledBack.json().path("version").asInt()).isEqualTo(3);
        JsonNode current = versions(admin, model).get(0);
        assertThat(current.path("version").asInt()).isEqualTo(3);
        assertThat(current.path("note").asText()).contains("第 1 版");
        JsonNode stored = admin.get(MODELS + "/" + model).json();
        assertThat(stored.path("status").asText()).isEqualTo("DEPLOYED");
        assertThat(stored.path("version").asInt()).isEqualTo(3);
        assertThat(stored.path("xml").asText()).contains("name=\"审查\"").doesNotContain("复核");

        withItemOn(key, item -> {
            String no = journeys.apply(applicant, item, "4601");
            journeys.step(accept, no, "accept", Map.of("opinion", "材料齐全"));
            JsonNode todo = review.get("/api/v1/workbench/tasks", "view", "todo", "applicationNo", no).json();
            assertThat(todo.path("items").get(0).path("taskName").asText()).isEqualTo("审查");
        });
        assertThat(Personas.login(port, "auditor").get("/api/v1/audit", "action", "MODEL_ROLLED_BACK").json().path("items").toString()).contains("model:" + model);
        for (String caller : List.of("hk.accept", "supervisor", "applicant")) {
            assertProblem(Personas.login(port, caller).post(MODELS + "/" + model + "/rollback", Map.of("version", 1)), 403, "FORBIDDEN");
        }
    }

    @Test
    void aTestRunIsWalkedUnseenAndLeavesNothingBehind() {
        Journeys journeys = new Journeys(port);
        Api admin = Personas.login(port, "admin");
        Api accept = Personas.login(port, "hk.accept");
        Api supervisor = Personas.login(port, "supervisor");
        String key = "versionsTested";
        long model = importModel(admin, standard(key));
        String itemCode = journeys.haikouLicensingItem().path("code").asText();
        long todoBefore = accept.get("/api/v1/workbench/tasks", "view", "todo").json().path("total").asLong();
        long allBefore = supervisor.get("/api/v1/workbench/tasks", "view", "all").json().path("total").asLong();
        Map<String, Long> before = rows();

        Api.Response started = admin.post(MODELS + "/" + model + "/test-runs", Map.of("itemCode", itemCode));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        JsonNode run = started.json();
        long runId = run.path("id").asLong();
        String no = run.path("applicationNo").asText();
        assertThat(no).startsWith("TEST-");
        assertThat(run.path("tasks").get(0).path("stepId").asText()).isEqualTo("acceptApplication");
        assertThat(run.path("tasks").get(0).path("outcomes")).extracting(JsonNode::asText).containsExactly("accept", "supplement", "refuse");
        assertThat(run.path("diagram").path("active")).extracting(JsonNode::asText).contains("acceptApplication");
        assertThat(admin.get(MODELS + "/" + model).json().path("version").asInt()).as("the draft is not deployed").isZero();
        assertThat(admin.get(MODELS + "/" + model + "/test-runs").json().size()).isEqualTo(1);

        // Its tasks belong to the item's real agency, yet no clerk, supervisor or list ever shows them.
        assertThat(accept.get("/api/v1/workbench/tasks", "view", "todo").json().path("total").asLong()).isEqualTo(todoBefore);
        assertThat(supervisor.get("/api/v1/workbench/tasks", "view", "all").json().path("total").asLong()).isEqualTo(allBefore);
        assertThat(accept.get("/api/v1/workbench/tasks", "view", "todo", "applicationNo", no).json().path("total").asLong()).isZero();
        String taskId = run.path("tasks").get(0).path("taskId").asText();
        assertProblem(accept.get("/api/v1/workbench/tasks/" + taskId), 404, "NOT_FOUND");
        assertProblem(accept.post("/api/v1/workbench/tasks/" + taskId + "/accept", Map.of("opinion", "x")), 404, "NOT_FOUND");
        assertProblem(supervisor.get("/api/v1/applications/" + no), 404, "NOT_FOUND");
        assertProblem(admin.get("/api/v1/applications/" + no), 404, "NOT_FOUND");

        assertProblem(admin.post(MODELS + "/test-runs/" + runId + "/tasks/" + taskId + "/complete", Map.of("outcome", "approve")),
                400, "INVALID_PARAMETER");
        run = complete(admin, runId, run, "accept");
        assertThat(run.path("tasks").get(0).path("stepId").asText()).isEqualTo("reviewApplication");
        assertThat(run.path("diagram").path("completed")).extracting(JsonNode::asText).contains("acceptApplication");
        run = complete(admin, runId, run, null);
        assertThat(run.path("tasks").get(0).path("stepId").asText()).isEqualTo("decideApplication");
        run = complete(admin, runId, run, null);
        assertThat(run.path("finished").asBoolean()).isTrue();
        assertThat(run.path("tasks").size()).isZero();
        List<String> timeline = new ArrayList<>();
        run.path("timeline").forEach(e -> timeline.add(e.path("action").asText()));
        assertThat(timeline).containsExactly("TEST_RUN", "TEST_STEP", "TEST_STEP", "TEST_STEP", "CONCLUDE");

        assertThat(admin.send(HttpRequest.newBuilder(admin.uri(MODELS + "/test-runs/" + runId)).DELETE()).status()).isEqualTo(204);
        assertThat(rows()).isEqualTo(before);
        assertProblem(admin.get(MODELS + "/test-runs/" + runId), 404, "NOT_FOUND");
        assertProblem(admin.send(HttpRequest.newBuilder(admin.uri(MODELS + "/test-runs/" + runId)).DELETE()), 404, "NOT_FOUND");
        assertThat(Personas.login(port, "auditor").get("/api/v1/audit", "action", "MODEL_TEST_RUN_ENDED").json().path("items").toString()).contains(no);
    }

    @Test
    void anUnfinishedTestRunIsRemovedWhenItExpires() {
        Api admin = Personas.login(port, "admin");
        long model = importModel(admin, standard("versionsExpired"));
        testRuns.removeExpired();
        Map<String, Long> before = rows();
        String itemCode = new Journeys(port).haikouLicensingItem().path("code").asText();
        JsonNode run = admin.post(MODELS + "/" + model + "/test-runs", Map.of("itemCode", itemCode)).json();
        jdbc.update("UPDATE model_test_run SET expires_at = ? WHERE id = ?", LONG_AGO, run.path("id").asLong());
        testRuns.removeExpired();
        assertThat(rows()).isEqualTo(before);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** Rows that a test run writes to, counted. */
    private Map<String, Long> rows() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("application", "application_event", "application_sequence", "notification",
                "model_test_run", "ACT_RE_DEPLOYMENT", "ACT_RE_PROCDEF", "ACT_GE_BYTEARRAY", "ACT_RU_EXECUTION", "ACT_RU_TASK",
                "ACT_RU_VARIABLE", "ACT_RU_IDENTITYLINK", "ACT_RU_TIMER_JOB", "ACT_RU_JOB", "ACT_HI_PROCINST", "ACT_HI_ACTINST",
                "ACT_HI_TASKINST", "ACT_HI_VARINST", "ACT_HI_IDENTITYLINK")) {
            counts.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
        }
        return counts;
    }

    private JsonNode complete(Api admin, long runId, JsonNode run, String outcome) {
        String taskId = run.path("tasks").get(0).path("taskId").asText();
        Api.Response r = admin.post(MODELS + "/test-runs/" + runId + "/tasks/" + taskId + "/complete",
                outcome == null ? Map.of() : Map.of("outcome", outcome));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /**
     * Binds a Haikou licensing item of the generated catalogue (on the default form, which Journeys fills in) to the
     * model's key while the body runs, as item administration would.
     */
    private void withItemOn(String key, java.util.function.Consumer<JsonNode> body) {
        long agency = new Journeys(port).agencyId("4601", "海口市市场监督管理局");
        String code = jdbc.queryForObject("SELECT code FROM item WHERE agency_id = ? AND process_key = 'standard' AND type = 1"
                + " AND status = 'PUBLISHED' AND form_key IS NULL AND id <= 11702 ORDER BY id DESC LIMIT 1", String.class, agency);
        jdbc.update("UPDATE item SET process_key = ? WHERE code = ?", key, code);
        try {
            body.accept(new Api(port).get("/api/v1/catalog/items/" + code).json());
        } finally {
            jdbc.update("UPDATE item SET process_key = 'standard' WHERE code = ?", code);
        }
    }

    private static JsonNode versions(Api admin, long model) {
        return admin.get(MODELS + "/" + model + "/versions").json();
    }

    private static long migrate(Api admin, long model, Map<String, ?> body) {
        Api.Response r = admin.post(MODELS + "/" + model + "/migrations", body);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().path("id").asLong();
    }

    /** Polls the job until it is done. */
    private static JsonNode finished(Api admin, long job) {
        for (int i = 0; i < 300; i++) {
            JsonNode j = admin.get(MODELS + "/jobs/" + job).json();
            if (!j.path("status").asText().equals("RUNNING")) {
                assertThat(j.path("done").asInt() + j.path("failed").asInt()).isEqualTo(j.path("total").asInt());
                return j;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("job " + job + " did not finish in 30 s");
    }

    private static String standard(String key) {
        try {
            return new String(new ClassPathResource("processes/standard.bpmn20.xml").getContentAsByteArray(), StandardCharsets.UTF_8)
                    .replace("<process id=\"standard\"", "<process id=\"" + key + "\"");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The same process without the review step: accepted applications go straight to the decision. */
    private static String withoutReview(String xml) {
        return xml.replaceAll("(?m)^\\s*<userTask id=\"reviewApplication\"[^\\n]*\\n", "")
                .replaceAll("(?m)^\\s*<sequenceFlow id=\"toDecide\"[^\\n]*\\n", "")
                .replace("targetRef=\"reviewApplication\"", "targetRef=\"decideApplication\"");
    }

    private static long importModel(Api admin, String xml) {
        Api.Response r = admin.upload(MODELS + "/import", "model.bpmn", xml.getBytes(StandardCharsets.UTF_8), "application/xml", Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    private static void deploy(Api admin, long model, int version) {
        Api.Response r = admin.post(MODELS + "/" + model + "/deploy", "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("version").asInt()).isEqualTo(version);
    }

    private static void save(Api admin, long model, String xml) {
        Api.Response r = admin.send(HttpRequest.newBuilder(admin.uri(MODELS + "/" + model)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(Map.of("xml", xml)))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static String json(Object body) {
        try {
            return new ObjectMapper().writeValueAsString(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
