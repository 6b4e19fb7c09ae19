package org.yiwang.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

/** The workbench's live to-do count as server-sent events (streams end after two seconds in tests). */
@IntegrationTest
class WorkbenchEventsTest {

    @LocalServerPort
    int port;

    private static long streamedCount(Api clerk) {
        Api.Response r = clerk.get("/api/v1/workbench/events");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/event-stream");
        Matcher todo = Pattern.compile("event:todo\\s*\\ndata:(\\d+)").matcher(r.body());
        assertThat(todo.find()).as(r.body()).isTrue();
        return Long.parseLong(todo.group(1));
    }

    @Test
    void aClerkGetsTheirToDoCountAndItFollowsNewWork() {
        Api clerk = Personas.login(port, "hk.accept");
        long before = streamedCount(clerk);
        assertThat(before).isEqualTo(clerk.get("/api/v1/workbench/tasks").json().path("total").asLong());
        Journeys j = new Journeys(port);
        j.apply(Personas.login(port, "applicant"), j.haikouLicensingItem(), "4601");
        assertThat(streamedCount(clerk)).isEqualTo(before + 1);
    }

    /** Kept here: a client that is no longer referenced closes its connections. */
    private final HttpClient http = HttpClient.newHttpClient();

    /** Opens the caller's stream and returns it once its first event arrived. */
    private InputStream openStream(Api clerk) throws IOException, InterruptedException {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(clerk.uri("/api/v1/workbench/events"))
                .header("Cookie", "YIWANG_SESSION=" + clerk.cookie("YIWANG_SESSION")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        InputStream body = r.body();
        StringBuilder first = new StringBuilder();
        while (!first.toString().contains("event:todo")) {
            int c = body.read();
            assertThat(c).as("stream ended before its first event: %s", first).isNotEqualTo(-1);
            first.append((char) c);
        }
        return body;
    }

    /** What the stream still sends; the connection may be cut once the session is gone. */
    private static String rest(InputStream stream) {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try {
            stream.transferTo(read);
        } catch (IOException e) {
            // Cut after the last event: what arrived is what the browser saw.
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theStreamEndsAtLogout() throws Exception {
        Api clerk = Personas.login(port, "hk.review");
        InputStream stream = openStream(clerk);
        assertThat(clerk.post("/api/v1/auth/logout", Map.of()).status()).isEqualTo(204);
        assertThat(rest(stream)).contains("event:ended");
    }

    @Test
    void theStreamEndsWhenAnAdministratorChangesTheRoles() throws Exception {
        Journeys j = new Journeys(port);
        Api clerk = j.staff("events.roles", j.agencyId("4601", "海口市市场监督管理局"), "REVIEW");
        Api admin = Personas.login(port, "admin");
        long id = admin.get("/api/v1/admin/staff", "q", "events.roles").json().path("items").get(0).path("id").asLong();
        InputStream stream = openStream(clerk);
        assertThat(admin.put("/api/v1/admin/staff/" + id + "/roles", Map.of("roles", List.of("ACCEPT"))).status()).isEqualTo(200);
        assertThat(rest(stream)).contains("event:ended");
    }

    @Test
    void anonymousCallersAndApplicantsAreTurnedAway() {
        assertProblem(new Api(port).get("/api/v1/workbench/events"), 401, "UNAUTHENTICATED");
        assertProblem(Personas.login(port, "applicant").get("/api/v1/workbench/events"), 403, "FORBIDDEN");
    }
}
