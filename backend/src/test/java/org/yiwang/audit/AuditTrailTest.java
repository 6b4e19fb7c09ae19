package org.yiwang.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/** Staff reading personal data leave a row in the audit trail, whose hash chain shows any tampering. */
@IntegrationTest
class AuditTrailTest {

    private static final List<String> READS = List.of("VIEW_APPLICATION", "DOWNLOAD_MATERIAL", "DOWNLOAD_LICENSE");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate db;

    @Test
    void staffReadingACaseAreAuditedWithWhoWhatAndWhereTheApplicantReadingTheirOwnIsNot() {
        Journeys j = new Journeys(port);
        Api applicant = Personas.login(port, "applicant");
        String no = j.apply(applicant, j.haikouLicensingItem(), "4601");
        long fileId = j.application(applicant, no).path("materials").get(0).path("id").asLong();
        assertThat(applicant.get("/api/v1/applications/" + no + "/materials/" + fileId + "/content").status()).isEqualTo(200);
        assertThat(reads(no)).as("the applicant reading their own case").isEmpty();

        Api clerk = Personas.login(port, "hk.accept").header("X-Forwarded-For", "203.0.113.41");
        j.application(clerk, no);
        assertThat(clerk.get("/api/v1/applications/" + no + "/materials/" + fileId + "/content").status()).isEqualTo(200);
        JsonNode viewed = only(reads(no), "VIEW_APPLICATION");
        assertThat(viewed.path("actor").asText()).isEqualTo("hk.accept");
        assertThat(viewed.path("actorId").isNumber()).isTrue();
        assertThat(viewed.path("address").asText()).isEqualTo("203.0.113.41");
        assertThat(viewed.path("at").asText()).isNotBlank();
        JsonNode downloaded = only(reads(no), "DOWNLOAD_MATERIAL");
        assertThat(downloaded.path("actor").asText()).isEqualTo("hk.accept");
        assertThat(downloaded.path("address").asText()).isEqualTo("203.0.113.41");
        assertThat(downloaded.path("detail").asText()).contains("材料 " + fileId);

        j.step(clerk, no, "accept", Map.of("opinion", "予以受理。"));
        j.step(Personas.login(port, "hk.review"), no, "review", Map.of("opinion", "建议准予许可。"));
        j.step(Personas.login(port, "hk.approve"), no, "approve", Map.of("opinion", "同意。"));
        String licence = j.application(applicant, no).path("license").path("number").asText();
        String pdf = "/api/v1/licenses/" + licence + "/pdf";
        assertThat(applicant.get(pdf).status()).isEqualTo(200);
        assertThat(reads(no).stream().filter(r -> r.path("action").asText().equals("DOWNLOAD_LICENSE")))
                .as("the holder downloading their licence").isEmpty();
        assertThat(clerk.get(pdf).status()).isEqualTo(200);
        JsonNode licenceRead = only(reads(no), "DOWNLOAD_LICENSE");
        assertThat(licenceRead.path("actor").asText()).isEqualTo("hk.accept");
        assertThat(licenceRead.path("address").asText()).isEqualTo("203.0.113.41");
        assertThat(licenceRead.path("detail").asText()).contains(licence);

        assertThat(reads(no)).extracting(r -> r.path("actor").asText()).as("only staff in the trail")
                .isSubsetOf("hk.accept", "hk.review", "hk.approve");
        assertThat(verify().path("intact").asBoolean()).isTrue();
    }

    @Test
    void clerksDecisionsAreListedWithTheStepAndTheOpinionAndARefusedActLeavesNoRow() {
        Journeys j = new Journeys(port);
        Api applicant = Personas.login(port, "applicant");
        String approved = j.apply(applicant, j.haikouLicensingItem(), "4601");
        Api clerk = Personas.login(port, "hk.accept").header("X-Forwarded-For", "203.0.113.42");
        j.step(clerk, approved, "accept", Map.of("opinion", "材料齐全，予以受理。"));
        j.step(Personas.login(port, "hk.review"), approved, "review", Map.of("opinion", "建议准予许可。"));
        j.step(Personas.login(port, "hk.approve"), approved, "approve", Map.of("opinion", "同意。"));
        List<JsonNode> decided = decisions(approved);
        assertThat(decided).extracting(r -> r.path("action").asText() + " " + r.path("actor").asText())
                .containsExactlyInAnyOrder("DECISION_ACCEPT hk.accept", "DECISION_REVIEW hk.review", "DECISION_APPROVE hk.approve");
        JsonNode accepted = only(decided, "DECISION_ACCEPT");
        assertThat(accepted.path("detail").asText()).contains("受理", "材料齐全，予以受理。");
        assertThat(accepted.path("address").asText()).isEqualTo("203.0.113.42");

        String refused = j.apply(applicant, j.haikouLicensingItem(), "4601");
        String task = j.task(clerk, refused);
        assertThat(j.act(clerk, task, "approve", Map.of("opinion", "同意。")).status()).as("not offered on acceptance")
                .isEqualTo(409);
        assertThat(decisions(refused)).as("a refused act leaves no row").isEmpty();
        j.step(clerk, refused, "refuse", Map.of("opinion", "不属于本机关职权范围，请致电 13907551234 咨询。"));
        JsonNode refusal = only(decisions(refused), "DECISION_REFUSE");
        assertThat(refusal.path("detail").asText()).contains("不属于本机关职权范围").doesNotContain("13907551234");
        assertThat(verify().path("intact").asBoolean()).isTrue();
    }

