package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.shiro.authc.credential.PasswordService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.yiwang.application.ApplicationNumbersAccess;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.MutableClock;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Limits against abuse, with limits low enough to reach: hashes at once, logins and registrations per address,
 * public progress queries per address and per application number, licence verification per address, JSON body
 * size. Each test acts from its own forwarded addresses (the test client on loopback is a trusted proxy).
 */
@IntegrationTest
@TestPropertySource(properties = {
        "yiwang.security.password-hashing.max-concurrent=2",
        "yiwang.security.password-hashing.max-wait=PT0.1S",
        "yiwang.security.limits.auth-per-minute=10",
        "yiwang.security.limits.progress-per-minute=5",
        "yiwang.security.limits.verify-per-minute=5",
        "yiwang.security.limits.progress-failures=3",
        "yiwang.security.limits.progress-first-lock=PT10M",
        "yiwang.security.limits.progress-max-lock=PT1H" })
class AbuseLimitsTest {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    PasswordService passwords;
    @Autowired
    MutableClock clock;

    /** A client from an address no other request of this class uses. */
    private Api fresh() {
        int n = ADDRESSES.incrementAndGet();
        return new Api(port).header("X-Forwarded-For", "192.0.2." + n);
    }

    private static Map<String, Object> person(int sequence) {
        Map<String, Object> body = new HashMap<>();
        body.put("idType", "ID_CARD");
        body.put("idNumber", IdentityNumbers.generateIdCard("460106", LocalDate.of(1985, 5, 17), sequence));
        body.put("name", "王海");
        body.put("phone", "13976540000");
        body.put("password", "Wang-Hai-2026!");
        return body;
    }

