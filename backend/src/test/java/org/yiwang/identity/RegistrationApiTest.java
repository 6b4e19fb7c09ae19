package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;

@IntegrationTest
class RegistrationApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate db;

    private static Map<String, Object> person(String idNumber) {
        Map<String, Object> body = new HashMap<>();
        body.put("idType", "ID_CARD");
        body.put("idNumber", idNumber);
        body.put("name", "符海燕");
        body.put("phone", "13976543210");
        body.put("password", "Haiyan-2026!");
        body.put("regionCode", "469027100");
        return body;
    }

    @Test
    void aPersonRegistersOnceWithTheirIdentityNumberAndIsLoggedIn() {
        String id = IdentityNumbers.generateIdCard("460106", LocalDate.of(1990, 3, 8), 271);
        Api api = new Api(port);
        Api.Response created = api.post("/api/v1/auth/register", person(id));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode me = created.json();
        assertThat(me.path("kind").asText()).isEqualTo("APPLICANT");
        assertThat(me.path("idNumber").asText()).isEqualTo(Masking.idNumber(id)).doesNotContain(id.substring(6, 14));
        api.csrfToken(me.path("csrfToken").asText());
        assertThat(api.get("/api/v1/auth/me").status()).isEqualTo(200);

        // The one number logs in, in either case of the check character.
        Api again = new Api(port);
        assertThat(again.post("/api/v1/auth/login", Map.of("username", id.toLowerCase(), "password", "Haiyan-2026!")).status())
                .isEqualTo(200);

        assertProblem(new Api(port).post("/api/v1/auth/register", person(id)), 409, "ACCOUNT_EXISTS");
    }

    @Test
    void theRawDatabaseRowHoldsNoPlainIdentityOrPhoneNumber() {
        String id = IdentityNumbers.generateIdCard("469027", LocalDate.of(1975, 12, 1), 88);
        assertThat(new Api(port).post("/api/v1/auth/register", person(id)).status()).isEqualTo(201);
        String row = db.queryForList("SELECT * FROM account").toString();
        assertThat(row).doesNotContain(id).doesNotContain(id.substring(0, 17)).doesNotContain("13976543210");
        assertThat(db.queryForList("SELECT data FROM web_session", byte[].class).stream().map(String::new).toList())
                .noneMatch(s -> s.contains(id));
    }

    @Test
    void aCompanyRegistersWithItsUnifiedSocialCreditCode() {
        String uscc = IdentityNumbers.generateUscc("460100", "registration-test");
        Map<String, Object> body = person(uscc);
        body.put("idType", "USCC");
        body.put("name", "海南椰林贸易有限公司");
        body.put("regionCode", "4601");
        Api.Response created = new Api(port).post("/api/v1/auth/register", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("displayName").asText()).isEqualTo("海南椰林贸易有限公司");
    }

    @Test
    void invalidNumbersAreRefusedWithTheRuleThatFailed() {
        String valid = IdentityNumbers.generateIdCard("460106", LocalDate.of(1990, 3, 8), 272);
        char wrongCheck = valid.charAt(17) == '1' ? '2' : '1';
        for (var c : List.of(
                List.of(valid.substring(0, 17) + wrongCheck, "校验"),
                List.of(valid.substring(0, 16), "18"),
                List.of("460106199002301234", "出生日期"))) {
            JsonNode problem = assertProblem(new Api(port).post("/api/v1/auth/register", person(c.get(0))), 400, "INVALID_ID_NUMBER");
            assertThat(problem.path("parameter").asText()).isEqualTo("idNumber");
            assertThat(problem.path("detail").asText()).contains(c.get(1));
        }
        Map<String, Object> weak = person(IdentityNumbers.generateIdCard("460106", LocalDate.of(1990, 3, 8), 273));
        weak.put("password", "password");
        assertThat(assertProblem(new Api(port).post("/api/v1/auth/register", weak), 400, "INVALID_PARAMETER")
                .path("parameter").asText()).isEqualTo("password");
        Map<String, Object> phone = person(IdentityNumbers.generateIdCard("460106", LocalDate.of(1990, 3, 8), 274));
        phone.put("phone", "12345");
        assertThat(assertProblem(new Api(port).post("/api/v1/auth/register", phone), 400, "INVALID_PARAMETER")
                .path("parameter").asText()).isEqualTo("phone");
        Map<String, Object> type = person(valid);
        type.put("idType", "PASSPORT");
        assertThat(assertProblem(new Api(port).post("/api/v1/auth/register", type), 400, "INVALID_PARAMETER")
                .path("parameter").asText()).isEqualTo("idType");
        assertThat(db.queryForObject("SELECT COUNT(*) FROM account WHERE display_name = '符海燕' AND id_number_hash IS NULL",
                Integer.class)).isZero();
    }
}
