package org.yiwang.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.yiwang.support.AcceptanceTimers;
import org.yiwang.support.Api;
import org.yiwang.support.Await;
import org.yiwang.support.CaseConsistency;
import org.yiwang.support.JarNode;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;
import org.yiwang.support.PrivateMariaDb;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The database dies under load and comes back: the built jar runs on a MariaDB server of this test's own, which
 * is killed (SIGKILL) while applicants submit and a clerk accepts, then started again on the same port and data.
 * During the outage every request answers 503 with a problem detail and Retry-After (never a 500, never a stack
 * trace) and health is DOWN; afterwards the application serves again by itself, the submissions that failed
 * succeed when retried with their Idempotency-Key, a due timer still fires, and nothing is half written.
 * Runs after {@code package} (failsafe), on the MariaDB pass only.
 */
class DatabaseOutageIT {

    private static final Path OUT = Path.of("target", "outage");

    /** Every answer the load got, with the phases it was sent and answered in. */
    record Answer(String sent, String answered, String request, int status, String contentType, String retryAfter, String body) {

        boolean touchedTheOutage() {
            // Sent or answered during it, or in flight all through it (sent before, answered after).
            return !sent.equals(answered) || sent.equals("outage");
        }
    }

    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final Queue<String> brokenAnswers = new ConcurrentLinkedQueue<>();
    private final Set<String> submitted = ConcurrentHashMap.newKeySet();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    /** Each application's applicant session. */
    private final Map<String, Api> owners = new ConcurrentHashMap<>();
    /** Applications whose submit failed, with the Idempotency-Key to retry it with. */
    private final Map<String, String> unsubmitted = new ConcurrentHashMap<>();
    private volatile String phase = "before";
    private volatile boolean stop;

    @Test
    void requestsAnswer503DuringAnOutageAndTheApplicationRecoversWithNothingHalfWritten() throws Exception {
        try (PrivateMariaDb db = PrivateMariaDb.install(OUT.resolve("mariadb.log"));
             JarNode node = JarNode.start(JarNode.builtJar(), db.jdbcUrl("yiwang_faults_outage"), "root", "", Map.of(
                     "SPRING_PROFILES_ACTIVE", "demo", "YIWANG_DEMO_PASSWORD", Personas.PASSWORD,
                     "YIWANG_STORAGE_DIR", OUT.resolve("materials").toAbsolutePath().toString()), OUT.resolve("node.log"))) {
            Journeys j = new Journeys(node.port);
            JsonNode item = j.haikouLicensingItem();
            List<Api> applicants = List.of(Personas.login(node.port, "applicant"), Personas.login(node.port, "applicant"),
                    Personas.login(node.port, "company"));
            Api clerk = Personas.login(node.port, "hk.accept");

            ExecutorService load = Executors.newFixedThreadPool(applicants.size() + 1);
            List<Future<?>> workers = new ArrayList<>();
            applicants.forEach(a -> workers.add(load.submit(() -> applyRepeatedly(j, a, item))));
            workers.add(load.submit(() -> acceptRepeatedly(clerk)));
            Await.atLeastThenUntil(Duration.ofSeconds(5), Duration.ofSeconds(90), () -> succeeded("before", "submit") >= 3);

            phase = "outage";
            db.kill();
            long down = System.nanoTime();
            node.awaitHealth("DOWN", Duration.ofSeconds(30));
            Thread.sleep(Math.max(0, 12_000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - down)));

            db.start();
            phase = "recovering";
            node.awaitHealth("UP", Duration.ofSeconds(60));
            phase = "after";
            Await.atLeastThenUntil(Duration.ofSeconds(5), Duration.ofSeconds(90),
                    () -> succeeded("after", "submit") >= 2 && succeeded("after", "accept") >= 2);
            stop = true;
            load.shutdown();
            assertThat(load.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
            assertThat(brokenAnswers).as("answers cut short").isEmpty();
            for (Future<?> w : workers) {
                w.get();
            }

            System.out.printf("%d answers; during the outage %d, of which 503: %d%n", answers.size(),
                    answers.stream().filter(Answer::touchedTheOutage).count(), answers.stream().filter(a -> a.status() == 503).count());
            assertThat(answers).as("the load ran").hasSizeGreaterThan(20);
            List<Answer> errors = answers.stream().filter(a -> a.status() >= 500).toList();
            assertThat(errors).as("503 answers during the outage").anyMatch(a -> a.answered().equals("outage") && a.status() == 503);
            for (Answer a : errors) {
                assertThat(a.status()).as("%s", a).isEqualTo(503);
                assertThat(a.contentType()).as("%s", a).startsWith("application/problem+json");
                assertThat(a.body()).as("%s", a).contains("\"code\":\"SERVICE_UNAVAILABLE\"")
                        .doesNotContain("Exception").doesNotContain("at org.").doesNotContain("SQL");
                assertThat(a.retryAfter()).as("%s", a).isEqualTo("5");
            }
            assertThat(answers).as("no request failed outside the outage")
                    .filteredOn(a -> a.status() >= 500 && !a.touchedTheOutage()).isEmpty();
            assertThat(answers).as("submissions succeed again after the outage")
                    .anyMatch(a -> a.sent().equals("after") && a.request().startsWith("submit") && a.status() == 200);
            assertThat(answers).as("acceptances succeed again after the outage")
                    .anyMatch(a -> a.sent().equals("after") && a.request().startsWith("accept") && a.status() == 200);

            // The applicants retry what failed, in the sessions they had before the outage, with the same
            // Idempotency-Key: each goes through once.
            for (var failed : unsubmitted.entrySet()) {
                Api.Response r = submit(owners.get(failed.getKey()), failed.getKey(), failed.getValue());
                assertThat(r.status()).as("retried submit of %s: %s", failed.getKey(), r.body()).isEqualTo(200);
                submitted.add(failed.getKey());
            }

            // The job executor came through the outage too: an acceptance deadline that passes now is acted on.
            Api applicant = owners.values().iterator().next();
            String waiting = j.apply(applicant, item, "4601");
            submitted.add(waiting);
            owners.put(waiting, applicant);
            try (Connection sql = db.connect("yiwang_faults_outage")) {
                assertThat(AcceptanceTimers.makeDue(sql, waiting)).isEqualTo(1);
                JsonNode deemed = AcceptanceTimers.awaitDecided(j, applicant, waiting, Duration.ofSeconds(90));
                assertThat(deemed.path("status").asText()).isEqualTo("ACCEPTED");
                assertThat(Journeys.actions(deemed)).containsOnlyOnce("DEEMED_ACCEPTED");

                assertThat(CaseConsistency.violations(sql, submitted)).isEmpty();
            }
            // What the applicants see agrees with the clerks' todo lists.
            Api accept = Personas.login(node.port, "hk.accept");
            Api review = Personas.login(node.port, "hk.review");
            for (String no : submitted) {
                JsonNode application = j.application(owners.get(no), no);
                String status = application.path("status").asText();
                assertThat(status).as(no).isIn("SUBMITTED", "ACCEPTED");
                if (accepted.contains(no)) {
                    assertThat(status).as("%s was accepted by the clerk", no).isEqualTo("ACCEPTED");
                }
                j.task(status.equals("SUBMITTED") ? accept : review, no);
            }
        }
    }