    @Test
    void sixtyFourLoginsAndRegistrationsAtOnceRunNoMoreHashesThanTheBoundAndTheServerStaysHealthy() throws Exception {
        BoundedPasswordService bounded = (BoundedPasswordService) passwords;
        assertThat(bounded.bound()).isEqualTo(2);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 64; i++) {
                Api client = fresh();
                int n = i;
                Callable<Api.Response> call = n % 2 == 0
                        ? () -> client.post("/api/v1/auth/login", Map.of("username", "hk.accept", "password", Personas.PASSWORD))
                        : () -> client.post("/api/v1/auth/register", person(500 + n));
                answers.add(pool.submit(call));
            }
            int busy = 0;
            for (Future<Api.Response> answer : answers) {
                Api.Response r = answer.get();
                assertThat(r.status()).as(r.body()).isIn(200, 201, 503);
                if (r.status() == 503) {
                    assertProblem(r, 503, "BUSY");
                    assertThat(r.header("Retry-After")).isEqualTo("2");
                    busy++;
                }
            }
            assertThat(busy).as("refused beyond the bound").isPositive();
        } finally {
            pool.shutdownNow();
        }
        assertThat(bounded.peak()).isEqualTo(2);
        assertThat(new Api(port).get("/actuator/health").json().path("status").asText()).isEqualTo("UP");
        assertThat(fresh().post("/api/v1/auth/login", Map.of("username", "hk.accept", "password", Personas.PASSWORD)).status())
                .isEqualTo(200);
        assertThat(fresh().post("/api/v1/auth/register", person(499)).status()).isEqualTo(201);
    }

    @Test
    void loginsAndRegistrationsArePacedPerAddressWhateverTheirOutcome() {
        Api client = fresh();
        for (int i = 0; i < 10; i++) {
            assertProblem(client.post("/api/v1/auth/login", Map.of("username", "hk.review")), 400, "CREDENTIALS_REQUIRED");
        }
        JsonNode refused = assertProblem(client.post("/api/v1/auth/login",
                Map.of("username", "hk.review", "password", Personas.PASSWORD)), 429, "TOO_MANY_REQUESTS");
        assertThat(refused.path("detail").asText()).contains("请求过于频繁");
        assertThat(Integer.parseInt(client.post("/api/v1/auth/login", Map.of("username", "hk.review")).header("Retry-After")))
                .isBetween(1, 6);
        assertProblem(client.post("/api/v1/auth/register", person(601)), 429, "TOO_MANY_REQUESTS");
        assertThat(fresh().post("/api/v1/auth/login", Map.of("username", "hk.review", "password", Personas.PASSWORD)).status())
                .isEqualTo(200);
    }

    @Test
    void wrongAnswersLockAnApplicationNumberWhateverTheAddressForLongerEachTime() {
        Journeys j = new Journeys(port);
        String no = j.apply(Personas.login(port, "applicant"), j.haikouLicensingItem(), "4601");
        String suffix = DemoAccountsAccess.applicantId().substring(12);
        assertThat(fresh().get("/api/v1/portal/progress", "applicationNo", no, "idSuffix", suffix).status()).isEqualTo(200);

        for (int i = 0; i < 3; i++) {
            assertProblem(fresh().get("/api/v1/portal/progress", "applicationNo", no, "idSuffix", "00000" + i), 404, "NOT_FOUND");
        }
        Api.Response locked = fresh().get("/api/v1/portal/progress", "applicationNo", no, "idSuffix", suffix);
        assertProblem(locked, 429, "TOO_MANY_ATTEMPTS");
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(590, 600);
        // Another number is not affected.
        assertProblem(fresh().get("/api/v1/portal/progress", "applicationNo", ApplicationNumbersAccess.number("46010620261201999999"),
                "idSuffix", suffix), 404, "NOT_FOUND");

        clock.advance(Duration.ofMinutes(11));
        assertThat(fresh().get("/api/v1/portal/progress", "applicationNo", no, "idSuffix", suffix).status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertProblem(fresh().get("/api/v1/portal/progress", "applicationNo", no, "idSuffix", "00001" + i), 404, "NOT_FOUND");
        }
        locked = fresh().get("/api/v1/portal/progress", "applicationNo", no, "idSuffix", suffix);
        assertProblem(locked, 429, "TOO_MANY_ATTEMPTS");
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(1190, 1200);
        clock.advance(Duration.ofMinutes(11));
        assertProblem(fresh().get("/api/v1/portal/progress", "applicationNo", no, "idSuffix", suffix), 429, "TOO_MANY_ATTEMPTS");
        clock.advance(Duration.ofMinutes(10));
        assertThat(fresh().get("/api/v1/portal/progress", "applicationNo", no, "idSuffix", suffix).status()).isEqualTo(200);
    }

    @Test
    void progressQueriesArePacedPerAddress() {
        Api client = fresh();
        for (int i = 0; i < 5; i++) {
            String no = ApplicationNumbersAccess.number("4601062026120188880" + i);
            assertProblem(client.get("/api/v1/portal/progress", "applicationNo", no, "idSuffix", "123456"), 404, "NOT_FOUND");
        }
        Api.Response refused = client.get("/api/v1/portal/progress", "applicationNo",
                ApplicationNumbersAccess.number("46010620261201888809"), "idSuffix", "123456");
        assertProblem(refused, 429, "TOO_MANY_REQUESTS");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 12);
        assertProblem(fresh().get("/api/v1/portal/progress", "applicationNo", ApplicationNumbersAccess.number("46010620261201888809"),
                "idSuffix", "123456"), 404, "NOT_FOUND");
    }

    @Test
    void licenceVerificationIsPacedPerAddress() {
        Api client = fresh();
        for (int i = 0; i < 5; i++) {
            JsonNode unknown = client.get("/api/v1/licenses/verify", "code", "ABCDEFGHJKMNPQR" + (2 + i)).json();
            assertThat(unknown.path("status").asText()).isEqualTo("UNKNOWN");
        }
        Api.Response refused = client.get("/api/v1/licenses/verify", "code", "ABCDEFGHJKMNPQRZ");
        assertProblem(refused, 429, "TOO_MANY_REQUESTS");
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(fresh().get("/api/v1/licenses/verify", "code", "ABCDEFGHJKMNPQRZ").json().path("valid").asBoolean()).isFalse();
    }

    @Test
    void aJsonBodyAboveTheLimitIsRefusedWith413WhileUploadsKeepTheirOwnLimit() {
        String big = "{\"username\":\"" + "x".repeat(300 * 1024) + "\",\"password\":\"p\"}";
        Api client = fresh();
        assertProblem(client.send(HttpRequest.newBuilder(client.uri("/api/v1/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(big))), 413, "PAYLOAD_TOO_LARGE");
        // Sent in chunks, with no length declared up front.
        assertProblem(client.send(HttpRequest.newBuilder(client.uri("/api/v1/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes())))),
                413, "PAYLOAD_TOO_LARGE");

        Journeys j = new Journeys(port);
        JsonNode item = j.haikouLicensingItem();
        Api applicant = Personas.login(port, "applicant");
        String no = j.draft(applicant, item, "4601");
        byte[] scan = java.util.Arrays.copyOf(Journeys.PNG, 300 * 1024);
        Api.Response uploaded = applicant.upload("/api/v1/applications/" + no + "/materials", "scan.png", scan, "image/png",
                Map.of("materialId", item.path("materials").get(0).path("id").asText()));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
    }

    @Test
    void aModelSavedFromTheModellerMayBeLargerThanOtherJsonBodies() {
        Api admin = Personas.login(port, "admin");
        String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" targetNamespace=\"http://yiwang.org/test\">";
        String process = "<process id=\"abuseLimitsLarge\" name=\"大模型\" isExecutable=\"true\"><startEvent id=\"start\"/></process>"
                + "</definitions>";
        Api.Response imported = admin.upload("/api/v1/admin/models/import", "model.bpmn",
                (head + process).getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/xml", Map.of());
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        String large = head + "<!-- " + "x".repeat(400 * 1024) + " -->" + process;
        Api.Response saved = admin.put("/api/v1/admin/models/" + imported.json().path("id").asLong(), Map.of("xml", large));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }
}
