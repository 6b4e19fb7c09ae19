package org.yiwang.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.yiwang.identity.IdentityNumbers;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.MutableClock;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Material files and form data at rest: per-account quotas, content stored once per owner, files encrypted on
 * disk and intact when downloaded, idle drafts warned then removed exactly once, personal form fields encrypted
 * in the database. Each test works on an account of its own, under small quotas.
 */
@IntegrationTest
@TestPropertySource(properties = { "yiwang.quota.open-drafts=3", "yiwang.quota.files-per-material=2",
        "yiwang.quota.stored-bytes=200KB", "yiwang.drafts.idle-days=30", "yiwang.drafts.warn-days=7" })
class MaterialFilesTest {

    private static final AtomicInteger PEOPLE = new AtomicInteger(ThreadLocalRandom.current().nextInt(300, 900));

    @LocalServerPort
    int port;
    @Value("${yiwang.storage.dir:./data/materials}")
    String storageDir;
    @Autowired
    JdbcTemplate db;
    @Autowired
    MutableClock clock;
    @Autowired
    DraftExpiry expiry;

    @AfterEach
    void resetClock() {
        clock.set(Instant.now());
    }

    @Test
    void quotasAreAnsweredWithTheProblemAndNothingIsHalfWritten() throws IOException {
        Journeys j = new Journeys(port);
        JsonNode item = j.haikouLicensingItem();
        Api applicant = newApplicant();
        List<String> drafts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            drafts.add(j.draft(applicant, item, "4601"));
        }
        long accountId = db.queryForObject("SELECT applicant_id FROM application WHERE application_no = ?", Long.class, drafts.get(0));
        JsonNode tooMany = assertProblem(applicant.post("/api/v1/applications", Map.of("itemCode", item.path("code").asText(),
                "regionCode", "4601", "formData", Map.of("reason", "第四件"))), 409, "QUOTA_EXCEEDED");
        assertThat(tooMany.path("parameter").asText()).isEqualTo("openDrafts");
        assertThat(db.queryForObject("SELECT COUNT(*) FROM application WHERE applicant_id = ?", Long.class, accountId)).isEqualTo(3);

        String no = drafts.get(0);
        long first = item.path("materials").get(0).path("id").asLong();
        long second = item.path("materials").get(1).path("id").asLong();
        byte[] a = png(90 * 1024);
        byte[] b = png(90 * 1024);
        Set<Path> before = storedFiles();
        assertThat(upload(applicant, no, first, a).status()).isEqualTo(201);
        assertThat(upload(applicant, no, first, b).status()).isEqualTo(201);
        assertThat(newFiles(before)).hasSize(2);

        Set<Path> full = storedFiles();
        JsonNode perMaterial = assertProblem(upload(applicant, no, first, png(1024)), 409, "QUOTA_EXCEEDED");
        assertThat(perMaterial.path("parameter").asText()).isEqualTo("filesPerMaterial");
        JsonNode bytes = assertProblem(upload(applicant, no, second, png(90 * 1024)), 409, "QUOTA_EXCEEDED");
        assertThat(bytes.path("parameter").asText()).isEqualTo("storedBytes");
        assertThat(newFiles(full)).as("files of refused uploads").isEmpty();
        assertThat(j.application(applicant, no).path("materials")).hasSize(2);

