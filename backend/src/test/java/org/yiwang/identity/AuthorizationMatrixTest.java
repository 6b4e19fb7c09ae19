package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
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
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Personas;

/**
 * Every protected route called as every kind of caller. A route added without a row here fails the test,
 * so each new route gets an explicit access decision.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    /** Callers, in the order of the expectation strings below. */
    private static final List<String> CALLERS = List.of("anonymous", "applicant", "applicantB", "hk.accept", "sy.accept",
            "supervisor", "admin");

    /**
     * Expected answer per caller: 'P' passed access control (2xx, or 400/404/409 from the route itself),
     * '1' 401, '3' 403. Paths use sample values; ids that do not exist must still be guarded.
     */
    private static final Map<String, String> MATRIX = new LinkedHashMap<>();

    static {
        row("GET /api/v1/catalog/items", "PPPPPPP");
        row("GET /api/v1/catalog/items/{code}", "PPPPPPP");
        row("GET /api/v1/catalog/items/{code}/process", "PPPPPPP");
        row("GET /api/v1/catalog/facets", "PPPPPPP");
        row("GET /api/v1/catalog/life-events", "PPPPPPP");
        row("GET /api/v1/regions/{code}", "PPPPPPP");
        row("GET /api/v1/regions/{code}/children", "PPPPPPP");
        row("GET /api/v1/regions/{code}/agencies", "PPPPPPP");
        row("GET /api/v1/calendar/working-days/add", "PPPPPPP");
        row("GET /api/v1/calendar/working-days/between", "PPPPPPP");
        row("POST /api/v1/auth/login", "PPPPPPP");
        row("POST /api/v1/auth/register", "PPPPPPP");
        row("POST /api/v1/auth/password-reset", "PPPPPPP");
        row("POST /api/v1/auth/password-reset/confirm", "PPPPPPP");
        row("GET /api/v1/auth/me", "1PPPPPP");
        row("POST /api/v1/auth/password", "1PPPPPP");
        row("GET /api/v1/audit", "13333PP");
        row("GET /api/v1/admin/staff", "133333P");
        row("GET /api/v1/admin/staff/roles", "133333P");
        row("POST /api/v1/admin/staff", "133333P");
        row("PUT /api/v1/admin/staff/{id}/roles", "133333P");
        row("POST /api/v1/admin/staff/{id}/unlock", "133333P");
        row("POST /api/v1/admin/staff/{id}/reset-password", "133333P");
        row("POST /api/v1/admin/staff/{id}/disable", "133333P");
        row("POST /api/v1/admin/staff/{id}/enable", "133333P");
        row("POST /api/v1/admin/models/import", "133333P");
        row("GET /api/v1/admin/models", "133333P");
        row("GET /api/v1/admin/models/{id}", "133333P");
        row("PUT /api/v1/admin/models/{id}", "133333P");
        row("GET /api/v1/admin/models/{id}/validate", "133333P");
        row("POST /api/v1/admin/models/{id}/deploy", "133333P");
        row("GET /api/v1/admin/items", "133333P");
        row("POST /api/v1/admin/items", "133333P");
        row("GET /api/v1/admin/items/process-options", "133333P");
        row("GET /api/v1/admin/items/{code}", "133333P");
        row("PUT /api/v1/admin/items/{code}", "133333P");
        row("POST /api/v1/admin/items/{code}/publish", "133333P");
        row("POST /api/v1/admin/items/{code}/unpublish", "133333P");
        row("GET /api/v1/admin/items/{code}/versions", "133333P");
        row("GET /api/v1/admin/items/{code}/versions/{version}", "133333P");
        row("GET /api/v1/admin/forms", "133333P");
        row("POST /api/v1/admin/forms", "133333P");
        row("GET /api/v1/admin/forms/{key}", "133333P");
        row("GET /api/v1/admin/forms/{key}/versions/{version}", "133333P");
        row("GET /api/v1/admin/models/{id}/versions", "133333P");
        row("POST /api/v1/admin/models/{id}/migrations/dry-run", "133333P");
        row("POST /api/v1/admin/models/{id}/migrations", "133333P");
        row("GET /api/v1/admin/models/jobs/{id}", "133333P");
        row("POST /api/v1/admin/models/{id}/rollback", "133333P");
        row("GET /api/v1/admin/models/{id}/test-runs", "133333P");
        row("POST /api/v1/admin/models/{id}/test-runs", "133333P");
        row("GET /api/v1/admin/models/test-runs/{id}", "133333P");
        row("POST /api/v1/admin/models/test-runs/{id}/tasks/{taskId}/complete", "133333P");
        row("DELETE /api/v1/admin/models/test-runs/{id}", "133333P");
        row("POST /api/v1/applications", "1PP3333");
        row("PUT /api/v1/applications/{no}", "1PP3333");
        row("POST /api/v1/applications/{no}/materials", "1PP3333");
        row("DELETE /api/v1/applications/{no}/materials/{id}", "1PP3333");
        row("GET /api/v1/applications/reusable-materials", "1PP3333");
        row("POST /api/v1/applications/{no}/materials/reuse", "1PP3333");
        row("GET /api/v1/applications/{no}/license-options", "1PP3333");
        row("POST /api/v1/applications/{no}/materials/license", "1PP3333");
        row("POST /api/v1/applications/{no}/submit", "1PP3333");
        row("POST /api/v1/applications/{no}/withdraw", "1PP3333");
        row("POST /api/v1/applications/{no}/supplement", "1PP3333");
        row("GET /api/v1/applications", "1PP3333");
        row("GET /api/v1/applications/{no}", "1PPPPPP");
        row("GET /api/v1/applications/{no}/materials/{id}/content", "1PPPPPP");
        row("GET /api/v1/applications/{no}/diagram", "1PPPPPP");
        row("POST /api/v1/applications/{no}/evaluation", "1PP3333");
        row("GET /api/v1/applications/{no}/evaluation", "1PPPPPP");
        row("GET /api/v1/evaluations/rectifications", "13333P3");
        row("POST /api/v1/evaluations/{id}/rectify", "13333P3");
        row("POST /api/v1/evaluations/{id}/callback", "13333P3");
        row("GET /api/v1/portal/progress", "PPPPPPP");
        row("GET /api/v1/licenses/verify", "PPPPPPP");
        row("GET /api/v1/licenses/{no}/pdf", "1PPPPPP");
        row("GET /api/v1/notifications", "1PPPPPP");
        row("GET /api/v1/notifications/unread", "1PPPPPP");
        row("POST /api/v1/notifications/{id}/read", "1PPPPPP");
        row("GET /api/v1/workbench/tasks", "133PPP3");
        row("GET /api/v1/workbench/tasks/{taskId}", "133PPP3");
        row("GET /api/v1/workbench/tasks/{taskId}/signers", "133PPP3");
        row("GET /api/v1/workbench/events", "133PPP3");
        row("POST /api/v1/workbench/tasks/{taskId}/{action}", "133PP33");
        row("POST /api/v1/workbench/tasks/batch/{action}", "133PP33");
        row("GET /api/v1/workbench/substitute", "133PP33");
        row("PUT /api/v1/workbench/substitute", "133PP33");
        row("DELETE /api/v1/workbench/substitute", "133PP33");
        // Last: it ends each caller's session.
        row("POST /api/v1/auth/logout", "1PPPPPP");
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
                char got = status == 401 ? '1' : status == 403 ? '3' : status < 500 ? 'P' : '5';
                if (got != expected.charAt(i)) {
                    wrong.add(route + " as " + CALLERS.get(i) + ": " + status + ", expected " + expected.charAt(i));
                }
            }
        });
        assertThat(wrong).isEmpty();
    }

    private static int call(Api api, String route) {
        String[] parts = route.split(" ");
        String path = parts[1].replace("{code}", "46").replace("{id}", "999999").replace("{no}", "46010020261127000001Z")
                .replace("{taskId}", "no-such-task").replace("{action}", "claim").replace("{version}", "1")
                .replace("{key}", "noSuchForm");
        if (path.startsWith("/api/v1/catalog/items/")) {
            path = "/api/v1/catalog/items/XK0001-46";
        }
        if (path.startsWith("/api/v1/calendar/")) {
            path += "?from=2026-11-27&to=2026-12-01&days=3";
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString("{}");
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path)).header("Content-Type", "application/json")
                .method(parts[0], parts[0].equals("GET") ? HttpRequest.BodyPublishers.noBody() : body);
        return api.send(request).status();
    }
}
