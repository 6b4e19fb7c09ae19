package org.yiwang.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

@IntegrationTest
class PlatformApiTest {

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void healthAndApiDocs() {
        assertThat(api.get("/actuator/health").json().path("status").asText()).isEqualTo("UP");
        assertThat(api.get("/v3/api-docs").json().path("paths").has("/api/v1/catalog/items")).isTrue();
    }

    @Test
    void thePublicRoutesOtherPortalsEmbedAreDescribedInTheApiDocs() {
        com.fasterxml.jackson.databind.JsonNode paths = api.get("/v3/api-docs").json().path("paths");
        for (String path : new String[] { "/api/v1/catalog/items", "/api/v1/catalog/items/{code}",
                "/api/v1/catalog/items/{code}/process", "/api/v1/portal/progress", "/api/v1/licenses/verify" }) {
            assertThat(paths.path(path).path("get").path("description").asText()).as(path).isNotBlank();
        }
    }

    @Test
    void unknownRoutesAndWrongMethodsAreProblemDetails() {
        assertProblem(api.get("/api/v1/no-such-thing"), 404, "NOT_FOUND");
        assertProblem(api.post("/api/v1/calendar/working-days/add", "{}"), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void pageRoutesServeTheVueApp() {
        for (String page : new String[] { "/", "/search", "/items/XK0001-4601", "/login", "/workbench/tasks" }) {
            Api.Response response = api.get(page);
            assertThat(response.status()).as(page).isEqualTo(200);
            assertThat(response.body()).as(page).contains("<!doctype html>".substring(0, 9));
        }
    }
}
