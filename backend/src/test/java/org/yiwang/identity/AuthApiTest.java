package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.MutableClock;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

@IntegrationTest
class AuthApiTest {

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;

    @Test
    void aClerkSeesWhoTheyAreAndWhatTheyMayDo() {
        Api clerk = Personas.login(port, "hk.accept");
        JsonNode me = clerk.get("/api/v1/auth/me").json();
        assertThat(me.path("kind").asText()).isEqualTo("STAFF");
        assertThat(me.path("agencyName").asText()).isEqualTo("海口市市场监督管理局");
        assertThat(me.path("roles").toString()).contains("ACCEPT");
        assertThat(me.path("permissions").toString()).contains("application:accept").doesNotContain("staff:manage");
        assertThat(me.path("csrfToken").asText()).hasSizeGreaterThan(30).isEqualTo(clerk.csrfToken());
    }

    @Test
    void anApplicantSeesTheirMaskedIdentityNumberOnly() {
        JsonNode me = Personas.login(port, "applicant").get("/api/v1/auth/me").json();
        assertThat(me.path("kind").asText()).isEqualTo("APPLICANT");
        assertThat(me.path("idNumber").asText()).matches("4690\\*{10}\\d{3}[0-9X]");
        assertThat(me.path("regionName").asText()).startsWith("海南省乐东黎族自治县");
        assertThat(me.toString()).doesNotContain(DemoAccounts.APPLICANT_ID);
    }

    @Test
    void anonymousCallersMustLogIn() {
        assertProblem(new Api(port).get("/api/v1/auth/me"), 401, "UNAUTHENTICATED");
        assertProblem(new Api(port).post("/api/v1/auth/logout", "{}"), 401, "UNAUTHENTICATED");
    }

    @Test
    void wrongPasswordsAndMissingFields() {
        Api api = new Api(port);
        assertProblem(api.post("/api/v1/auth/login", Map.of("username", "hk.review", "password", "nope-Nope-1")), 401, "BAD_CREDENTIALS");
        assertProblem(api.post("/api/v1/auth/login", Map.of("username", "nobody.here", "password", "nope-Nope-1")), 401, "BAD_CREDENTIALS");
        assertProblem(api.post("/api/v1/auth/login", Map.of("username", "hk.review")), 400, "CREDENTIALS_REQUIRED");
        assertProblem(api.post("/api/v1/auth/login", "not json"), 400, "BAD_REQUEST");
        Personas.login(port, "hk.review");
    }

