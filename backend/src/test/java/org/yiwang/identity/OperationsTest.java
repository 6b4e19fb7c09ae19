package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.yiwang.support.Api;
import org.yiwang.support.TestClockConfig;

/**
 * A real installation, without the demo profile, on a database of its own (an empty H2 in both passes: the
 * shared test database holds the demo accounts), told it runs behind HTTPS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:operations;MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;"
                + "NON_KEYWORDS=VALUE,YEAR,MONTH,DAY,KEY;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa", "spring.datasource.password=",
        "yiwang.security.secure-cookie=true" })
@ActiveProfiles("test")
@Import(TestClockConfig.class)
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsTest {

    private static final Pattern ONE_TIME = Pattern.compile("one-time password (Yw(?:-[A-Za-z0-9]{4}){4})");

    @LocalServerPort
    int port;
    @Autowired
    BootstrapAdmin bootstrap;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    @Order(1)
    void theFirstAdministratorIsCreatedOnceWithAOneTimePasswordToChange(CapturedOutput output) {
        assertThat(bootstrap.create("root")).isTrue();
        Matcher printed = ONE_TIME.matcher(output.getAll());
        assertThat(printed.find()).as(output.getAll()).isTrue();
        String password = printed.group(1);

        assertThat(jdbc.queryForList("SELECT a.username FROM account a JOIN account_role r ON r.account_id = a.id "
                + "WHERE r.role = 'SYS_ADMIN' AND a.must_change_password = TRUE", String.class)).containsExactly("root");
        Api.Response login = new Api(port).post("/api/v1/auth/login", Map.of("username", "root", "password", password));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.json().path("mustChangePassword").asBoolean()).isTrue();
        assertThat(login.json().path("roles").toString()).contains("SYS_ADMIN");
        assertThat(login.raw().headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("YIWANG_SESSION=").contains("Secure"));

        assertThat(bootstrap.create("root2")).as("an administrator exists").isFalse();
        assertThat(jdbc.queryForList("SELECT username FROM account", String.class)).containsExactly("root");
        assertThat(output.getAll()).contains("a system administrator exists already");
        assertThat(output.getAll().split(Pattern.quote(password), -1)).as("the password is printed once").hasSize(2);
    }

    @Test
    @Order(2)
    void behindHttpsBrowsersAreToldToUseHttpsOnly() {
        assertThat(new Api(port).get("/").header("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
        assertThat(new Api(port).get("/api/v1/catalog/items").header("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
    }

    @Test
    @Order(3)
    void theDemoProfileRefusesADatabaseWithAccountsOfItsOwn() {
        bootstrap.create("root");
        assertThatThrownBy(() -> new DemoDatabaseGuard(jdbc, java.time.Clock.systemUTC()).check())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The demo profile refuses this database")
                .hasMessageContaining("accounts the demo did not create");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM platform_marker", Long.class)).isZero();
    }
}
