package org.yiwang.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.yiwang.support.JarNode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The real built jar running as a separate process on a free port, as it runs in production. */
final class AppServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JarNode node;
    private final HttpClient http;
    private final BenchConfig config;
    private final String dataKey;
    private final String hashKey;
    final String baseUrl;
    /** Wall time from process start to the first {@code /actuator/health} answering UP. */
    final Duration startToHealthy;
    /** The password of the demo accounts (applicant, hk.accept, ...) of this server. */
    final String demoPassword;
    /** Applications concluded on this server by a benchmark, for the ones that read them (public progress). */
    final List<String> concludedApplications = new CopyOnWriteArrayList<>();

    private AppServer(JarNode node, HttpClient http, BenchConfig config, String dataKey, String hashKey, String demoPassword) {
        this.node = node;
        this.http = http;
        this.config = config;
        this.dataKey = dataKey;
        this.hashKey = hashKey;
        this.baseUrl = node.baseUrl;
        this.startToHealthy = node.startToHealthy;
        this.demoPassword = demoPassword;
    }

    /** Starts the jar on {@code jdbcUrl} and returns once it is healthy; the output is appended to {@code log}. */
    static AppServer start(BenchConfig config, String jdbcUrl, HttpClient http, Path log) throws IOException, InterruptedException {
        return start(config, jdbcUrl, http, log, randomKey(), randomKey());
    }

    /** As {@link #start}, with the keys of personal data at rest given: a database kept between runs needs the same ones. */
    static AppServer start(BenchConfig config, String jdbcUrl, HttpClient http, Path log, String dataKey, String hashKey)
            throws IOException, InterruptedException {
        // Personal data is encrypted at rest and the jar refuses to start without keys; a database thrown away
        // after the run takes fresh random ones. The demo profile seeds the accounts the lifecycle benchmark
        // logs in as; the password is this run's own.
        return start(config, jdbcUrl, http, log, dataKey, hashKey, "Bench-" + randomKey().substring(0, 16));
    }

    /**
     * A second application node on the same data (through {@code jdbcUrl}, e.g. another node of a cluster): it must
     * share the keys of personal data and the demo accounts' password with this one.
     */
    AppServer another(String jdbcUrl, Path log) throws IOException, InterruptedException {
        return start(config, jdbcUrl, http, log, dataKey, hashKey, demoPassword);
    }

    private static AppServer start(BenchConfig config, String jdbcUrl, HttpClient http, Path log, String dataKey, String hashKey,
            String demoPassword) throws IOException, InterruptedException {
        JarNode node = JarNode.start(config.jar(), jdbcUrl, config.dbUser(), config.dbPassword(), Map.of(
                "YIWANG_SECURITY_DATA_KEY", dataKey,
                "YIWANG_SECURITY_HASH_KEY", hashKey,
                "SPRING_PROFILES_ACTIVE", "demo",
                "YIWANG_DEMO_PASSWORD", demoPassword,
                // The benchmarks measure throughput from one address: the abuse limits are not what they measure.
                "YIWANG_SECURITY_LIMITS_AUTH_PER_MINUTE", "1000000",
                "YIWANG_SECURITY_LIMITS_PROGRESS_PER_MINUTE", "1000000",
                "YIWANG_SECURITY_LIMITS_VERIFY_PER_MINUTE", "1000000",
                "YIWANG_SECURITY_LIMITS_ASSISTANT_PER_MINUTE", "1000000",
                "YIWANG_SECURITY_PASSWORD_HASHING_MAX_WAIT", "PT2M"), log);
        return new AppServer(node, http, config, dataKey, hashKey, demoPassword);
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
        node.close();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