    @Test
    void theSessionIdChangesAtLoginAndTheOldOneIsDead() {
        Api browser = Personas.login(port, "hk.approve");
        String first = browser.cookie(IdentityConfig.SESSION_COOKIE);
        assertThat(first).isNotBlank();
        Api.Response again = browser.post("/api/v1/auth/login", Map.of("username", "hk.approve", "password", Personas.PASSWORD));
        assertThat(again.status()).isEqualTo(200);
        String second = browser.cookie(IdentityConfig.SESSION_COOKIE);
        assertThat(second).isNotEqualTo(first);

        Api attacker = new Api(port);
        attacker.cookie(IdentityConfig.SESSION_COOKIE, first);
        assertProblem(attacker.get("/api/v1/auth/me"), 401, "UNAUTHENTICATED");
        Api holder = new Api(port);
        holder.cookie(IdentityConfig.SESSION_COOKIE, second);
        assertThat(holder.get("/api/v1/auth/me").status()).isEqualTo(200);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSite() {
        Api api = new Api(port);
        Api.Response response = api.post("/api/v1/auth/login", Map.of("username", "sy.accept", "password", Personas.PASSWORD));
        List<String> setCookie = response.raw().headers().allValues("Set-Cookie");
        assertThat(setCookie).anyMatch(c -> c.startsWith(IdentityConfig.SESSION_COOKIE + "=") && c.contains("HttpOnly")
                && c.toLowerCase().contains("samesite=lax"));
    }

    @Test
    void stateChangesWithoutTheCsrfTokenAreRefused() {
        Api clerk = Personas.login(port, "hk.review");
        String token = clerk.csrfToken();
        clerk.csrfToken(null);
        assertProblem(clerk.post("/api/v1/auth/logout", "{}"), 403, "CSRF_TOKEN_INVALID");
        clerk.csrfToken("forged-" + token);
        assertProblem(clerk.post("/api/v1/auth/logout", "{}"), 403, "CSRF_TOKEN_INVALID");
        clerk.csrfToken(token);
        assertThat(clerk.post("/api/v1/auth/logout", "{}").status()).isEqualTo(204);
        assertProblem(clerk.get("/api/v1/auth/me"), 401, "UNAUTHENTICATED");
    }

    @Test
    void logoutEndsTheSessionEverywhere() {
        Api browser = Personas.login(port, "supervisor");
        Api otherNode = new Api(port);
        otherNode.cookie(IdentityConfig.SESSION_COOKIE, browser.cookie(IdentityConfig.SESSION_COOKIE));
        assertThat(otherNode.get("/api/v1/auth/me").status()).isEqualTo(200);
        browser.post("/api/v1/auth/logout", "{}");
        assertProblem(otherNode.get("/api/v1/auth/me"), 401, "UNAUTHENTICATED");
    }

    @Test
    void theSixthWrongPasswordInARowIsRefusedEvenWithTheRightOne() {
        Api admin = Personas.login(port, "admin");
        long agencyId = admin.get("/api/v1/regions/4601/agencies").json().get(0).path("id").asLong();
        JsonNode created = admin.post("/api/v1/admin/staff", Map.of("username", "lock.me", "displayName", "测试员",
                "agencyId", agencyId, "roles", List.of("REVIEW"), "password", "Right-Pass-1")).json();

        Api attacker = new Api(port);
        for (int i = 0; i < 5; i++) {
            assertProblem(attacker.post("/api/v1/auth/login", Map.of("username", "lock.me", "password", "Wrong-Pass-" + i)),
                    401, "BAD_CREDENTIALS");
        }
        assertProblem(attacker.post("/api/v1/auth/login", Map.of("username", "lock.me", "password", "Right-Pass-1")),
                423, "ACCOUNT_LOCKED");

        JsonNode audit = Personas.login(port, "supervisor").get("/api/v1/audit", "action", "ACCOUNT_LOCKED").json();
        assertThat(audit.path("items").findValuesAsText("target")).contains("lock.me");

        assertThat(admin.post("/api/v1/admin/staff/" + created.path("id").asLong() + "/unlock", "{}").status()).isEqualTo(200);
        Personas.login(port, "lock.me", "Right-Pass-1");
    }

    @Test
    void theLockLiftsByItselfAfterFifteenMinutes() {
        Api admin = Personas.login(port, "admin");
        long agencyId = admin.get("/api/v1/regions/4602/agencies").json().get(0).path("id").asLong();
        admin.post("/api/v1/admin/staff", Map.of("username", "lock.wait", "displayName", "测试员",
                "agencyId", agencyId, "roles", List.of("ACCEPT"), "password", "Right-Pass-2"));
        Api attacker = new Api(port);
        for (int i = 0; i < 5; i++) {
            attacker.post("/api/v1/auth/login", Map.of("username", "lock.wait", "password", "Wrong-Pass-" + i));
        }
        Api.Response locked = attacker.post("/api/v1/auth/login", Map.of("username", "lock.wait", "password", "Right-Pass-2"));
        assertProblem(locked, 423, "ACCOUNT_LOCKED");
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(14 * 60, 15 * 60);
        clock.advance(Duration.ofMinutes(16));
        Personas.login(port, "lock.wait", "Right-Pass-2");
    }

    @Test
    void securityHeadersOnEveryAnswer() {
        Api.Response page = new Api(port).get("/");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'self'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        assertThat(page.header("X-Frame-Options")).isEqualTo("SAMEORIGIN");
        assertThat(new Api(port).get("/api/v1/catalog/items").header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void onlyTheEmbedPagesMayBeFramedByOtherSites() {
        for (String path : List.of("/embed/search", "/embed/progress")) {
            Api.Response embed = new Api(port).get(path);
            assertThat(embed.status()).isEqualTo(200);
            assertThat(embed.body()).contains("<div id=\"app\"");
            assertThat(embed.header("Content-Security-Policy")).contains("default-src 'self'").endsWith("frame-ancestors *");
            assertThat(embed.header("X-Frame-Options")).as(path).isNull();
        }
        for (String path : List.of("/search", "/progress", "/login", "/embed.js", "/api/v1/catalog/items")) {
            Api.Response other = new Api(port).get(path);
            assertThat(other.header("Content-Security-Policy")).as(path).endsWith("frame-ancestors 'self'");
            assertThat(other.header("X-Frame-Options")).as(path).isEqualTo("SAMEORIGIN");
        }
        assertThat(new Api(port).get("/embed.js").body()).contains("data-widget");
        assertThat(SecurityHeaders.checked(" https://www.hainan.gov.cn, https://*.haikou.gov.cn ,'self' "))
                .isEqualTo("https://www.hainan.gov.cn https://*.haikou.gov.cn 'self'");
        assertThatThrownBy(() -> SecurityHeaders.checked("https://a.gov.cn; script-src *")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecurityHeaders.checked(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failuresAreCountedPerSourceAddressAcrossAccounts() {
        Api botnet = new Api(port).header("X-Forwarded-For", "203.0.113.7");
        for (int i = 0; i < 20; i++) {
            assertProblem(botnet.post("/api/v1/auth/login", Map.of("username", "guess" + i, "password", "Guess-Pass-1")),
                    401, "BAD_CREDENTIALS");
        }
        Api.Response refused = botnet.post("/api/v1/auth/login", Map.of("username", "hk.head", "password", Personas.PASSWORD));
        assertProblem(refused, 429, "TOO_MANY_ATTEMPTS");
        assertThat(refused.header("Retry-After")).isEqualTo("900");
        Api elsewhere = new Api(port).header("X-Forwarded-For", "198.51.100.20");
        assertThat(elsewhere.post("/api/v1/auth/login", Map.of("username", "hk.head", "password", Personas.PASSWORD)).status())
                .isEqualTo(200);
    }
}
