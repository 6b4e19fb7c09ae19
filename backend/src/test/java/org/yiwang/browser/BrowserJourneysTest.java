package org.yiwang.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.identity.DemoAccountsAccess;
import org.yiwang.supervision.card.CardService;
import org.yiwang.supervision.indicator.IndicatorAggregates;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.MutableClock;
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
    @Autowired
    MutableClock clock;
    @Autowired
    CardService cards;
    @Autowired
    IndicatorAggregates aggregates;

    /**
     * The supervision journey drills into an overdue step of a case in 海口: one is received and accepted 45 days back
     * on the test clock (its review step and the case are overdue now), carded and counted before the journeys run.
     */
    private void overdueCaseInHaikou() {
        Duration offset = Duration.between(Instant.now(), clock.instant());
        clock.set(clock.instant().minus(Duration.ofDays(45)));
        try {
            Journeys j = new Journeys(port);
            String no = j.apply(Personas.login(port, "applicant"), j.haikouLicensingItem(), "4601");
            Api accept = Personas.login(port, "hk.accept");
            j.step(accept, no, "accept", Map.of("opinion", "予以受理。"));
        } finally {
            clock.set(Instant.now().plus(offset));
        }
        cards.scan();
        aggregates.rebuild(LocalDate.now(clock).minusDays(46), LocalDate.now(clock));
    }

    @Test
    void everyJourneyPassesOnDesktopAndMobile() throws Exception {
        Path frontend = Path.of("..", "frontend").toAbsolutePath().normalize();
        String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
        assertThat(new File(chromium)).as("Debian's chromium (apt-get install chromium) drives the journeys").exists();
        Path bundledNode = frontend.resolve("target/node/node");
        String node = Files.isExecutable(bundledNode) ? bundledNode.toString() : "node";

        overdueCaseInHaikou();
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
