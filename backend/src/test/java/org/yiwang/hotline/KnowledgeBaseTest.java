package org.yiwang.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.MutableClock;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * 知识库: the public and operators search it, an operator's direct answer cites an entry, the centre and the
 * agencies maintain it (each agency its own), and an entry past its review date is flagged to its agency once.
 * The clock starts on Monday 9 November 2026 in Haikou.
 */
@IntegrationTest
class KnowledgeBaseTest {

    private static final Instant MONDAY = Instant.parse("2026-11-09T02:00:00Z");
    private static final String KB = "/api/v1/hotline/knowledge";

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    HotlineDeadlines deadlines;

    private Hotline h;
    private Api dispatcher;
    private Api haikou;
    private Api sanya;
    private long haikouScj;

    @BeforeEach
    void setUp() {
        clock.set(MONDAY);
        h = new Hotline(port);
        dispatcher = Personas.login(port, "dispatcher");
        haikou = Personas.login(port, "hk.accept");
        sanya = Personas.login(port, "sy.accept");
        haikouScj = h.agency("4601", "4601-SCJ");
    }

    private Map<String, Object> entry(String question, Long agencyId, String reviewDate) {
        Map<String, Object> body = new HashMap<>();
        body.put("question", question);
        body.put("answer", "请携带营业执照和身份证到市场监管窗口办理。");
        body.put("keywords", "测试 窗口");
        body.put("classCode", "020000");
        body.put("agencyId", agencyId);
        body.put("reviewDate", reviewDate);
        return body;
    }

    @Test
    void thePublicFindsTheSampleEntryForWhatACallerWouldSay() {
        JsonNode found = new Api(port).get(KB, "q", "社保卡丢了怎么办").json();
        assertThat(found.path("items").get(0).path("question").asText()).contains("社保卡丢失");
        assertThat(found.path("items").get(0).path("agencyName").asText()).isEqualTo("海南省人力资源和社会保障厅");
        assertThat(found.path("items").get(0).path("sample").asBoolean()).isTrue();
        JsonNode fund = new Api(port).get(KB, "q", "公积金 租房").json();
        assertThat(fund.path("items").findValuesAsText("question")).anyMatch(q -> q.contains("租房可以提取住房公积金"));
        assertThat(new Api(port).get(KB).json().path("total").asLong()).isGreaterThanOrEqualTo(20);
        assertProblem(new Api(port).get(KB, "q", "x".repeat(101)), 400, "INVALID_PARAMETER");
        assertProblem(new Api(port).get(KB, "classCode", "999999"), 400, "INVALID_PARAMETER");
        assertThat(new Api(port).get(KB + "/999999").status()).isEqualTo(404);
    }

    @Test
    void anOperatorAnswersACallFromAnEntryAndTheTicketCitesIt() {
        Api operator = Personas.login(port, "operator");
        JsonNode hit = operator.get(KB, "q", "居住证怎么办").json().path("items").get(0);
        assertThat(hit.path("question").asText()).contains("居住证");
        Map<String, Object> call = Hotline.intake("CONSULT", "080000", "460106", "外地来海口工作，想办居住证");
        call.put("phone", "13876540001");
        String no = h.file(operator, call).path("ticketNo").asText();

        assertProblem(h.act(operator, no, "answer", Map.of("knowledgeId", 999999)), 400, "INVALID_PARAMETER");
        assertThat(h.get(operator, no).path("state").asText()).isEqualTo("NEW");
        JsonNode answered = h.step(operator, no, "answer", Map.of("knowledgeId", hit.path("id").asLong()));
        assertThat(answered.path("state").asText()).isEqualTo("ANSWERED");
        assertThat(answered.path("knowledgeId").asLong()).isEqualTo(hit.path("id").asLong());
        assertThat(answered.path("reply").asText()).isEqualTo(hit.path("answer").asText());
        assertThat(answered.path("history").findValuesAsText("note")).anyMatch(n -> n.contains("引用知识库条目 #" + hit.path("id").asLong()));
        // The caller reads the answer by the public progress query.
        JsonNode progress = new Api(port).get("/api/v1/hotline/progress", "ticketNo", no, "phoneSuffix", "0001").json();
        assertThat(progress.path("reply").asText()).isEqualTo(hit.path("answer").asText());
    }

