package org.yiwang.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
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
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yiwang.support.AcceptanceTimers;
import org.yiwang.support.Api;
import org.yiwang.support.Await;
import org.yiwang.support.CaseConsistency;
import org.yiwang.support.GaleraCluster;
import org.yiwang.support.JarNode;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The platform on a three-node MariaDB Galera cluster of this test's own: two application nodes (the built jar),
 * each on a different database node with the others as failover, applicants and clerks under load on both. Then
 * the database node under application node B is killed (SIGKILL) and later rejoins; then application node A is
 * killed. Every request answers (200, a 4xx of the race, or 503 with Retry-After while a node fails over — never
 * a 500); nothing is lost or doubled on any database node, the rejoined node holds the same rows as the others,
 * and a due deadline timer fires exactly once. Runs after {@code package} (failsafe), on the MariaDB pass only.
 */
class GaleraClusterIT {

    private static final Path OUT = Path.of("target", "galera");
    private static final String DATABASE = "yiwang_galera";

    /** One answer of the load: the phase it was sent in, the node, the request and what came back. */
    record Answer(String phase, String node, String request, int status, String contentType, String retryAfter, String body) {
    }

    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final Set<String> submitted = ConcurrentHashMap.newKeySet();
    private final Map<String, String> unsubmitted = new ConcurrentHashMap<>();
    private final Set<String> deadNodes = ConcurrentHashMap.newKeySet();
    private volatile String phase = "before";
    private volatile boolean stop;

    @Test
    void nothingIsLostOrDoubledWhenADatabaseNodeDiesAndRejoinsAndAnApplicationNodeDies() throws Exception {
        try (GaleraCluster cluster = GaleraCluster.start(3, OUT)) {
            try (Connection c = cluster.connect(0, "mysql"); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            }
            try (JarNode a = start(cluster.jdbcUrl(DATABASE, 0, 2, 1), "a");
                 JarNode b = start(cluster.jdbcUrl(DATABASE, 1, 2, 0), "b")) {
                try (Connection sql = cluster.connect(2, DATABASE)) {
                    assertThat(tablesWithoutPrimaryKey(sql)).as("Galera replicates rows by their primary key").isEmpty();
                }
                Journeys j = new Journeys(a.port);
                JsonNode item = j.haikouLicensingItem();

                ExecutorService load = Executors.newFixedThreadPool(4);
                List<Future<?>> workers = new ArrayList<>();
                for (JarNode node : List.of(a, b)) {
                    String name = node == a ? "a" : "b";
                    Api applicant = Personas.login(node.port, "applicant");
                    Api clerk = Personas.login(node.port, "hk.accept");
                    workers.add(load.submit(() -> applyRepeatedly(name, new Journeys(node.port), applicant, item)));
                    workers.add(load.submit(() -> acceptRepeatedly(name, clerk)));
                }
                Await.atLeastThenUntil(Duration.ofSeconds(5), Duration.ofMinutes(2), () -> succeeded("before", "b", "submit") >= 2);

                phase = "database node down";
                cluster.kill(1);
                Await.atLeastThenUntil(Duration.ofSeconds(5), Duration.ofMinutes(2),
                        () -> succeeded("database node down", "b", "submit") >= 2);

                phase = "database node rejoining";
                cluster.restart(1);
                phase = "rejoined";
                Await.atLeastThenUntil(Duration.ofSeconds(3), Duration.ofMinutes(2), () -> succeeded("rejoined", "a", "submit") >= 1);

                phase = "application node down";
                deadNodes.add("a");
                a.kill();
                Await.atLeastThenUntil(Duration.ofSeconds(3), Duration.ofMinutes(2),
                        () -> succeeded("application node down", "b", "submit") >= 2);
                stop = true;
                load.shutdown();
                assertThat(load.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
                for (Future<?> w : workers) {
                    w.get();
                }

                System.out.printf("Galera: %d answers, %d submitted; by status %s%n", answers.size(), submitted.size(),
                        answers.stream().collect(Collectors.groupingBy(Answer::status, Collectors.counting())));
                for (Answer r : answers) {
                    assertThat(r.status()).as("%s", r).isNotEqualTo(500);
                    if (r.status() >= 500) {
                        assertThat(r.status()).as("%s", r).isEqualTo(503);
                        assertThat(r.contentType()).as("%s", r).startsWith("application/problem+json");
                        assertThat(r.retryAfter()).as("%s", r).isNotBlank();
                        assertThat(r.body()).as("%s", r).doesNotContain("Exception").doesNotContain("SQL");
                    }
                }

                // What failed on the way is retried on the surviving node with its Idempotency-Key: once each.
                Journeys onB = new Journeys(b.port);
                Api applicantOnB = Personas.login(b.port, "applicant");
                for (var failed : unsubmitted.entrySet()) {
                    Api.Response r = submit(applicantOnB, failed.getKey(), failed.getValue());
                    assertThat(r.status()).as("retried submit of %s: %s", failed.getKey(), r.body()).isIn(200, 409);
                    if (r.status() == 200) {
                        submitted.add(failed.getKey());
                    }
                }

                // A deadline timer fires once, though the cluster lost a node and an application node on the way.
                String waiting = onB.apply(applicantOnB, item, "4601");
                submitted.add(waiting);
                try (Connection sql = cluster.connect(2, DATABASE)) {
                    assertThat(AcceptanceTimers.makeDue(sql, waiting)).isEqualTo(1);
                }
                JsonNode deemed = AcceptanceTimers.awaitDecided(onB, applicantOnB, waiting, Duration.ofSeconds(90));
                assertThat(Journeys.actions(deemed)).containsOnlyOnce("DEEMED_ACCEPTED");

                // Every database node, the rejoined one included, holds the same consistent cases.
                List<String> counts = new ArrayList<>();
                for (int node = 0; node < cluster.size(); node++) {
                    try (Connection sql = cluster.connect(node, DATABASE)) {
                        assertThat(CaseConsistency.violations(sql, submitted)).as("database node %d", node + 1).isEmpty();
                        counts.add(counts(sql));
                    }
                }
                assertThat(counts).as("rows on the three database nodes").containsOnly(counts.get(0));
                System.out.println("Galera: rows on every node " + counts.get(0));
            }
        }
    }

    private static JarNode start(String jdbcUrl, String name) throws Exception {
        return JarNode.start(JarNode.builtJar(), jdbcUrl, "root", "", Map.of(
                "SPRING_PROFILES_ACTIVE", "demo", "YIWANG_DEMO_PASSWORD", Personas.PASSWORD,
                "YIWANG_STORAGE_DIR", OUT.resolve("materials").toAbsolutePath().toString()), OUT.resolve("node-" + name + ".log"));
    }

    private static List<String> tablesWithoutPrimaryKey(Connection sql) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Statement s = sql.createStatement(); ResultSet r = s.executeQuery("SELECT t.TABLE_NAME FROM information_schema.TABLES t "
                + "WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE' AND NOT EXISTS (SELECT 1 FROM "
                + "information_schema.TABLE_CONSTRAINTS c WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME "
                + "AND c.CONSTRAINT_TYPE = 'PRIMARY KEY')")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        return tables;
    }