    @Test
    void concurrentAppendsFromTwoPoolsKeepOneChain() throws Exception {
        Journeys j = new Journeys(port);
        Api applicant = Personas.login(port, "applicant");
        String no = j.apply(applicant, j.haikouLicensingItem(), "4601");
        long fileId = j.application(applicant, no).path("materials").get(0).path("id").asLong();
        Api clerk = Personas.login(port, "hk.accept");
        Api supervisor = Personas.login(port, "supervisor");
        long before = headSeq();

        ExecutorService clerks = Executors.newFixedThreadPool(3);
        ExecutorService supervisors = Executors.newFixedThreadPool(3);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                answers.add(clerks.submit(() -> clerk.get("/api/v1/applications/" + no).status()));
                answers.add(supervisors.submit(
                        () -> supervisor.get("/api/v1/applications/" + no + "/materials/" + fileId + "/content").status()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            clerks.shutdownNow();
            supervisors.shutdownNow();
        }

        List<Long> places = db.queryForList("SELECT chain_seq FROM audit_log WHERE target = ? ORDER BY chain_seq", Long.class, no);
        assertThat(places).hasSize(20).allSatisfy(seq -> assertThat(seq).isGreaterThan(before));
        assertThat(db.queryForObject("SELECT COUNT(*) FROM audit_log WHERE chain_seq > ?", Long.class, before))
                .as("one place per row, no gaps").isEqualTo(headSeq() - before);
        JsonNode verification = verify();
        assertThat(verification.path("intact").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.path("checked").asLong()).isGreaterThanOrEqualTo(before + 20);
    }

    @Test
    void verificationNamesExactlyTheRowThatWasAlteredOrForged() {
        Journeys j = new Journeys(port);
        Api applicant = Personas.login(port, "applicant");
        String no = j.apply(applicant, j.haikouLicensingItem(), "4601");
        Api clerk = Personas.login(port, "hk.accept");
        j.application(clerk, no);
        j.application(Personas.login(port, "hk.review"), no);
        j.application(Personas.login(port, "supervisor"), no);
        Map<String, Object> row = db.queryForMap("SELECT id, chain_seq, actor FROM audit_log WHERE target = ? AND actor = 'hk.accept'", no);
        long id = ((Number) row.get("id")).longValue();
        assertThat(verify().path("intact").asBoolean()).as("untampered").isTrue();

        try {
            db.update("UPDATE audit_log SET actor = 'hk.review' WHERE id = ?", id);
            JsonNode altered = verify();
            assertThat(altered.path("intact").asBoolean()).isFalse();
            assertThat(altered.path("firstBreak").path("id").asLong()).isEqualTo(id);
            assertThat(altered.path("firstBreak").path("seq").asLong()).isEqualTo(((Number) row.get("chain_seq")).longValue());
            assertThat(altered.path("firstBreak").path("reason").asText()).contains("已被修改");
        } finally {
            db.update("UPDATE audit_log SET actor = ? WHERE id = ?", row.get("actor"), id);
        }
        assertThat(verify().path("intact").asBoolean()).as("restored").isTrue();

        db.update("INSERT INTO audit_log (at, actor, action, target, region_code) VALUES (CURRENT_TIMESTAMP, 'hk.accept', 'LOGIN', ?, '4601')", no);
        long forged = db.queryForObject("SELECT MAX(id) FROM audit_log WHERE chain_seq IS NULL", Long.class);
        try {
            JsonNode withForgery = verify();
            assertThat(withForgery.path("intact").asBoolean()).isFalse();
            assertThat(withForgery.path("firstBreak").path("id").asLong()).isEqualTo(forged);
        } finally {
            db.update("DELETE FROM audit_log WHERE id = ?", forged);
        }
        assertThat(verify().path("intact").asBoolean()).isTrue();
    }

    private long headSeq() {
        return db.queryForObject("SELECT chain_seq FROM audit_chain_head WHERE id = 1", Long.class);
    }

    private JsonNode verify() {
        Api.Response r = Personas.login(port, "supervisor").get("/api/v1/audit/verify");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** The read rows about this application, as the province's auditor sees the trail. */
    private List<JsonNode> reads(String no) {
        Api auditor = Personas.login(port, "auditor");
        List<JsonNode> rows = new ArrayList<>();
        for (String action : READS) {
            for (JsonNode r : auditor.get("/api/v1/audit", "action", action, "size", 100).json().path("items")) {
                if (r.path("target").asText().equals(no)) {
                    rows.add(r);
                }
            }
        }
        return rows;
    }

    /** The decision rows about this application, as the province's auditor sees the trail. */
    private List<JsonNode> decisions(String no) {
        Api auditor = Personas.login(port, "auditor");
        List<JsonNode> rows = new ArrayList<>();
        for (String action : List.of("DECISION_ACCEPT", "DECISION_REFUSE", "DECISION_REVIEW", "DECISION_APPROVE")) {
            for (JsonNode r : auditor.get("/api/v1/audit", "action", action, "size", 100).json().path("items")) {
                if (r.path("target").asText().equals(no)) {
                    rows.add(r);
                }
            }
        }
        return rows;
    }

    private static JsonNode only(List<JsonNode> rows, String action) {
        List<JsonNode> matching = rows.stream().filter(r -> r.path("action").asText().equals(action)).toList();
        assertThat(matching).as(action + " in " + rows).hasSize(1);
        return matching.get(0);
    }
}