    @Test
    void eachAgencyMaintainsItsOwnEntriesAndTwoEditorsOfOneVersionGetOneWinner() {
        String question = "测试条目 " + UUID.randomUUID() + " 个体户怎么注销？";
        assertProblem(dispatcher.post(KB + "/entries", entry(" ", haikouScj, "2027-01-01")), 400, "INVALID_PARAMETER");
        assertProblem(dispatcher.post(KB + "/entries", entry(question, haikouScj, "2026-11-01")), 400, "INVALID_PARAMETER");
        assertProblem(dispatcher.post(KB + "/entries", entry(question, null, "2027-01-01")), 400, "INVALID_PARAMETER");
        assertThat(Personas.login(port, "operator").post(KB + "/entries", entry(question, haikouScj, "2027-01-01")).status())
                .isEqualTo(403);
        Api.Response created = dispatcher.post(KB + "/entries", entry(question, haikouScj, "2027-01-01"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        assertThat(created.json().path("sample").asBoolean()).isFalse();

        assertThat(haikou.get(KB + "/entries", "q", question).json().path("items").findValuesAsText("question")).containsExactly(question);
        assertThat(sanya.get(KB + "/entries", "q", question).json().path("total").asLong()).isZero();
        Map<String, Object> change = entry(question, null, "2027-02-01");
        change.put("version", 0);
        assertThat(sanya.put(KB + "/entries/" + id, change).status()).isEqualTo(404);
        Map<String, Object> foreign = new HashMap<>(change);
        foreign.put("agencyId", h.agency("4602", "4602-SCJ"));
        assertThat(haikou.put(KB + "/entries/" + id, foreign).status()).isEqualTo(403);

        Api.Response first = haikou.put(KB + "/entries/" + id, change);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("reviewDate").asText()).isEqualTo("2027-02-01");
        assertProblem(dispatcher.put(KB + "/entries/" + id, change), 409, "CONCURRENT_CHANGE");
        assertThat(new Api(port).get(KB, "q", question).json().path("items").findValuesAsText("id")).contains(String.valueOf(id));
    }

    @Test
    void anEntryPastItsReviewDateIsFlaggedToItsAgencyOnceAndAnExpiredOneIsNoLongerAnswered() {
        String question = "测试条目 " + UUID.randomUUID() + " 食品经营许可证怎么延续？";
        Map<String, Object> body = entry(question, haikouScj, "2026-11-10");
        body.put("validUntil", "2026-11-12");
        long id = dispatcher.post(KB + "/entries", body).json().path("id").asLong();
        deadlines.scan();
        assertThat(haikou.get(KB + "/entries", "reviewDue", true, "size", 100).json().path("items").findValuesAsText("question"))
                .doesNotContain(question);

        clock.advance(Duration.ofDays(2));
        deadlines.scan();
        deadlines.scan();
        JsonNode due = haikou.get(KB + "/entries", "reviewDue", true, "q", question).json().path("items").get(0);
        assertThat(due.path("reviewDue").asBoolean()).isTrue();
        assertThat(haikou.get("/api/v1/notifications", "size", 100).json().path("items").findValuesAsText("body").stream()
                .filter(b -> b.contains(question))).hasSize(1);

        // Past valid-until the public no longer gets it, and an operator can no longer cite it.
        clock.advance(Duration.ofDays(2));
        assertThat(new Api(port).get(KB, "q", question).json().path("items").findValuesAsText("id")).doesNotContain(String.valueOf(id));
        assertThat(new Api(port).get(KB + "/" + id).status()).isEqualTo(404);
        JsonNode listed = haikou.get(KB + "/entries", "q", question).json().path("items").get(0);
        assertThat(listed.path("valid").asBoolean()).isFalse();

        // Reviewed with a new date and validity: unflagged and answered again.
        Map<String, Object> reviewed = entry(question, null, "2027-05-01");
        reviewed.put("version", listed.path("version").asInt());
        JsonNode after = haikou.put(KB + "/entries/" + id, reviewed).json();
        assertThat(after.path("reviewDue").asBoolean()).isFalse();
        assertThat(after.path("valid").asBoolean()).isTrue();
    }
}