    private static String counts(Connection sql) throws Exception {
        try (Statement s = sql.createStatement(); ResultSet r = s.executeQuery("SELECT (SELECT COUNT(*) FROM application), "
                + "(SELECT COUNT(*) FROM ACT_RU_TASK), (SELECT COUNT(*) FROM ACT_HI_TASKINST), (SELECT COUNT(*) FROM ACT_RU_JOB), "
                + "(SELECT COUNT(*) FROM ACT_RU_TIMER_JOB)")) {
            r.next();
            return "applications " + r.getLong(1) + ", tasks " + r.getLong(2) + ", task history " + r.getLong(3) + ", jobs "
                    + r.getLong(4) + ", timers " + r.getLong(5);
        }
    }

    private long succeeded(String inPhase, String node, String request) {
        return answers.stream().filter(r -> r.phase().equals(inPhase) && r.node().equals(node)
                && r.request().startsWith(request) && r.status() == 200).count();
    }

    /** Draft, upload and submit, again and again, as in {@code DatabaseOutageIT}; a failed step starts over. */
    private void applyRepeatedly(String node, Journeys j, Api applicant, JsonNode item) {
        while (!stop && !deadNodes.contains(node)) {
            Api.Response draft = record(node, "draft", () -> applicant.post("/api/v1/applications", Map.of(
                    "itemCode", item.path("code").asText(), "regionCode", "4601", "formData", Map.of("reason", "集群演练"))));
            if (draft == null || draft.status() != 201) {
                pause();
                continue;
            }
            String no = draft.json().path("applicationNo").asText();
            boolean uploaded = true;
            for (JsonNode m : item.path("materials")) {
                if (uploaded && m.path("required").asBoolean()) {
                    Api.Response r = record(node, "upload", () -> applicant.upload("/api/v1/applications/" + no + "/materials",
                            "scan.png", Journeys.PNG, "image/png", Map.of("materialId", m.path("id").asText())));
                    uploaded = r != null && r.status() == 201;
                }
            }
            String key = UUID.randomUUID().toString();
            Api.Response r = uploaded ? record(node, "submit " + no, () -> submit(applicant, no, key)) : null;
            if (r != null && r.status() == 200) {
                submitted.add(no);
            } else if (uploaded) {
                unsubmitted.put(no, key);
                pause();
            }
        }
    }

    /** Accepts submitted applications from the todo list; the clerk on the other node races for the same tasks. */
    private void acceptRepeatedly(String node, Api clerk) {
        while (!stop && !deadNodes.contains(node)) {
            Api.Response todo = record(node, "todo", () -> clerk.get("/api/v1/workbench/tasks", "view", "todo", "size", 50));
            String taskId = null;
            if (todo != null && todo.status() == 200) {
                for (JsonNode t : todo.json().path("items")) {
                    if (submitted.contains(t.path("applicationNo").asText())) {
                        taskId = t.path("taskId").asText();
                        break;
                    }
                }
            }
            if (taskId == null) {
                pause();
                continue;
            }
            String task = taskId;
            record(node, "accept", () -> clerk.post("/api/v1/workbench/tasks/" + task + "/accept", Map.of("opinion", "受理")));
        }
    }

    private static Api.Response submit(Api applicant, String no, String key) {
        return applicant.send(HttpRequest.newBuilder(applicant.uri("/api/v1/applications/" + no + "/submit"))
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /**
     * Sends a request and notes its answer. A request to the application node this test killed gets no answer at
     * all (its clients would go to the other node); anything else without an answer fails the test.
     */
    private Api.Response record(String node, String request, Supplier<Api.Response> send) {
        String sent = phase;
        try {
            Api.Response r = send.get();
            answers.add(new Answer(sent, node, request, r.status(), r.header("Content-Type"), r.header("Retry-After"), r.body()));
            return r;
        } catch (AssertionError noAnswer) {
            if (deadNodes.contains(node)) {
                return null;
            }
            throw noAnswer;
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
