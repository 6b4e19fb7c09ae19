package org.yiwang.support;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The built jar running as a process of its own on a free port, as it runs in production: one node of the
 * platform for the benchmarks, the two-node and the database-outage tests.
 */
public final class JarNode implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    public final int port;
    public final String baseUrl;
    /** Wall time from process start to the first {@code /actuator/health} answering UP. */
    public final Duration startToHealthy;

    private JarNode(Process process, Path log, int port, Duration startToHealthy) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.baseUrl = "http://127.0.0.1:" + port;
        this.startToHealthy = startToHealthy;
    }

    /** The jar {@code mvn package} built, handed to the tests that run after it as {@code -Dyiwang.jar}. */
    public static Path builtJar() {
        Path jar = Path.of(System.getProperty("yiwang.jar", "target/yiwang-backend-0.1.0-SNAPSHOT.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no built jar at " + jar.toAbsolutePath() + ": run after mvn package");
        }
        return jar;
    }

    /**
     * Starts the jar on {@code jdbcUrl} with the given environment (profiles, keys, demo password: environment
     * rather than arguments keeps secrets out of ps) and returns once it is healthy; its output goes to {@code log}.
     */
    public static JarNode start(Path jar, String jdbcUrl, String dbUser, String dbPassword, Map<String, String> environment,
            Path log) throws IOException, InterruptedException {
        int port = freePort();
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + dbUser,
                "--spring.datasource.password=" + dbPassword))
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()));
        pb.environment().putAll(environment);
        long t0 = System.nanoTime();
        Process process = pb.start();
        // Should the test JVM end without closing the node (Ctrl-C, a killed fork), the node ends with it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        JarNode node = new JarNode(process, log, port, null);
        try {
            node.awaitHealth("UP", START_TIMEOUT);
            Duration startToHealthy = Duration.ofNanos(System.nanoTime() - t0);
            // Ready once the start-up listeners (the demo accounts among them) have run.
            node.await("/actuator/health/readiness", "UP", START_TIMEOUT);
            return new JarNode(node.process, log, port, startToHealthy);
        } catch (IOException | InterruptedException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /** {@code /actuator/health}'s status now (UP, DOWN …), or null while the node does not answer. */
    public String health() throws InterruptedException {
        return status("/actuator/health");
    }

    private String status(String path) throws InterruptedException {
        try {
            var answer = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(15)).build(), BodyHandlers.ofString());
            return JSON.readTree(answer.body()).path("status").asText(null);
        } catch (IOException notAnswering) {
            return null;
        }
    }

    /** Waits until {@code /actuator/health} reports {@code status}; fails when the process ends or time runs out. */
    public void awaitHealth(String status, Duration timeout) throws IOException, InterruptedException {
        await("/actuator/health", status, timeout);
    }

    private void await(String path, String status, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node exited with " + process.exitValue() + ", see " + log);
            }
            if (status.equals(status(path))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("node: " + path + " not " + status + " after " + timeout + ", see " + log);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the node dies mid-request, as a crashed machine would, without shutting anything down. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM first so Spring shuts down gracefully; killed when it does not end in time. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
