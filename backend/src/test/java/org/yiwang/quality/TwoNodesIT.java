package org.yiwang.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.yiwang.support.AcceptanceTimers;
import org.yiwang.support.Api;
import org.yiwang.support.Await;
import org.yiwang.support.CaseConsistency;
import org.yiwang.support.JarNode;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Two nodes of the built jar on one MariaDB database (the MariaDB pass's server, database {@code <name>_cluster})
 * and one material folder, with the load spread over both: a session made on one node works on the other, of
 * clerks racing for one task on both nodes exactly one wins, a due timer fires once, and when one node is killed
 * its clients carry on on the other with their sessions and nothing is lost or doubled.
 * Runs after {@code package} (failsafe), once per build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesIT {

    private static final Path OUT = Path.of("target", "two-nodes");
    private static final String SESSION_COOKIE = "YIWANG_SESSION";

    private final String url = System.getProperty("mariadb.url", "jdbc:mysql://127.0.0.1:3306/yiwang_test");
    private final String server = url.substring(0, url.indexOf('/', "jdbc:mysql://".length()) + 1);
    private final String database = url.substring(server.length()).replaceAll("\\?.*", "") + "_cluster";
    private final String dbUser = System.getProperty("mariadb.username", "root");
    private final String dbPassword = System.getProperty("mariadb.password", "");

    private JarNode a;
    private JarNode b;
    private Journeys j;
    private JsonNode item;

    @BeforeAll
    void startTwoNodes() throws Exception {
        try (Connection c = DriverManager.getConnection(server, dbUser, dbPassword); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + database + "`");
            s.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        // The first node creates the schema and loads the reference data; the second finds them in place.
        a = start("a");
        b = start("b");
        j = new Journeys(a.port);
        item = j.haikouLicensingItem();
    }

    private JarNode start(String name) throws Exception {
        return JarNode.start(JarNode.builtJar(), server + database, dbUser, dbPassword, Map.of(
                "SPRING_PROFILES_ACTIVE", "demo", "YIWANG_DEMO_PASSWORD", Personas.PASSWORD,
                "YIWANG_STORAGE_DIR", OUT.resolve("materials").toAbsolutePath().toString()), OUT.resolve("node-" + name + ".log"));
    }

    @AfterAll
    void stopNodes() throws SQLException {
        for (JarNode node : new JarNode[] { a, b }) {
            if (node != null) {
                node.close();
            }
        }
        try (Connection c = DriverManager.getConnection(server, dbUser, dbPassword); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + database + "`");
        }
    }

    @Test
    @Order(1)
    void aSessionMadeOnOneNodeWorksOnTheOtherAndALogoutEndsItOnBoth() {
        Api onA = Personas.login(a.port, "hk.accept");
        Api onB = sameSession(onA, b);
        JsonNode me = onB.get("/api/v1/auth/me").json();
        assertThat(me.path("username").asText()).isEqualTo("hk.accept");

        assertThat(onB.post("/api/v1/auth/logout", Map.of()).status()).isEqualTo(204);
        assertProblem(onA.get("/api/v1/auth/me"), 401, "UNAUTHENTICATED");
    }

    @Test
    @Order(2)
    void ofFourClerksOnTwoNodesRacingForEachTaskExactlyOneWins() throws Exception {
        List<String> applications = applyOnBothNodes(8);
        List<Api> clerks = List.of(Personas.login(a.port, "hk.accept"), Personas.login(b.port, "hk.accept"),
                Personas.login(a.port, "hk.accept"), Personas.login(b.port, "hk.accept"));
        ExecutorService race = Executors.newFixedThreadPool(clerks.size());
        try {
            for (String no : applications) {
                String taskId = j.task(clerks.get(0), no);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Api.Response>> answers = new ArrayList<>();
                for (Api clerk : clerks) {
                    answers.add(race.submit(() -> {
                        go.await();
                        return clerk.post("/api/v1/workbench/tasks/" + taskId + "/accept", Map.of("opinion", "受理"));
                    }));
                }
                go.countDown();
                List<Api.Response> outcome = new ArrayList<>();
                for (Future<Api.Response> answer : answers) {
                    outcome.add(answer.get(1, TimeUnit.MINUTES));
                }
                assertThat(outcome).extracting(Api.Response::status).as("%s", outcome).containsOnlyOnce(200)
                        .containsOnly(200, 409);
                outcome.stream().filter(r -> r.status() == 409).forEach(r -> assertThat(r.json().path("code").asText()).isNotBlank());
                JsonNode application = j.application(clerks.get(1), no);
                assertThat(application.path("status").asText()).isEqualTo("ACCEPTED");
                assertThat(Journeys.actions(application)).as(no).containsOnlyOnce("ACCEPT");
            }
        } finally {
            race.shutdownNow();
        }
        try (Connection sql = connect()) {
            assertThat(CaseConsistency.violations(sql, applications)).isEmpty();
        }
    }

    @Test
    @Order(3)
    void aDueTimerFiresOnceThoughBothNodesRunTheirTimers() throws Exception {
        List<String> applications = applyOnBothNodes(6);
        // Both nodes' job executors poll the timer table; the acceptance deadline passes for these six now.
        try (Connection sql = connect()) {
            for (String no : applications) {
                assertThat(AcceptanceTimers.makeDue(sql, no)).as("the acceptance timer of %s", no).isEqualTo(1);
            }
        }
        Api applicant = Personas.login(b.port, "applicant");
        for (String no : applications) {
            JsonNode application = AcceptanceTimers.awaitDecided(j, applicant, no, Duration.ofSeconds(90));
            assertThat(application.path("status").asText()).as("%s deemed accepted within 90 s", no).isEqualTo("ACCEPTED");
            assertThat(Journeys.actions(application)).as(no).containsOnlyOnce("DEEMED_ACCEPTED");
            assertThat(messages(applicant, no, "申请视为已受理")).as("the applicant is told once about %s", no).isEqualTo(1);
        }
        try (Connection sql = connect()) {
            assertThat(CaseConsistency.violations(sql, applications)).isEmpty();
        }
    }

    /** What the load sent: to which node, whether after the kill, and the answer. */
    record Sent(String node, boolean afterKill, String request, int status, String body) {
    }

    @Test
    @Order(4)
    void whenOneNodeIsKilledMidLoadItsClientsCarryOnOnTheOtherWithTheirSessions() throws Exception {
        Queue<Sent> sent = new ConcurrentLinkedQueue<>();
        Set<String> submitted = ConcurrentHashMap.newKeySet();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Map<String, Client> owners = new ConcurrentHashMap<>();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        List<Client> applicants = List.of(new Client(Personas.login(a.port, "applicant"), b),
                new Client(Personas.login(b.port, "company"), null), new Client(Personas.login(a.port, "company"), b));
        List<Client> clerks = List.of(new Client(Personas.login(a.port, "hk.accept"), b), new Client(Personas.login(b.port, "hk.accept"), null));

        ExecutorService load = Executors.newFixedThreadPool(applicants.size() + clerks.size());
        List<Future<?>> workers = new ArrayList<>();
        for (Client applicant : applicants) {
            workers.add(load.submit(() -> {
                while (!stop.get()) {
                    Api.Response draft = applicant.send(sent, killed, "draft", api -> api.post("/api/v1/applications", Map.of(
                            "itemCode", item.path("code").asText(), "regionCode", "4601", "formData", Map.of("reason", "双节点"))));
                    if (draft.status() != 201) {
                        Thread.sleep(300);
                        continue;
                    }
                    String no = draft.json().path("applicationNo").asText();
                    for (JsonNode m : item.path("materials")) {
                        if (m.path("required").asBoolean()) {
                            applicant.send(sent, killed, "upload", api -> api.upload("/api/v1/applications/" + no + "/materials",
                                    "scan.png", Journeys.PNG, "image/png", Map.of("materialId", m.path("id").asText())));
                        }
                    }
                    String key = UUID.randomUUID().toString();
                    if (applicant.send(sent, killed, "submit", api -> api.send(HttpRequest.newBuilder(
                            api.uri("/api/v1/applications/" + no + "/submit")).header("Idempotency-Key", key)
                            .POST(HttpRequest.BodyPublishers.noBody()))).status() == 200) {
                        owners.put(no, applicant);
                        submitted.add(no);
                    }
                }
                return null;
            }));
        }
        for (Client clerk : clerks) {
            workers.add(load.submit(() -> {
                while (!stop.get()) {
                    Api.Response todo = clerk.send(sent, killed, "todo", api -> api.get("/api/v1/workbench/tasks", "view", "todo", "size", 50));
                    for (JsonNode t : todo.status() == 200 ? todo.json().path("items") : List.<JsonNode>of()) {
                        String no = t.path("applicationNo").asText();
                        if (submitted.contains(no) && !accepted.contains(no)) {
                            if (clerk.send(sent, killed, "accept", api -> api.post("/api/v1/workbench/tasks/" + t.path("taskId").asText()
                                    + "/accept", Map.of("opinion", "受理"))).status() == 200) {
                                accepted.add(no);
                            }
                            break;
                        }
                    }
                    Thread.sleep(100);
                }
                return null;
            }));
        }
        Await.atLeastThenUntil(Duration.ofSeconds(5), Duration.ofSeconds(90),
                () -> sent.stream().filter(s -> s.request().equals("submit") && s.status() == 200).count() >= 4);
        a.kill();
        killed.set(true);
        Await.atLeastThenUntil(Duration.ofSeconds(5), Duration.ofSeconds(90), () -> sent.stream().anyMatch(
                s -> s.afterKill() && s.node().equals("a→b") && s.request().equals("submit") && s.status() == 200)
                && sent.stream().filter(s -> s.afterKill() && s.request().equals("accept") && s.status() == 200).count() >= 2);
        stop.set(true);
        load.shutdown();
        assertThat(load.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        for (Future<?> w : workers) {
            w.get();
        }

        assertThat(sent).as("the load ran on both nodes").anyMatch(s -> s.node().equals("a")).anyMatch(s -> s.node().equals("b"));
        assertThat(sent).as("no server error on either node").noneMatch(s -> s.status() >= 500);
        assertThat(sent).as("after the kill, node b takes submissions and acceptances")
                .anyMatch(s -> s.afterKill() && s.request().equals("submit") && s.status() == 200)
                .anyMatch(s -> s.afterKill() && s.request().equals("accept") && s.status() == 200);
        assertThat(applicants.get(0).failedOver() && clerks.get(0).failedOver()).as("node a's clients moved to node b").isTrue();
        assertThat(sent).as("the clients of node a carried on on node b in their sessions")
                .anyMatch(s -> s.afterKill() && s.node().equals("a→b") && s.request().equals("submit") && s.status() == 200);

        try (Connection sql = connect()) {
            assertThat(CaseConsistency.violations(sql, submitted)).isEmpty();
        }
        Api review = Personas.login(b.port, "hk.review");
        Api accept = Personas.login(b.port, "hk.accept");
        for (String no : submitted) {
            String status = j.application(owners.get(no).api(), no).path("status").asText();
            assertThat(status).as(no).isIn("SUBMITTED", "ACCEPTED");
            if (accepted.contains(no)) {
                assertThat(status).as("%s was accepted by a clerk", no).isEqualTo("ACCEPTED");
            }
            j.task(status.equals("SUBMITTED") ? accept : review, no);
        }
    }

    /**
     * A browser session on one node; when that node stops answering, the load balancer would send it to the other
     * node, which knows the session: the same cookie and CSRF token go there and the request is sent again.
     */
    private final class Client {

        private volatile Api api;
        private volatile String node;
        private final Api fallback;

        Client(Api api, JarNode fallback) {
            this.api = api;
            this.node = api.uri("/").getPort() == a.port ? "a" : "b";
            this.fallback = fallback == null ? null : sameSession(api, fallback);
        }

        Api api() {
            return api;
        }

        boolean failedOver() {
            return api == fallback;
        }

        Api.Response send(Queue<Sent> sent, AtomicBoolean killed, String request, Function<Api, Api.Response> call) {
            boolean afterKill = killed.get();
            Api.Response r;
            try {
                r = call.apply(api);
            } catch (AssertionError e) {
                if (fallback == null || !(e.getCause() instanceof IOException)) {
                    throw e;
                }
                api = fallback;
                node = "a→b";
                afterKill = true;
                r = call.apply(api);
            }
            sent.add(new Sent(node, afterKill, request, r.status(), r.body()));
            return r;
        }
    }

    /** The same browser session (cookie and CSRF token) presented to another node. */
    private static Api sameSession(Api session, JarNode node) {
        Api other = new Api(node.port);
        other.cookie(SESSION_COOKIE, session.cookie(SESSION_COOKIE));
        other.csrfToken(session.csrfToken());
        return other;
    }

    /** Applications submitted by the applicant, alternately through node a and node b. */
    private List<String> applyOnBothNodes(int count) {
        Api[] applicants = { Personas.login(a.port, "applicant"), Personas.login(b.port, "applicant") };
        List<String> applications = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            applications.add(j.apply(applicants[i % 2], item, "4601"));
        }
        return applications;
    }

    private static int messages(Api applicant, String no, String title) {
        int count = 0;
        for (int page = 1;; page++) {
            JsonNode inbox = applicant.get("/api/v1/notifications", "page", page, "size", 100).json();
            for (JsonNode n : inbox.path("items")) {
                if (no.equals(n.path("applicationNo").asText()) && n.path("title").asText().startsWith(title + " · ")) {
                    count++;
                }
            }
            if (page * 100 >= inbox.path("total").asLong()) {
                return count;
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(server + database, dbUser, dbPassword);
    }
}
