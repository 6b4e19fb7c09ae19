package org.yiwang.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.identity.DemoAccountsAccess;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Personas;

/**
 * The browser journeys of {@code frontend/e2e} (playwright-core driving Debian's chromium) against the whole
 * application with the built Vue app, on the MariaDB pass. The journeys save screenshots under
 * {@code frontend/target/e2e}.
 */
@IntegrationTest
@Tag("browser")
class BrowserJourneysTest {

    @LocalServerPort
    int port;

    @Test
    void everyJourneyPassesOnDesktopAndMobile() throws Exception {
        Path frontend = Path.of("..", "frontend").toAbsolutePath().normalize();
        String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
        assertThat(new File(chromium)).as("Debian's chromium (apt-get install chromium) drives the journeys").exists();
        Path bundledNode = frontend.resolve("target/node/node");
        String node = Files.isExecutable(bundledNode) ? bundledNode.toString() : "node";

        ProcessBuilder journeys = new ProcessBuilder(node, "e2e/run.mjs").directory(frontend.toFile()).redirectErrorStream(true);
        journeys.environment().put("YIWANG_BASE_URL", "http://localhost:" + port);
        journeys.environment().put("YIWANG_DEMO_PASSWORD", Personas.PASSWORD);
        journeys.environment().put("YIWANG_DEMO_ID_SUFFIX", DemoAccountsAccess.applicantId().substring(12));
        Process process = journeys.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = process.waitFor(25, TimeUnit.MINUTES);
        System.out.println(output);
        assertThat(finished).as("journeys finished in time").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("\\d+ passed, 0 failed");
    }
}
