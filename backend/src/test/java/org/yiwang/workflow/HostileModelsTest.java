package org.yiwang.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.flowable.engine.HistoryService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The corpus of hostile models under {@code hostile-models/}: each would create a file on the server (or reach a
 * bean, a class, a script) if its expressions ran. Each is refused at import, naming its element and attribute; each
 * forced into the engine past the import check is refused there, with no file created and nothing persisted.
 */
@IntegrationTest
class HostileModelsTest {

    private static final String MODELS = "/api/v1/admin/models";
    /** First comment of each file: the element and attribute the refusal names, and whether it runs in the engine. */
    private static final Pattern HEADER = Pattern.compile("<!-- refused: (\\S+) (\\S+); runtime: (yes|no) -->");
    private static final Pattern PROCESS_ID = Pattern.compile("<process id=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    JdbcTemplate jdbc;

    private final List<String> deployments = new ArrayList<>();

    @AfterEach
    void removeDeployments() {
        deployments.forEach(id -> repository.deleteDeployment(id, true));
    }

    record Hostile(String file, String xml, String element, String attribute, boolean runs, String key) {
    }

    static List<Hostile> corpus() throws IOException {
        Path dir = Paths.get("src/test/resources/hostile-models");
        List<Hostile> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".bpmn20.xml")).sorted().toList()) {
                String xml = Files.readString(file, StandardCharsets.UTF_8);
                Matcher header = HEADER.matcher(xml);
                Matcher process = PROCESS_ID.matcher(xml);
                assertThat(header.find() && process.find()).as(file + " has its header and process").isTrue();
                out.add(new Hostile(file.getFileName().toString(), xml, header.group(1),
                        "-".equals(header.group(2)) ? null : header.group(2), "yes".equals(header.group(3)), process.group(1)));
            }
        }
        assertThat(out).hasSizeGreaterThan(20);
        return out;
    }

    @Test
    void everyHostileModelIsRefusedAtImportNamingItsElementAndAttribute() throws IOException {
        Api admin = Personas.login(port, "admin");
        long before = admin.get(MODELS).json().path("total").asLong();
        for (Hostile h : corpus()) {
            Api.Response r = admin.upload(MODELS + "/import", h.file(), h.xml().getBytes(StandardCharsets.UTF_8),
                    "application/xml", Map.of());
            JsonNode problem = assertProblem(r, 422, "MODEL_UNSAFE");
            assertThat(onElement(problem.path("errors"), h)).as(h.file() + ": " + r.body()).isTrue();
        }
        assertThat(admin.get(MODELS).json().path("total").asLong()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void aHostileModelCannotBeSavedOverADraft() throws IOException {
        Api admin = Personas.login(port, "admin");
        Hostile h = corpus().stream().filter(c -> c.file().startsWith("name-bracket-call")).findFirst().orElseThrow();
        String harmless = h.xml().replace("${file['createNewFile']()}", "${applicantName}");
        Api.Response stored = admin.upload(MODELS + "/import", h.file(), harmless.getBytes(StandardCharsets.UTF_8),
                "application/xml", Map.of());
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        long id = stored.json().path("id").asLong();
        JsonNode refused = assertProblem(admin.put(MODELS + "/" + id, Map.of("xml", h.xml())), 422, "MODEL_UNSAFE");
        assertThat(onElement(refused.path("errors"), h)).isTrue();
        assertThat(admin.get(MODELS + "/" + id).json().path("xml").asText()).doesNotContain("createNewFile");
    }

    @Test
    void aHostileModelStoredBeforeTheCheckIsRefusedAtTestRunAndDeploy() throws IOException {
        Api admin = Personas.login(port, "admin");
        Hostile h = corpus().stream().filter(c -> c.file().startsWith("process-listener")).findFirst().orElseThrow();
        jdbc.update("INSERT INTO process_model (model_key, name, xml, status, version, created_by, created_at, updated_at)"
                + " VALUES (?, ?, ?, 'DRAFT', 0, 'admin', ?, ?)", h.key(), "旧模型", h.xml(), LocalDateTime.now(), LocalDateTime.now());
        long id = jdbc.queryForObject("SELECT id FROM process_model WHERE model_key = ?", Long.class, h.key());
        for (String action : List.of("/test-runs", "/deploy")) {
            JsonNode refused = assertProblem(admin.post(MODELS + "/" + id + action, "{}"), 422, "MODEL_INVALID");
            assertThat(onElement(refused.path("errors"), h)).as(action).isTrue();
        }
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(h.key()).count()).isZero();
    }

    @Test
    void everyHostileExpressionForcedIntoTheEngineIsRefusedThereWithoutSideEffect() throws IOException {
        Path dir = Files.createTempDirectory("yiwang-hostile");
        for (Hostile h : corpus().stream().filter(Hostile::runs).toList()) {
            Path marker = dir.resolve(h.key() + ".created");
            Throwable thrown = catchThrowable(() -> {
                deployments.add(repository.createDeployment().name("hostile").addString(h.file(), h.xml()).deploy().getId());
                runtime.startProcessInstanceByKey(h.key(), Map.of("file", new File(marker.toString()), "method", "createNewFile",
                        "acceptGroup", "agency:1:ACCEPT", "reviewGroups", List.of("agency:1:REVIEW")));
            });
            assertThat(thrown).as(h.file() + " refused").isNotNull();
            assertThat(causes(thrown)).as(h.file() + ": " + thrown).anyMatch(ForbiddenExpression.class::isInstance);
            assertThat(marker).as(h.file() + " ran nothing").doesNotExist();
            assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(h.key()).count())
                    .as(h.file() + " left no instance").isZero();
        }
    }

    private static boolean onElement(JsonNode errors, Hostile h) {
        for (JsonNode e : errors) {
            if (h.element().equals(e.path("elementId").asText())
                    && (h.attribute() == null || h.attribute().equals(e.path("attribute").asText()))) {
                return !e.path("message").asText().isBlank();
            }
        }
        return false;
    }

    private static List<Throwable> causes(Throwable thrown) {
        List<Throwable> out = new ArrayList<>();
        for (Throwable t = thrown; t != null && !out.contains(t); t = t.getCause()) {
            out.add(t);
        }
        return out;
    }
}
