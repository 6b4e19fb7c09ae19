package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every protected route called as every kind of caller. A route added without a row here fails the test,
 * so each new route gets an explicit access decision.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    private static final String MODELS = "/api/v1/admin/models";

    /**
     * Callers, in the order of the expectation strings below: applicants, clerks of 海口 and 三亚, the province's
     * supervisor and auditor, 海口's system and item administrators, and last the province's administrator (whose
     * calls change objects the others are asked about, e.g. ending the test run).
     */
    private static final List<String> CALLERS = List.of("anonymous", "applicant", "applicantB", "hk.accept", "sy.accept",
            "supervisor", "auditor", "hk.sysadmin", "hk.admin", "admin");

    /**
     * Expected answer per caller: 'P' passed access control and found the object (2xx, or 400/409/422 from the
     * route itself), 'N' 404 (an object outside the caller's scope is not disclosed), '1' 401, '3' 403. Paths
     * name real objects of the province or of the demo applicant (see {@link #objects}), so a 404 is the scope
     * check answering, not a made-up id; only evaluations, notifications, licences, forms and workbench tasks
     * are still sample ids.
     */
    private static final Map<String, String> MATRIX = new LinkedHashMap<>();

    static {
        row("GET /api/v1/catalog/items", "PPPPPPPPPP");
        row("GET /api/v1/catalog/items/{code}", "PPPPPPPPPP");
        row("GET /api/v1/catalog/items/{code}/process", "PPPPPPPPPP");
        row("GET /api/v1/catalog/facets", "PPPPPPPPPP");
        row("GET /api/v1/catalog/life-events", "PPPPPPPPPP");
        row("GET /api/v1/regions/{code}", "PPPPPPPPPP");
        row("GET /api/v1/regions/{code}/children", "PPPPPPPPPP");
        row("GET /api/v1/regions/{code}/agencies", "PPPPPPPPPP");
        row("GET /api/v1/calendar/working-days/add", "PPPPPPPPPP");
        row("GET /api/v1/calendar/working-days/between", "PPPPPPPPPP");
        row("POST /api/v1/auth/login", "PPPPPPPPPP");
        row("POST /api/v1/auth/register", "PPPPPPPPPP");
        row("POST /api/v1/auth/password-reset", "PPPPPPPPPP");
        row("POST /api/v1/auth/password-reset/confirm", "PPPPPPPPPP");
        // The demo's outbox is read with the demo password, which no account's session stands in for.
        row("GET /api/v1/demo/outbox", "3333333333");
        row("GET /api/v1/auth/me", "1PPPPPPPPP");
        row("POST /api/v1/auth/password", "1PPPPPPPPP");
        // Separation of duties: the audit log for supervisors and the auditor, not for administrators.
        row("GET /api/v1/audit", "13333PP333");
        row("GET /api/v1/audit/verify", "13333PP333");
        // Staff administration: {id} is a province account, outside 海口's administrator's region.
        row("GET /api/v1/admin/staff", "1333333P3P");
        row("GET /api/v1/admin/staff/roles", "1333333P3P");
        row("POST /api/v1/admin/staff", "1333333P3P");
        row("PUT /api/v1/admin/staff/{id}/roles", "1333333N3P");
        row("POST /api/v1/admin/staff/{id}/unlock", "1333333N3P");
        row("POST /api/v1/admin/staff/{id}/reset-password", "1333333N3P");
        row("POST /api/v1/admin/staff/{id}/disable", "1333333N3P");
        row("POST /api/v1/admin/staff/{id}/enable", "1333333N3P");
        // Models: {id} is a deployed province model; jobs and test runs are that model's.
        row("POST /api/v1/admin/models/import", "13333333PP");
        row("GET /api/v1/admin/models", "13333333PP");
        row("GET /api/v1/admin/models/templates", "13333333PP");
        row("GET /api/v1/admin/models/templates/{key}", "13333333PP");
        row("POST /api/v1/admin/models/templates/{key}/copy", "13333333PP");
        row("GET /api/v1/admin/models/{id}", "13333333NP");
        row("PUT /api/v1/admin/models/{id}", "13333333NP");
        row("GET /api/v1/admin/models/{id}/validate", "13333333NP");
        row("POST /api/v1/admin/models/{id}/deploy", "13333333NP");
        // Items: {code} is a province item.
        row("GET /api/v1/admin/items", "13333333PP");
        row("POST /api/v1/admin/items", "13333333PP");
        row("GET /api/v1/admin/items/process-options", "13333333PP");
        row("GET /api/v1/admin/items/{code}", "13333333NP");
        row("PUT /api/v1/admin/items/{code}", "13333333NP");
        row("POST /api/v1/admin/items/{code}/publish", "13333333NP");
        row("POST /api/v1/admin/items/{code}/unpublish", "13333333NP");
        row("GET /api/v1/admin/items/{code}/versions", "13333333NP");
        row("GET /api/v1/admin/items/{code}/versions/{version}", "13333333NP");
        row("GET /api/v1/admin/forms", "13333333PP");
        row("POST /api/v1/admin/forms", "13333333PP");
        row("GET /api/v1/admin/forms/patterns", "13333333PP");
        row("GET /api/v1/admin/forms/{key}", "13333333NN");
        row("GET /api/v1/admin/forms/{key}/versions/{version}", "13333333NN");
        row("GET /api/v1/admin/models/{id}/versions", "13333333NP");
        row("POST /api/v1/admin/models/{id}/migrations/dry-run", "13333333NP");
        row("POST /api/v1/admin/models/{id}/migrations", "13333333NP");
        row("GET /api/v1/admin/models/jobs/{id}", "13333333NP");
        row("POST /api/v1/admin/models/{id}/rollback", "13333333NP");
        row("GET /api/v1/admin/models/{id}/test-runs", "13333333NP");
        row("POST /api/v1/admin/models/{id}/test-runs", "13333333NP");
        row("GET /api/v1/admin/models/test-runs/{id}", "13333333NP");
        row("POST /api/v1/admin/models/test-runs/{id}/tasks/{taskId}/complete", "13333333NP");
        row("DELETE /api/v1/admin/models/test-runs/{id}", "13333333NP");
        // Applications: {no} is the demo applicant's, submitted to 海口市市场监督管理局, {id} a file of it. Its
        // agency's clerk and the province's supervisor read it; administrators and the auditor do not (三权分立),
        // not even 海口's administrators working at that very agency.
        row("POST /api/v1/applications", "1PP3333333");
        row("PUT /api/v1/applications/{no}", "1PN3333333");
        row("POST /api/v1/applications/{no}/materials", "1PN3333333");
        row("DELETE /api/v1/applications/{no}/materials/{id}", "1PN3333333");
        row("GET /api/v1/applications/reusable-materials", "1PP3333333");
        row("POST /api/v1/applications/{no}/materials/reuse", "1PN3333333");
        row("GET /api/v1/applications/{no}/license-options", "1PN3333333");
        row("POST /api/v1/applications/{no}/materials/license", "1PN3333333");
        row("POST /api/v1/applications/{no}/submit", "1PP3333333");
        row("POST /api/v1/applications/{no}/withdraw", "1PN3333333");
        row("POST /api/v1/applications/{no}/supplement", "1PN3333333");
        row("GET /api/v1/applications", "1PP3333333");
        row("GET /api/v1/applications/{no}", "1PNPNPNNNN");
        row("GET /api/v1/applications/{no}/materials/{id}/content", "1PNPNPNNNN");
        row("GET /api/v1/applications/{no}/diagram", "1PNPNPNNNN");
        row("POST /api/v1/applications/{no}/evaluation", "1PN3333333");
        row("GET /api/v1/applications/{no}/evaluation", "1NNNNNNNNN");
        // Item forms (forms helper): the printable form is public like the guide; pre-filling reads only the caller's own records.
        row("GET /api/v1/catalog/items/{code}/application-form", "PPPPPPPPPP");
        row("GET /api/v1/applications/prefill", "1PP3333333");
        row("GET /api/v1/evaluations/rectifications", "13333P3333");
        row("POST /api/v1/evaluations/{id}/rectify", "13333N3333");
        row("POST /api/v1/evaluations/{id}/callback", "13333N3333");
        row("GET /api/v1/portal/progress", "PPPPPPPPPP");
        row("GET /api/v1/licenses/verify", "PPPPPPPPPP");
        row("GET /api/v1/licenses/{no}/pdf", "1NNNNNNNNN");
        row("POST /api/v1/licenses/{no}/receipt", "1NN3333333");
        row("GET /api/v1/notifications", "1PPPPPPPPP");
        row("GET /api/v1/notifications/unread", "1PPPPPPPPP");
        row("POST /api/v1/notifications/{id}/read", "1PPPPPPPPP");
        row("GET /api/v1/notifications/events", "1PPPPPPPPP");
        // 智能推送 (issue 15): applicants follow items; {code} is the province item "46", not an item: 404 once allowed.
        row("GET /api/v1/push/subscriptions", "1PP3333333");
        row("GET /api/v1/push/subscriptions/{code}", "1NN3333333");
        row("PUT /api/v1/push/subscriptions/{code}", "1NN3333333");
        row("DELETE /api/v1/push/subscriptions/{code}", "1PP3333333");
        // Issue 20, helper "wallet": 我的证照 for applicants only; the popular items are public.
        row("GET /api/v1/licenses", "1PP3333333");
        row("GET /api/v1/portal/popular-items", "PPPPPPPPPP");
        row("GET /api/v1/catalog/items/{code}/guide", "PPPPPPPPPP");
        row("GET /api/v1/workbench/tasks", "133PPP3333");
        row("GET /api/v1/workbench/tasks/{taskId}", "133NNN3333");
        row("GET /api/v1/workbench/tasks/{taskId}/signers", "133NNN3333");
        row("GET /api/v1/workbench/events", "133PPP3333");
        row("POST /api/v1/workbench/tasks/{taskId}/{action}", "133NN33333");
        row("POST /api/v1/workbench/tasks/batch/{action}", "133PP33333");
        row("GET /api/v1/workbench/substitute", "133PP33333");
        row("PUT /api/v1/workbench/substitute", "133PP33333");
        row("DELETE /api/v1/workbench/substitute", "133PP33333");
        // Supervision centre (issue 14): indicators and cards for supervisors only, the portal's 办件公示 for everyone.
        row("GET /api/v1/supervision/indicators", "13333P3333");
        row("GET /api/v1/portal/statistics", "PPPPPPPPPP");
        // Cards (亮牌): {id} is a sample id, so supervisors get 404; answering and deciding are checked further in CardsTest.
        row("GET /api/v1/supervision/cards", "13333P3333");
        row("POST /api/v1/supervision/cards/{id}/answer", "13333N3333");
        row("POST /api/v1/supervision/cards/{id}/accept", "13333N3333");
        row("POST /api/v1/supervision/cards/{id}/reject", "13333N3333");
        // Step clocks, drill-down, exports and 绩效考核 (issue 14, helper "supervision"): supervisors only; {no} is the
        // applicant's real case; setting weights and closing a month are further limited to the province (AssessmentTest),
        // and {month} is malformed here (400) so that the matrix closes nothing.
        row("GET /api/v1/supervision/cases/{no}", "13333P3333");
        row("GET /api/v1/supervision/indicators/cases", "13333P3333");
        row("GET /api/v1/supervision/indicators/export", "13333P3333");
        row("GET /api/v1/supervision/assessment/indicators", "13333P3333");
        row("PUT /api/v1/supervision/assessment/indicators", "13333P3333");
        row("GET /api/v1/supervision/assessment/ranking", "13333P3333");
        row("GET /api/v1/supervision/assessment/ranking/export", "13333P3333");
        row("POST /api/v1/supervision/assessment/months/{month}/close", "13333P3333");
        // Smart search and the assistant (search/, assistant/): public search and questions; the synonym list is read
        // by item administrators and changed only by the province's ({id} 999999 does not exist: 404 once allowed).
        row("GET /api/v1/search", "PPPPPPPPPP");
        row("GET /api/v1/search/suggest", "PPPPPPPPPP");
        row("POST /api/v1/assistant/ask", "PPPPPPPPPP");
        row("GET /api/v1/admin/search/synonyms", "13333333PP");
        row("POST /api/v1/admin/search/synonyms", "133333333P");
        row("DELETE /api/v1/admin/search/synonyms/{id}", "133333333N");
        row("GET /api/v1/admin/search/misses", "13333333PP");
        // Bundles (一件事一次办): the catalogue's bundles are public; the province's item administrator composes them
        // (a city's item administrator may not); {no} of a bundle case is nobody's, so applicants get 404.
        row("GET /api/v1/catalog/bundles", "PPPPPPPPPP");
        row("GET /api/v1/catalog/bundles/{code}", "PPPPPPPPPP");
        row("PUT /api/v1/admin/bundles/{code}", "133333333P");
        row("POST /api/v1/bundle-cases", "1PP3333333");
        row("GET /api/v1/bundle-cases", "1PP3333333");
        row("GET /api/v1/bundle-cases/{no}", "1NN3333333");
        row("POST /api/v1/bundle-cases/{no}/materials", "1NN3333333");
        row("POST /api/v1/bundle-cases/{no}/submit", "1PP3333333");
        row("POST /api/v1/bundle-cases/{no}/withdraw", "1NN3333333");
        // 12345 hotline: {no} is a made-up ticket number, so callers who pass access control get 404. Agencies'
        // clerks sign and handle, applicants rate, the province's supervisor decides escalations; the centre's
        // operator and dispatcher are not among these callers (HotlineLifecycleTest covers them).
        row("GET /api/v1/hotline/classes", "PPPPPPPPPP");
        row("POST /api/v1/hotline/consultations", "PPPPPPPPPP");
        row("GET /api/v1/hotline/progress", "PPPPPPPPPP");
        row("POST /api/v1/hotline/tickets", "1PP3333333");
        row("GET /api/v1/hotline/tickets", "1PPPPP3333");
        row("GET /api/v1/hotline/tickets/{no}", "1NNNNNNNNN");
        row("POST /api/v1/hotline/tickets/{no}/answer", "1333333333");
        row("POST /api/v1/hotline/tickets/{no}/dispatch", "1333333333");
        row("POST /api/v1/hotline/tickets/{no}/merge", "1333333333");
        row("POST /api/v1/hotline/tickets/{no}/extension/decision", "1333333333");
        row("POST /api/v1/hotline/tickets/{no}/sign", "133NN33333");
        row("POST /api/v1/hotline/tickets/{no}/reply", "133NN33333");
        row("POST /api/v1/hotline/tickets/{no}/return", "133NN33333");
        row("POST /api/v1/hotline/tickets/{no}/extension", "133NN33333");
        row("POST /api/v1/hotline/tickets/{no}/rating", "1NN3333333");
        row("POST /api/v1/hotline/tickets/{no}/escalation/decision", "13333N3333");
        row("GET /api/v1/hotline/indicators", "13333P3333");
        row("GET /api/v1/hotline/duties", "13333333PP");
        row("PUT /api/v1/hotline/duties", "13333333PP");
        // 知识库: {id} is sample entry 1 (海南省人力资源和社会保障厅's), so agency clerks of 海口 and 三亚 may not change it.
        row("GET /api/v1/hotline/knowledge", "PPPPPPPPPP");
        row("GET /api/v1/hotline/knowledge/{id}", "PPPPPPPPPP");
        row("GET /api/v1/hotline/knowledge/entries", "133PP33333");
        row("POST /api/v1/hotline/knowledge/entries", "133PP33333");
        row("PUT /api/v1/hotline/knowledge/entries/{id}", "133NN33333");
        // Last: it ends each caller's session.
        row("POST /api/v1/auth/logout", "1PPPPPPPPP");
    }

    private static void row(String route, String expected) {
        MATRIX.put(route, expected);
    }

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final Map<String, Api> clients = new LinkedHashMap<>();
    private Objects objects;

    /**
     * Real objects the paths name: the demo applicant's application and one of its files; the province's staff
     * account, deployed model with a migration job and a test run, and item with a version of its history.
     */
    private record Objects(String applicationNo, long fileId, long staffId, long modelId, long jobId, long testRunId,
            String testRunTask, String itemCode, int itemVersion) {
    }

    @BeforeAll
    void logIn() {
        String applicantB = IdentityNumbers.generateIdCard("460107", LocalDate.of(1992, 7, 19), 555);
        new Api(port).post("/api/v1/auth/register", Map.of("idType", "ID_CARD", "idNumber", applicantB, "name", "吴乙方",
                "phone", "13807550000", "password", "Applicant-B-2026"));
        for (String caller : CALLERS) {
            clients.put(caller, switch (caller) {
                case "anonymous" -> new Api(port);
                case "applicantB" -> Personas.login(port, applicantB, "Applicant-B-2026");
                default -> Personas.login(port, caller);
            });
        }
        objects = objects(clients.get("applicant"));
    }

    private Objects objects(Api applicant) {
        Journeys journeys = new Journeys(port);
        JsonNode item = journeys.haikouLicensingItem();
        String no = journeys.draft(applicant, item, "4601");
        long file = 0;
        for (JsonNode m : item.path("materials")) {
            if (m.path("required").asBoolean()) {
                file = journeys.upload(applicant, no, m.path("id").asLong()).path("id").asLong();
            }
        }
        journeys.submit(applicant, no);

        Api admin = Personas.login(port, "admin");
        Api.Response staff = admin.post("/api/v1/admin/staff", Map.of("username", "matrix.target", "displayName", "省审查员",
                "agencyId", admin.get("/api/v1/auth/me").json().path("agencyId").asLong(), "roles", List.of("REVIEW"),
                "password", "Matrix-Target-2026"));
        assertThat(staff.status()).as(staff.body()).isEqualTo(201);

        Api.Response model = admin.upload(MODELS + "/import", "matrix.bpmn", standard("matrixProvince"), "application/xml", Map.of());
        assertThat(model.status()).as(model.body()).isEqualTo(201);
        long modelId = model.json().path("id").asLong();
        for (int version = 1; version <= 2; version++) {
            Api.Response deployed = admin.post(MODELS + "/" + modelId + "/deploy", "{}");
            assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
        }
        Api.Response job = admin.post(MODELS + "/" + modelId + "/migrations", Map.of("fromVersion", 1));
        assertThat(job.status()).as(job.body()).isEqualTo(202);
        Api.Response run = admin.post(MODELS + "/" + modelId + "/test-runs", "{}");
        assertThat(run.status()).as(run.body()).isEqualTo(201);

        String itemCode = new Api(port).get("/api/v1/catalog/items", "level", "PROVINCE").json().path("items").get(0)
                .path("code").asText();
        Api.Response republished = admin.post("/api/v1/admin/items/" + itemCode + "/publish",
                Map.of("version", admin.get("/api/v1/admin/items/" + itemCode).json().path("version").asInt()));
        assertThat(republished.status()).as(republished.body()).isEqualTo(200);
        assertThat(republished.json().path("regionCode").asText()).isEqualTo("46");
        return new Objects(no, file, staff.json().path("id").asLong(), modelId, job.json().path("id").asLong(),
                run.json().path("id").asLong(), run.json().path("tasks").get(0).path("taskId").asText(), itemCode,
                republished.json().path("version").asInt());
    }

    private static byte[] standard(String key) {
        try {
            return new String(new ClassPathResource("processes/standard.bpmn20.xml").getContentAsByteArray(), StandardCharsets.UTF_8)
                    .replace("<process id=\"standard\"", "<process id=\"" + key + "\"").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyApiRouteHasAnAccessDecision() {
        Set<String> routes = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/api/"))
                .forEach(p -> info.getMethodsCondition().getMethods().forEach(m -> routes.add(m.name() + " " + p))));
        assertThat(MATRIX.keySet()).as("routes in the matrix").containsExactlyInAnyOrderElementsOf(routes);
    }

    @Test
    void everyCallerGetsTheDesignedAnswer() {
        List<String> wrong = new ArrayList<>();
        MATRIX.forEach((route, expected) -> {
            for (int i = 0; i < CALLERS.size(); i++) {
                int status = call(clients.get(CALLERS.get(i)), route);
                char got = status == 401 ? '1' : status == 403 ? '3' : status == 404 ? 'N' : status < 500 ? 'P' : '5';
                if (got != expected.charAt(i)) {
                    wrong.add(route + " as " + CALLERS.get(i) + ": " + status + ", expected " + expected.charAt(i));
                }
            }
        });
        assertThat(wrong).isEmpty();
    }

    private int call(Api api, String route) {
        String[] parts = route.split(" ");
        String path = parts[1];
        if (path.startsWith("/api/v1/admin/staff/")) {
            path = path.replace("{id}", String.valueOf(objects.staffId()));
        } else if (path.startsWith(MODELS + "/jobs/")) {
            path = path.replace("{id}", String.valueOf(objects.jobId()));
        } else if (path.startsWith(MODELS + "/test-runs/")) {
            path = path.replace("{id}", String.valueOf(objects.testRunId())).replace("{taskId}", objects.testRunTask());
        } else if (path.startsWith(MODELS + "/templates/")) {
            path = path.replace("{key}", "standard");
        } else if (path.startsWith(MODELS + "/")) {
            path = path.replace("{id}", String.valueOf(objects.modelId()));
        } else if (path.startsWith("/api/v1/admin/items/") || path.startsWith("/api/v1/catalog/items/")) {
            path = path.replace("{code}", objects.itemCode()).replace("{version}", String.valueOf(objects.itemVersion()));
        } else if (path.startsWith("/api/v1/hotline/knowledge/")) {
            path = path.replace("{id}", "1");
        } else if (path.startsWith("/api/v1/catalog/bundles/") || path.startsWith("/api/v1/admin/bundles/")) {
            path = path.replace("{code}", "kaiban-canyindian");
        } else if (path.startsWith("/api/v1/applications/") || path.startsWith("/api/v1/supervision/cases/")) {
            path = path.replace("{no}", objects.applicationNo()).replace("{id}", String.valueOf(objects.fileId()));
        }
        path = path.replace("{code}", "46").replace("{id}", "999999").replace("{no}", "46010020261127000001Z")
                .replace("{taskId}", "no-such-task").replace("{action}", "claim").replace("{version}", "1")
                .replace("{key}", "noSuchForm").replace("{month}", "1999-13");
        if (path.startsWith("/api/v1/calendar/")) {
            path += "?from=2026-11-27&to=2026-12-01&days=3";
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString("{}");
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path)).header("Content-Type", "application/json")
                .method(parts[0], parts[0].equals("GET") ? HttpRequest.BodyPublishers.noBody() : body);
        return api.send(request).status();
    }
}
