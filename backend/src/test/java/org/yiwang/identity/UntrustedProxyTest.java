package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.yiwang.application.ApplicationNumbersAccess;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

/**
 * With the production setting (no trusted proxy configured) a client cannot choose its address by sending
 * X-Forwarded-For: throttles and the audit trail see the TCP peer.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "server.tomcat.remoteip.internal-proxies=",
        "yiwang.security.limits.progress-per-minute=3" })
class UntrustedProxyTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate db;

    private Api from(String address) {
        return new Api(port).header("X-Forwarded-For", address);
    }

    @Test
    void aForgedForwardedAddressDoesNotEscapeThePerAddressLimit() {
        String no = ApplicationNumbersAccess.number("46010620261201777777");
        for (int i = 1; i <= 3; i++) {
            assertProblem(from("198.51.100." + i).get("/api/v1/portal/progress", "applicationNo", no, "idSuffix", "123456"),
                    404, "NOT_FOUND");
        }
        assertProblem(from("198.51.100.4").get("/api/v1/portal/progress", "applicationNo", no, "idSuffix", "123456"),
                429, "TOO_MANY_REQUESTS");
    }

    @Test
    void theAuditTrailRecordsThePeerNotTheForgedAddress() {
        assertProblem(from("203.0.113.99").post("/api/v1/auth/login", Map.of("username", "forged.address", "password", "Guess-Pass-1")),
                401, "BAD_CREDENTIALS");
        String address = db.queryForObject("SELECT address FROM audit_log WHERE action = 'LOGIN_FAILED' ORDER BY id DESC LIMIT 1",
                String.class);
        assertThat(address).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(db.queryForObject("SELECT COUNT(*) FROM audit_log WHERE address = '203.0.113.99'", Integer.class)).isZero();
    }
}
