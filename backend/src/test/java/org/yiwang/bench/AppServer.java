package org.yiwang.bench;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The real built jar running as a separate process on a free port, as it runs in production. */
final class AppServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final HttpClient http;
    final String baseUrl;
    /** Wall time from process start to the first {@code /actuator/health} answering UP. */
    final Duration startToHealthy;
    /** The password of the demo accounts (applicant, hk.accept, ...) of this server. */
    final String demoPassword;
    /** Applications concluded on this server by a benchmark, for the ones that read them (public progress). */
    final List<String> concludedApplications = new CopyOnWriteArrayList<>();

    private AppServer(Process process, HttpClient http, String baseUrl, Duration startToHealthy, String demoPassword) {
        this.process = process;
        this.http = http;
        this.baseUrl = baseUrl;
        this.startToHealthy = startToHealthy;
        this.demoPassword = demoPassword;
    }

    /** Starts the jar on {@code jdbcUrl} and returns once it is healthy; the output is appended to {@code log}. */
    static AppServer start(BenchConfig config, String jdbcUrl, HttpClient http, Path log) throws IOException, InterruptedException {
        return start(config, jdbcUrl, http, log, randomKey(), randomKey());
    }

    /** As {@link #start}, with the keys of personal data at rest given: a database kept between runs needs the same ones. */
    static AppServer start(BenchConfig config, String jdbcUrl, HttpClient http, Path log, String dataKey, String hashKey)
            throws IOException, InterruptedException {
        int port = freePort();
        String baseUrl = "http://127.0.0.1:" + port;
        ProcessBuilder pb = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", config.jar().toString(),
                "--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + config.dbUser(),
                "--spring.datasource.password=" + config.dbPassword()))
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()));
        // Personal data is encrypted at rest and the jar refuses to start without keys; a database thrown away
        // after the run takes fresh random ones. Environment, not arguments, to keep them out of ps.
        pb.environment().put("YIWANG_SECURITY_DATA_KEY", dataKey);
        pb.environment().put("YIWANG_SECURITY_HASH_KEY", hashKey);
        // The demo profile seeds the accounts the lifecycle benchmark logs in as; the password is this run's own.
        String demoPassword = "Bench-" + randomKey().substring(0, 16);
        pb.environment().put("SPRING_PROFILES_ACTIVE", "demo");
        pb.environment().put("YIWANG_DEMO_PASSWORD", demoPassword);
        long t0 = System.nanoTime();
        Process process = pb.start();
        try {
            awaitHealthy(process, http, baseUrl, log);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(process);
            throw e;
        }
        return new AppServer(process, http, baseUrl, Duration.ofNanos(System.nanoTime() - t0), demoPassword);
    }

    private static void awaitHealthy(Process process, HttpClient http, String baseUrl, Path log)
            throws IOException, InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + " before it was healthy, see " + log);
            }
            try {
                var answer = http.send(health, BodyHandlers.ofString());
                if (answer.statusCode() == 200 && "UP".equals(JSON.readTree(answer.body()).path("status").asText())) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Connection refused until Tomcat is up; keep polling.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("server not healthy after " + START_TIMEOUT + ", see " + log);
    }

    /** Heap in use in the server now, in MiB, from actuator; null when metrics are not reachable. */
    Double heapUsedMib() {
        try {
            var answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/metrics/jvm.memory.used?tag=area:heap"))
                    .timeout(Duration.ofSeconds(5)).build(), BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return null;
            }
            JsonNode value = JSON.readTree(answer.body()).path("measurements").path(0).path("value");
            return value.isNumber() ? value.asDouble() / (1024 * 1024) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        stop(process);
    }

    /** SIGTERM first so Spring shuts down gracefully; kill if it does not end in time. */
    private static void stop(Process process) {
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

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