    private long succeeded(String sentIn, String request) {
        return answers.stream().filter(a -> a.sent().equals(sentIn) && a.request().startsWith(request) && a.status() == 200).count();
    }

    /** Draft, upload and submit, again and again; a failed step ends that attempt, as a person would start over. */
    private void applyRepeatedly(Journeys j, Api applicant, JsonNode item) {
        while (!stop) {
            Api.Response draft = record("draft", () -> applicant.post("/api/v1/applications", Map.of(
                    "itemCode", item.path("code").asText(), "regionCode", "4601", "formData", Map.of("reason", "停库演练"))));
            if (draft.status() != 201) {
                pause();
                continue;
            }
            String no = draft.json().path("applicationNo").asText();
            owners.put(no, applicant);
            boolean uploaded = true;
            for (JsonNode m : item.path("materials")) {
                if (uploaded && m.path("required").asBoolean()) {
                    uploaded = record("upload", () -> applicant.upload("/api/v1/applications/" + no + "/materials", "scan.png",
                            Journeys.PNG, "image/png", Map.of("materialId", m.path("id").asText()))).status() == 201;
                }
            }
            if (!uploaded) {
                pause();
                continue;
            }
            String key = UUID.randomUUID().toString();
            if (record("submit " + no, () -> submit(applicant, no, key)).status() == 200) {
                submitted.add(no);
            } else {
                unsubmitted.put(no, key);
                pause();
            }
        }
    }

    /** Accepts the submitted applications from the todo list, one at a time. */
    private void acceptRepeatedly(Api clerk) {
        while (!stop) {
            Api.Response todo = record("todo", () -> clerk.get("/api/v1/workbench/tasks", "view", "todo", "size", 50));
            String taskId = null;
            String no = null;
            if (todo.status() == 200) {
                for (JsonNode t : todo.json().path("items")) {
                    if (submitted.contains(t.path("applicationNo").asText())) {
                        taskId = t.path("taskId").asText();
                        no = t.path("applicationNo").asText();
                        break;
                    }
                }
            }
            if (taskId == null) {
                pause();
                continue;
            }
            String task = taskId;
            if (record("accept " + no, () -> clerk.post("/api/v1/workbench/tasks/" + task + "/accept",
                    Map.of("opinion", "受理"))).status() == 200) {
                accepted.add(no);
            }
        }
    }

    private static Api.Response submit(Api applicant, String no, String key) {
        return applicant.send(HttpRequest.newBuilder(applicant.uri("/api/v1/applications/" + no + "/submit"))
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Sends a request and notes its answer; an answer cut short (the server closed the connection) fails the test. */
    private Api.Response record(String request, Supplier<Api.Response> send) {
        String sent = phase;
        try {
            Api.Response r = send.get();
            answers.add(new Answer(sent, phase, request, r.status(), r.header("Content-Type"), r.header("Retry-After"), r.body()));
            return r;
        } catch (AssertionError broken) {
            brokenAnswers.add(sent + " " + request + ": " + broken.getMessage());
            throw broken;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
