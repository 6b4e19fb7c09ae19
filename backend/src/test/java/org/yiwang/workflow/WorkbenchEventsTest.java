package org.yiwang.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

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

    @Test
    void anonymousCallersAndApplicantsAreTurnedAway() {
        assertProblem(new Api(port).get("/api/v1/workbench/events"), 401, "UNAUTHENTICATED");
        assertProblem(Personas.login(port, "applicant").get("/api/v1/workbench/events"), 403, "FORBIDDEN");
    }
}
