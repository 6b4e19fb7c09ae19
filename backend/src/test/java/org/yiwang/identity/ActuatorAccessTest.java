package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

/** Only health is public; metrics and info are for operations staff. */
@IntegrationTest
class ActuatorAccessTest {

    @LocalServerPort
    int port;

    @Test
    void healthIsPublic() {
        assertThat(new Api(port).get("/actuator/health").status()).isEqualTo(200);
        assertThat(new Api(port).get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    @Test
    void metricsAreForTheOperationsRoleOnly() {
        assertProblem(new Api(port).get("/actuator/metrics"), 401, "UNAUTHENTICATED");
        assertProblem(new Api(port).get("/actuator/info"), 401, "UNAUTHENTICATED");
        assertProblem(Personas.login(port, "applicant").get("/actuator/metrics"), 403, "FORBIDDEN");
        assertProblem(Personas.login(port, "hk.accept").get("/actuator/metrics/jvm.memory.used"), 403, "FORBIDDEN");
        assertProblem(Personas.login(port, "admin").get("/actuator/metrics"), 403, "FORBIDDEN");

        Journeys j = new Journeys(port);
        Api ops = j.staff("ops.monitor", j.agencyId("4601", "海口市市场监督管理局"), "OPS");
        Api.Response metrics = ops.get("/actuator/metrics");
        assertThat(metrics.status()).as(metrics.body()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm.memory.used");
    }
}
