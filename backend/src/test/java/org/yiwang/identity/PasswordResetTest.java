package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.MutableClock;
import org.yiwang.support.Personas;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.internet.MimeMessage;

/** 忘记密码 through a link mailed to the account's address. */
@IntegrationTest
class PasswordResetTest {

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> ServerSetupTest.SMTP.getPort());
        registry.add("yiwang.public-base-url", () -> "https://zwfw.example.cn/");
    }

    private static final Pattern LINK = Pattern.compile("https://zwfw\\.example\\.cn/reset-password\\?token=([A-Za-z0-9_-]{43})");
    private static final AtomicInteger SEQUENCE = new AtomicInteger(500);
    private static final String OLD = "Old-Pass-2026";
    private static final String NEW = "New-Pass-2027!";

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcTemplate db;

    /** A fresh applicant with an e-mail address; returns their identity number. */
    private String register(String email) {
        String id = IdentityNumbers.generateIdCard("460105", LocalDate.of(1985, 6, 1), SEQUENCE.getAndIncrement());
        Map<String, Object> body = new HashMap<>(Map.of("idType", "ID_CARD", "idNumber", id, "name", "林重置",
                "phone", "13812345678", "password", OLD));
        if (email != null) {
            body.put("email", email);
        }
        Api.Response created = new Api(port).post("/api/v1/auth/register", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return id;
    }

    /** A client from its own address, so that the tests do not share a throttle window. */
    private Api from(String address) {
        return new Api(port).header("X-Forwarded-For", address);
    }

    private String mailedToken(String to) throws Exception {
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).as("a reset mail arrives").isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[smtp.getReceivedMessages().length - 1];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(to);
        Matcher link = LINK.matcher(String.valueOf(mail.getContent()));
        assertThat(link.find()).as("the mail carries a link to the reset page: " + mail.getContent()).isTrue();
        return link.group(1);
    }

    private Api.Response login(String id, String password) {
        return new Api(port).post("/api/v1/auth/login", Map.of("username", id, "password", password));
    }

    @Test
    void aMailedLinkSetsANewPasswordOnceAndEndsEverySession() throws Exception {
        String id = register("lin.chongzhi@example.cn");
        Api loggedIn = new Api(port);
        Api.Response session = loggedIn.post("/api/v1/auth/login", Map.of("username", id, "password", OLD));
        assertThat(session.status()).isEqualTo(200);
        loggedIn.csrfToken(session.json().path("csrfToken").asText());

        Api anonymous = from("203.0.113.10");
        assertThat(anonymous.post("/api/v1/auth/password-reset", Map.of("account", id)).status()).isEqualTo(202);
        String token = mailedToken("lin.chongzhi@example.cn");
        assertThat(db.queryForObject("SELECT COUNT(*) FROM password_reset WHERE token_hash = ?", Integer.class, token))
                .as("only a hash of the token is stored").isZero();

        assertThat(anonymous.post("/api/v1/auth/password-reset/confirm", Map.of("token", token, "newPassword", NEW)).status())
                .isEqualTo(204);

        assertProblem(login(id, OLD), 401, "BAD_CREDENTIALS");
        assertThat(login(id, NEW).status()).isEqualTo(200);
        assertThat(loggedIn.get("/api/v1/auth/me").status()).as("the session from before the reset has ended").isEqualTo(401);
        assertProblem(anonymous.post("/api/v1/auth/password-reset/confirm", Map.of("token", token, "newPassword", "Third-Pass-2028")),
                400, "RESET_TOKEN_INVALID");
        assertThat(login(id, NEW).status()).as("a used link changes nothing").isEqualTo(200);
    }

    @Test
    void withoutAnEmailTheLinkGoesByTextMessageWhichTheDemoOutboxShowsOnlyWithTheDemoPassword() throws Exception {
        String id = register(null);
        assertThat(from("203.0.113.30").post("/api/v1/auth/password-reset", Map.of("account", id)).status()).isEqualTo(202);
        String outbox = "/api/v1/demo/outbox?phone=13812345678";
        assertProblem(new Api(port).get(outbox), 403, "FORBIDDEN");
        assertProblem(new Api(port).header("X-Demo-Password", "guess").get(outbox), 403, "FORBIDDEN");
        Api demo = new Api(port).header("X-Demo-Password", Personas.PASSWORD);
        assertProblem(demo.get("/api/v1/demo/outbox?phone=12"), 400, "INVALID_PARAMETER");

        Api.Response texts = demo.get(outbox);
        assertThat(texts.status()).isEqualTo(200);
        Matcher link = LINK.matcher(texts.json().get(0).path("text").asText());
        assertThat(link.find()).as("the newest text carries the link: " + texts.body()).isTrue();
        assertThat(from("203.0.113.30").post("/api/v1/auth/password-reset/confirm",
                Map.of("token", link.group(1), "newPassword", NEW)).status()).isEqualTo(204);
        assertThat(login(id, NEW).status()).isEqualTo(200);
        assertProblem(login(id, OLD), 401, "BAD_CREDENTIALS");
    }

    @Test
    void aLinkOlderThanThirtyMinutesIsRefused() throws Exception {
        String id = register("lin.guoqi@example.cn");
        Api anonymous = from("203.0.113.11");
        assertThat(anonymous.post("/api/v1/auth/password-reset", Map.of("account", id)).status()).isEqualTo(202);
        String token = mailedToken("lin.guoqi@example.cn");
        clock.advance(Duration.ofMinutes(31));
        try {
            assertProblem(anonymous.post("/api/v1/auth/password-reset/confirm", Map.of("token", token, "newPassword", NEW)),
                    400, "RESET_TOKEN_INVALID");
        } finally {
            clock.advance(Duration.ofMinutes(-31));
        }
        assertThat(login(id, OLD).status()).isEqualTo(200);
    }

    @Test
    void aWeakPasswordIsRefusedWithoutUsingUpTheLink() throws Exception {
        String id = register("lin.ruo@example.cn");
        Api anonymous = from("203.0.113.12");
        anonymous.post("/api/v1/auth/password-reset", Map.of("account", id));
        String token = mailedToken("lin.ruo@example.cn");
        assertProblem(anonymous.post("/api/v1/auth/password-reset/confirm", Map.of("token", token, "newPassword", "short")),
                400, "INVALID_PARAMETER");
        assertProblem(anonymous.post("/api/v1/auth/password-reset/confirm", Map.of("token", "x".repeat(43), "newPassword", NEW)),
                400, "RESET_TOKEN_INVALID");
        assertThat(anonymous.post("/api/v1/auth/password-reset/confirm", Map.of("token", token, "newPassword", NEW)).status())
                .isEqualTo(204);
        assertThat(login(id, NEW).status()).isEqualTo(200);
    }

    @Test
    void anUnknownAccountIsAnsweredExactlyLikeAKnownOneAndNothingIsSent() throws Exception {
        String known = register("lin.cunzai@example.cn");
        String unknown = IdentityNumbers.generateIdCard("460105", LocalDate.of(1985, 6, 2), 999);
        Api anonymous = from("203.0.113.13");

        Api.Response forUnknown = anonymous.post("/api/v1/auth/password-reset", Map.of("account", unknown));
        Api.Response forStaffName = anonymous.post("/api/v1/auth/password-reset", Map.of("account", "no.such.user"));
        assertThat(smtp.waitForIncomingEmail(1_500, 1)).as("no mail for an unknown account").isFalse();
        Api.Response forKnown = anonymous.post("/api/v1/auth/password-reset", Map.of("account", known));
        mailedToken("lin.cunzai@example.cn");

        for (Api.Response r : new Api.Response[] { forUnknown, forStaffName }) {
            assertThat(r.status()).isEqualTo(forKnown.status());
            assertThat(r.body()).isEqualTo(forKnown.body());
        }
    }

    @Test
    void manyRequestsFromOneAddressAreThrottledWhateverTheAccount() throws Exception {
        String known = register(null);
        Api anonymous = from("203.0.113.14");
        for (int i = 0; i < 10; i++) {
            assertThat(anonymous.post("/api/v1/auth/password-reset", Map.of("account", "nobody" + i)).status()).isEqualTo(202);
        }
        assertProblem(anonymous.post("/api/v1/auth/password-reset", Map.of("account", known)), 429, "TOO_MANY_REQUESTS");
        assertProblem(anonymous.post("/api/v1/auth/password-reset", Map.of("account", "nobody")), 429, "TOO_MANY_REQUESTS");
        assertThat(from("203.0.113.15").post("/api/v1/auth/password-reset", Map.of("account", known)).status())
                .as("another address is not affected").isEqualTo(202);
    }

    @Test
    void anAccountGetsAtMostThreeLinksInThirtyMinutes() throws Exception {
        String id = register("lin.sanci@example.cn");
        for (int i = 0; i < 4; i++) {
            assertThat(from("203.0.113." + (20 + i)).post("/api/v1/auth/password-reset", Map.of("account", id)).status())
                    .isEqualTo(202);
        }
        smtp.waitForIncomingEmail(10_000, 3);
        assertThat(smtp.waitForIncomingEmail(1_500, 4)).isFalse();
        assertThat(smtp.getReceivedMessages()).hasSize(3);
    }
}