        // Content already stored costs nothing more: the same file for another material still fits.
        assertThat(upload(applicant, no, second, a).status()).isEqualTo(201);
        assertThat(newFiles(full)).isEmpty();
    }

    @Test
    void aReusedOrRepeatedFileIsStoredOnceEncryptedAndDownloadsIntact() throws IOException {
        Journeys j = new Journeys(port);
        JsonNode item = j.haikouLicensingItem();
        Api applicant = newApplicant();
        String marker = "plaintext-marker-" + UUID.randomUUID();
        byte[] scan = png(20 * 1024, marker);
        long first = item.path("materials").get(0).path("id").asLong();
        long second = item.path("materials").get(1).path("id").asLong();
        String one = j.draft(applicant, item, "4601");
        String two = j.draft(applicant, item, "4601");

        Set<Path> before = storedFiles();
        Api.Response uploaded = upload(applicant, one, first, scan);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        List<Path> stored = newFiles(before);
        assertThat(stored).hasSize(1);
        byte[] onDisk = Files.readAllBytes(stored.get(0));
        assertThat(new String(onDisk, StandardCharsets.ISO_8859_1)).doesNotContain(marker);
        assertThat(indexOf(onDisk, java.util.Arrays.copyOfRange(scan, 0, 16))).as("the PNG header on disk").isNegative();
        assertThat(download(applicant, one, uploaded.json().path("id").asLong())).isEqualTo(scan);

        long fileId = uploaded.json().path("id").asLong();
        Api.Response reused = applicant.post("/api/v1/applications/" + two + "/materials/reuse",
                Map.of("materialId", first, "fileId", fileId));
        assertThat(reused.status()).as(reused.body()).isEqualTo(201);
        assertThat(upload(applicant, two, second, scan).status()).isEqualTo(201);
        assertThat(newFiles(before)).as("one stored file for three uses").hasSize(1);
        assertThat(download(applicant, two, reused.json().path("id").asLong())).isEqualTo(scan);

        // The file goes only with the last row that refers to it.
        assertThat(applicant.send(java.net.http.HttpRequest.newBuilder(applicant.uri("/api/v1/applications/" + one + "/materials/" + fileId))
                .DELETE()).status()).isEqualTo(204);
        assertThat(newFiles(before)).hasSize(1);
        assertThat(download(applicant, two, reused.json().path("id").asLong())).isEqualTo(scan);
        for (JsonNode m : j.application(applicant, two).path("materials")) {
            assertThat(applicant.send(java.net.http.HttpRequest.newBuilder(
                    applicant.uri("/api/v1/applications/" + two + "/materials/" + m.path("id").asLong())).DELETE()).status()).isEqualTo(204);
        }
        assertThat(newFiles(before)).as("files left once no row refers to them").isEmpty();
    }

    @Test
    void aFileStoredInTheClearBeforeEncryptionIsStillReadAndReusedEncrypted() throws IOException {
        Journeys j = new Journeys(port);
        JsonNode item = j.haikouLicensingItem();
        Api applicant = newApplicant();
        long material = item.path("materials").get(0).path("id").asLong();
        String no = j.draft(applicant, item, "4601");
        String marker = "legacy-marker-" + UUID.randomUUID();
        byte[] legacy = png(4096, marker);
        String key = "2025/01/" + UUID.randomUUID();
        Path file = Path.of(storageDir).toAbsolutePath().normalize().resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, legacy);
        long applicationId = db.queryForObject("SELECT id FROM application WHERE application_no = ?", Long.class, no);
        db.update("INSERT INTO application_material (application_id, material_id, file_name, content_type, size_bytes, sha256,"
                + " storage_key, uploaded_at) VALUES (?, ?, 'old.png', 'image/png', ?, ?, ?, ?)", applicationId, material,
                legacy.length, "0".repeat(64), key, LocalDateTime.now());
        long legacyId = db.queryForObject("SELECT id FROM application_material WHERE storage_key = ?", Long.class, key);
        assertThat(download(applicant, no, legacyId)).isEqualTo(legacy);

        String other = j.draft(applicant, item, "4601");
        Set<Path> before = storedFiles();
        Api.Response reused = applicant.post("/api/v1/applications/" + other + "/materials/reuse",
                Map.of("materialId", material, "fileId", legacyId));
        assertThat(reused.status()).as(reused.body()).isEqualTo(201);
        List<Path> copies = newFiles(before);
        assertThat(copies).hasSize(1);
        assertThat(new String(Files.readAllBytes(copies.get(0)), StandardCharsets.ISO_8859_1)).doesNotContain(marker);
        assertThat(download(applicant, other, reused.json().path("id").asLong())).isEqualTo(legacy);
    }

    @Test
    void anIdleDraftIsWarnedThenRemovedWithItsFilesExactlyOnceEvenOnTwoNodes() throws Exception {
        Journeys j = new Journeys(port);
        JsonNode item = j.haikouLicensingItem();
        Api applicant = newApplicant();
        long material = item.path("materials").get(0).path("id").asLong();
        String idle = j.draft(applicant, item, "4601");
        String kept = j.draft(applicant, item, "4601");
        Set<Path> before = storedFiles();
        assertThat(upload(applicant, idle, material, png(2048)).status()).isEqualTo(201);
        assertThat(newFiles(before)).hasSize(1);

        clock.advance(Duration.ofDays(22));
        onTwoNodes();
        assertThat(titles(applicant)).as("nothing before 23 idle days").isEmpty();

        clock.advance(Duration.ofDays(2));
        onTwoNodes();
        onTwoNodes();
        assertThat(titles(applicant)).containsExactly("草稿即将过期", "草稿即将过期");
        assertThat(applicant.put("/api/v1/applications/" + kept, Map.of("formData", Map.of("reason", "还要办"))).status())
                .isEqualTo(200);

        clock.advance(Duration.ofDays(6));
        onTwoNodes();
        assertThat(applicant.get("/api/v1/applications/" + idle).status()).as("not before a full warning period").isEqualTo(200);

        clock.advance(Duration.ofDays(1));
        onTwoNodes();
        onTwoNodes();
        assertThat(titles(applicant)).containsExactly("草稿已删除", "草稿即将过期", "草稿即将过期");
        assertThat(applicant.get("/api/v1/applications/" + idle).status()).isEqualTo(404);
        assertThat(applicant.get("/api/v1/applications/" + kept).status()).as("the draft changed after the warning").isEqualTo(200);
        assertThat(newFiles(before)).as("the removed draft's file").isEmpty();
        assertThat(db.queryForObject("SELECT COUNT(*) FROM application_event e WHERE NOT EXISTS"
                + " (SELECT 1 FROM application a WHERE a.id = e.application_id)", Long.class)).isZero();
    }

    @Test
    void personalFormFieldsAreEncryptedAtRestAndMaskedForOtherAgencies() {
        Journeys j = new Journeys(port);
        JsonNode item = j.haikouLicensingItem();
        Api applicant = newApplicant();
        String id = IdentityNumbers.generateIdCard("460106", LocalDate.of(1988, 6, 1), 123);
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("reason", "开办门店");
        form.put("contactName", "符海燕");
        form.put("contactPhone", "13976512345");
        form.put("idNumber", id);
        form.put("address", "海南省海口市龙华区滨海大道 88 号");
        Api.Response created = applicant.post("/api/v1/applications", Map.of("itemCode", item.path("code").asText(),
                "regionCode", "4601", "formData", form));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String no = created.json().path("applicationNo").asText();

        String row = db.queryForObject("SELECT form_data FROM application WHERE application_no = ?", String.class, no);
        assertThat(row).startsWith("v1:").doesNotContain("符海燕").doesNotContain("13976512345").doesNotContain(id)
                .doesNotContain("滨海大道").doesNotContain("开办门店");
        assertThat(j.application(applicant, no).path("formData").path("contactPhone").asText()).isEqualTo("13976512345");
        assertThat(j.application(applicant, no).path("formData").path("idNumber").asText()).isEqualTo(id);

        j.uploadRequired(applicant, no, item);
        j.submit(applicant, no);
        JsonNode clerkSees = j.application(Personas.login(port, "hk.accept"), no).path("formData");
        assertThat(clerkSees.path("contactPhone").asText()).isEqualTo("13976512345");
        assertThat(clerkSees.path("contactName").asText()).isEqualTo("符海燕");
        JsonNode supervisorSees = j.application(Personas.login(port, "supervisor"), no).path("formData");
        assertThat(supervisorSees.path("contactPhone").asText()).isEqualTo("139****2345");
        assertThat(supervisorSees.path("idNumber").asText()).isEqualTo(id.substring(0, 4) + "**********" + id.substring(14));
        assertThat(supervisorSees.path("contactName").asText()).isEqualTo("符**");
        assertThat(supervisorSees.path("address").asText()).startsWith("海南省海口市").doesNotContain("滨海大道");
        assertThat(supervisorSees.path("reason").asText()).isEqualTo("开办门店");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** A newly registered person, logged in, with no drafts or files yet. */
    private Api newApplicant() {
        int n = PEOPLE.incrementAndGet();
        String id = IdentityNumbers.generateIdCard("460105", LocalDate.of(1980, 1, 1).plusDays(n), n % 1000);
        Api api = new Api(port);
        Api.Response created = api.post("/api/v1/auth/register", Map.of("idType", "ID_CARD", "idNumber", id, "name", "吴文件",
                "phone", "13800001234", "password", "Files-Pass-2026", "regionCode", "4601"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        api.csrfToken(created.json().path("csrfToken").asText());
        return api;
    }

    private void onTwoNodes() throws Exception {
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<DraftExpiry.Scan>> scans = List.of(nodes.submit(expiry::scan), nodes.submit(expiry::scan));
            for (Future<DraftExpiry.Scan> scan : scans) {
                scan.get();
            }
        } finally {
            nodes.shutdown();
        }
    }

    private static List<String> titles(Api api) {
        List<String> titles = new ArrayList<>();
        api.get("/api/v1/notifications", "size", 100).json().path("items").forEach(n -> titles.add(n.path("title").asText()));
        return titles;
    }

    private static Api.Response upload(Api api, String no, long materialId, byte[] content) {
        return api.upload("/api/v1/applications/" + no + "/materials", "scan.png", content, "image/png",
                Map.of("materialId", String.valueOf(materialId)));
    }

    private static byte[] download(Api api, String no, long fileId) {
        return api.bytes("/api/v1/applications/" + no + "/materials/" + fileId + "/content");
    }

    /** A PNG signature and header followed by random bytes (and a marker), unique on every call. */
    private static byte[] png(int size, String marker) {
        byte[] out = new byte[size];
        ThreadLocalRandom.current().nextBytes(out);
        System.arraycopy(Journeys.PNG, 0, out, 0, Journeys.PNG.length);
        byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(m, 0, out, Journeys.PNG.length, m.length);
        return out;
    }

    private static byte[] png(int size) {
        return png(size, "");
    }

    private Set<Path> storedFiles() throws IOException {
        Path root = Path.of(storageDir).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return new HashSet<>(files.filter(Files::isRegularFile).toList());
        }
    }

    private List<Path> newFiles(Set<Path> before) throws IOException {
        return storedFiles().stream().filter(p -> !before.contains(p)).toList();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
