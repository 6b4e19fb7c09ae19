package org.yiwang.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.MutableClock;
import org.yiwang.support.Personas;
import org.yiwang.workflow.WorkflowService;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The 12345 ticket from intake to close: dispatch by the duty list, return and re-route, sign and reply, the
 * citizen's rating and reopen, escalation, deadlines on the shared calendar, races and 举报 confidentiality.
 * The clock starts on Monday 9 November 2026, 10:00 in Haikou: signing is due Tuesday 10th, a complaint's reply
 * Monday 16th (5 working days).
 */
@IntegrationTest
class HotlineLifecycleTest {

    private static final Instant MONDAY = Instant.parse("2026-11-09T02:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    WorkflowService workflow;

    private Hotline h;
    private Api applicant;
    private Api dispatcher;
    private Api haikou;
    private Api sanya;
    private long haikouScj;
    private long sanyaScj;

    @BeforeEach
    void setUp() {
        clock.set(MONDAY);
        h = new Hotline(port);
        applicant = Personas.login(port, "applicant");
        dispatcher = Personas.login(port, "dispatcher");
        haikou = Personas.login(port, "hk.accept");
        sanya = Personas.login(port, "sy.accept");
        haikouScj = h.agency("4601", "4601-SCJ");
        sanyaScj = h.agency("4602", "4602-SCJ");
    }

    private String complaint() {
        return h.file(applicant, Hotline.intake("COMPLAINT", "020102", "460106", "龙华区某健身房预付卡充值 3000 元后闭店，无法退款"))
                .path("ticketNo").asText();
    }

    private String repliedBy(Api agency, long agencyId, String no) {
        h.step(dispatcher, no, "dispatch", Map.of("agencyId", agencyId));
        h.step(agency, no, "sign", Map.of());
        return h.step(agency, no, "reply", Map.of("text", "已约谈经营者，退款方案已确定，请于本周内到门店办理。")).path("state").asText();
    }

    @Test
    void aComplaintIsReturnedReroutedRepliedReopenedOnceAndClosed() {
        JsonNode filed = h.file(applicant, Hotline.intake("COMPLAINT", "020102", "460106", "龙华区某健身房预付卡充值 3000 元后闭店，无法退款"));
        String no = filed.path("ticketNo").asText();
        assertThat(no).matches("12345-20261109-\\d{6}");
        assertThat(filed.path("state").asText()).isEqualTo("NEW");
        assertThat(filed.path("typeName").asText()).isEqualTo("投诉");
        assertThat(filed.path("citizen").path("name").asText()).isEqualTo("黎**");
        assertThat(filed.path("citizen").path("phone").asText()).isEqualTo("139****1234");

        JsonNode pending = h.get(dispatcher, no);
        assertThat(pending.path("suggestedAgency").path("agencyId").asLong()).isEqualTo(haikouScj);
        assertThat(Hotline.numbers(dispatcher.get(Hotline.TICKETS, "view", "pending", "size", 100).json())).contains(no);

        // Routed to the wrong city first: 三亚 returns it with its reason, and 海口 never saw it meanwhile.
        h.step(dispatcher, no, "dispatch", Map.of("agencyId", sanyaScj, "note", "按来电人所述地点转办"));
        assertThat(haikou.get(Hotline.TICKETS + "/" + no).status()).isEqualTo(404);
        assertThat(Hotline.numbers(sanya.get(Hotline.TICKETS, "view", "agency").json())).contains(no);
        assertProblem(h.act(sanya, no, "return", Map.of("text", " ")), 400, "INVALID_PARAMETER");
        JsonNode returned = h.step(sanya, no, "return", Map.of("text", "事发地在海口市龙华区，不属于三亚市管辖"));
        assertThat(returned.path("state").asText()).isEqualTo("RETURNED");
        assertThat(returned.path("returns").asInt()).isEqualTo(1);
        assertThat(sanya.get(Hotline.TICKETS + "/" + no).status()).isEqualTo(404);
        assertProblem(h.act(dispatcher, no, "dispatch", Map.of("agencyId", sanyaScj)), 400, "INVALID_PARAMETER");

        JsonNode routed = h.step(dispatcher, no, "dispatch", Map.of("agencyId", haikouScj));
        assertThat(routed.path("signDue").asText()).isEqualTo("2026-11-10");
        assertThat(routed.path("replyDue").asText()).isEqualTo("2026-11-16");
        JsonNode atAgency = h.get(haikou, no);
        assertThat(atAgency.path("clock").asText()).isEqualTo("GREEN");
        assertThat(atAgency.path("dueDate").asText()).isEqualTo("2026-11-10");
        assertProblem(h.act(haikou, no, "reply", Map.of("text", "已处理")), 409, "WRONG_STATE");
        h.step(haikou, no, "sign", Map.of());
        assertThat(h.get(haikou, no).path("dueDate").asText()).isEqualTo("2026-11-16");
        h.step(haikou, no, "reply", Map.of("text", "已约谈经营者，退款方案已确定，请于本周内到门店办理。"));
        assertThat(applicant.get("/api/v1/notifications", "size", 100).json().path("items").findValuesAsText("body"))
                .anyMatch(b -> b.contains(no) && b.contains("已约谈经营者"));

        // 不满意 within the window: reopened (重办) to the same agency, with fresh deadlines.
        assertProblem(h.act(applicant, no, "rating", Map.of("rating", "UNSATISFIED")), 400, "INVALID_PARAMETER");
        clock.advance(Duration.ofDays(1));
        JsonNode reopened = h.step(applicant, no, "rating", Map.of("rating", "UNSATISFIED", "comment", "门店仍未退款"));
        assertThat(reopened.path("state").asText()).isEqualTo("DISPATCHED");
        assertThat(reopened.path("reopens").asInt()).isEqualTo(1);
        assertThat(reopened.path("agencyId").asLong()).isEqualTo(haikouScj);
        assertThat(reopened.path("signDue").asText()).isEqualTo("2026-11-11");
        h.step(haikou, no, "sign", Map.of());
        h.step(haikou, no, "reply", Map.of("text", "已督促经营者于 11 月 12 日全额退款，经核实已到账。"));
        JsonNode closed = h.step(applicant, no, "rating", Map.of("rating", "SATISFIED"));
        assertThat(closed.path("state").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("ratingName").asText()).isEqualTo("满意");
        assertThat(Hotline.actions(h.get(dispatcher, no))).containsExactly("FILE", "DISPATCH", "RETURN", "DISPATCH", "SIGN",
                "REPLY", "REOPEN", "SIGN", "REPLY", "RATE");
        assertThat(Hotline.numbers(applicant.get(Hotline.TICKETS, "view", "mine", "size", 100).json())).contains(no);

        JsonNode haikouRow = null;
        for (JsonNode row : Personas.login(port, "supervisor").get("/api/v1/hotline/indicators", "from", "2026-11-09", "to", "2026-11-10").json()) {
            haikouRow = row.path("agencyId").asLong() == haikouScj ? row : haikouRow;
        }
        assertThat(haikouRow).isNotNull();
        assertThat(haikouRow.path("closed").asLong()).isPositive();
        assertThat(haikouRow.path("reopened").asLong()).isPositive();
        assertThat(haikouRow.path("satisfactionRate").asDouble()).isBetween(0.0, 1.0);
        assertProblem(dispatcher.get("/api/v1/hotline/indicators", "from", "2026-11-10", "to", "2026-11-09"), 400, "INVALID_PARAMETER");
    }

    @Test
    void unsatisfiedAfterTheRatingWindowIsRefusedAndNothingIsWritten() {
        String no = complaint();
        assertThat(repliedBy(haikou, haikouScj, no)).isEqualTo("REPLIED");
        // Monday 9th + 8 days = Tuesday 17th: six working days after the reply, one more than the window.
        clock.advance(Duration.ofDays(8));
        assertProblem(h.act(applicant, no, "rating", Map.of("rating", "UNSATISFIED", "comment", "仍未解决")), 409,
                "REOPEN_WINDOW_PASSED");
        JsonNode after = h.get(applicant, no);
        assertThat(after.path("state").asText()).isEqualTo("REPLIED");
        assertThat(after.path("reopens").asInt()).isZero();
        assertThat(after.has("rating")).isFalse();
    }

    @Test
    void ofTwoDispatchersRoutingOneTicketExactlyOneWins() throws Exception {
        String no = complaint();
        long centre = new Journeys(port).agency("46", "P12345").path("id").asLong();
        Api second = new Journeys(port).staff("dispatcher.two", centre, "HOTLINE_DISPATCHER");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (var pair : List.of(Map.entry(dispatcher, haikouScj), Map.entry(second, sanyaScj))) {
            answers.add(pool.submit(() -> {
                start.await();
                return h.act(pair.getKey(), no, "dispatch", Map.of("agencyId", pair.getValue())).status();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : answers) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        assertThat(Hotline.actions(h.get(dispatcher, no))).containsExactly("FILE", "DISPATCH");
    }

    @Test
    void theAgencyHandlingAReportNeverSeesWhoReported() {
        Map<String, Object> report = Hotline.intake("REPORT", "020201", "4601", "某餐馆后厨使用过期食材");
        report.put("address", "海口市龙华区金龙路 8 号");
        String no = h.file(applicant, report).path("ticketNo").asText();
        JsonNode atCentre = h.get(dispatcher, no);
        assertThat(atCentre.path("citizen").path("name").asText()).isEqualTo("黎**");
        h.step(dispatcher, no, "dispatch", Map.of("agencyId", haikouScj));

        Api.Response seen = haikou.get(Hotline.TICKETS + "/" + no);
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json().path("confidential").asBoolean()).isTrue();
        assertThat(seen.json().has("citizen")).isFalse();
        assertThat(seen.body()).doesNotContain("黎").doesNotContain("139****1234").doesNotContain("金龙路");
        JsonNode listed = null;
        for (JsonNode t : haikou.get(Hotline.TICKETS, "view", "agency", "size", 100).json().path("items")) {
            listed = t.path("ticketNo").asText().equals(no) ? t : listed;
        }
        assertThat(listed).isNotNull();
        assertThat(listed.has("citizen")).isFalse();
        assertThat(listed.has("address")).isFalse();
        assertThat(h.get(applicant, no).path("citizen").path("name").asText()).isEqualTo("黎**");
    }

    @Test
    void anUnsignedTicketTurnsYellowOnItsDueDayRedAfterAndIsRaisedOnce() {
        String no = complaint();
        h.step(dispatcher, no, "dispatch", Map.of("agencyId", haikouScj));
        assertThat(h.get(haikou, no).path("clock").asText()).isEqualTo("GREEN");
        clock.advance(Duration.ofDays(1));
        assertThat(h.get(haikou, no).path("clock").asText()).isEqualTo("YELLOW");
        clock.advance(Duration.ofDays(1));
        assertThat(h.get(haikou, no).path("clock").asText()).isEqualTo("RED");

        workflow.fireDueTimers();
        workflow.fireDueTimers();
        assertThat(Hotline.actions(h.get(dispatcher, no)).stream().filter("SIGN_OVERDUE"::equals)).hasSize(1);
        assertThat(dispatcher.get("/api/v1/notifications", "size", 100).json().path("items").findValuesAsText("body"))
                .anyMatch(b -> b.contains(no) && b.contains("签收已超期"));
        Api supervisor = Personas.login(port, "supervisor");
        assertThat(Hotline.numbers(supervisor.get(Hotline.TICKETS, "view", "supervise", "size", 100).json())).contains(no);
        // Signing late still works; the reply clock runs from the dispatch.
        assertThat(h.step(haikou, no, "sign", Map.of()).path("clock").asText()).isEqualTo("GREEN");
    }

    @Test
    void threeReturnsRaiseTheTicketToTheSupervisorWhoNamesTheAgency() {
        String no = complaint();
        long[] agencies = { sanyaScj, haikouScj, sanyaScj };
        Api[] clerks = { sanya, haikou, sanya };
        for (int i = 0; i < 3; i++) {
            h.step(dispatcher, no, "dispatch", Map.of("agencyId", agencies[i]));
            h.step(clerks[i], no, "return", Map.of("text", "不属于本单位职责（第 " + (i + 1) + " 次）"));
        }
        JsonNode escalated = h.get(dispatcher, no);
        assertThat(escalated.path("state").asText()).isEqualTo("ESCALATED");
        assertThat(escalated.path("returns").asInt()).isEqualTo(3);
        assertProblem(h.act(dispatcher, no, "dispatch", Map.of("agencyId", haikouScj)), 409, "WRONG_STATE");
        Api supervisor = Personas.login(port, "supervisor");
        assertThat(Hotline.numbers(supervisor.get(Hotline.TICKETS, "view", "supervise", "size", 100).json())).contains(no);
        JsonNode decided = h.step(supervisor, no, "escalation/decision",
                Map.of("agencyId", haikouScj, "note", "预付卡纠纷由消费地市场监管部门办理"));
        assertThat(decided.path("state").asText()).isEqualTo("DISPATCHED");
        assertThat(decided.path("agencyName").asText()).isEqualTo("海口市市场监督管理局");
    }

    @Test
    void anOperatorRecordsACallAndAnswersItAtOnceAndTheCallerFollowsIt() {
        Api operator = Personas.login(port, "operator");
        Map<String, Object> call = Hotline.intake("CONSULT", "160101", "469027", "办理居住证需要带哪些材料？");
        call.put("name", "符明");
        call.put("phone", "13876543210");
        JsonNode recorded = h.file(operator, call);
        String no = recorded.path("ticketNo").asText();
        assertThat(recorded.path("channel").asText()).isEqualTo("PHONE");
        assertThat(recorded.path("citizen").path("phone").asText()).isEqualTo("138****3210");
        JsonNode answered = h.step(operator, no, "answer", Map.of("text", "请携带身份证、居住证明和近期照片到户籍窗口办理。"));
        assertThat(answered.path("state").asText()).isEqualTo("ANSWERED");
        assertProblem(h.act(operator, no, "answer", Map.of("text", "再答一次")), 409, "WRONG_STATE");

        call.put("content", "居住证办好后怎么领取？");
        String second = h.file(operator, call).path("ticketNo").asText();
        assertThat(Hotline.numbers(operator.get(Hotline.TICKETS, "phone", "13876543210", "size", 100).json()))
                .contains(no, second);
        assertProblem(haikou.get(Hotline.TICKETS, "phone", "13876543210"), 403, "FORBIDDEN");
        assertProblem(haikou.post(Hotline.TICKETS, call), 403, "FORBIDDEN");

        Api anyone = new Api(port);
        JsonNode progress = anyone.get("/api/v1/hotline/progress", "ticketNo", no, "phoneSuffix", "3210").json();
        assertThat(progress.path("stateName").asText()).isEqualTo("已直接答复");
        assertThat(progress.toString()).doesNotContain("符").doesNotContain("1387");
        assertProblem(anyone.get("/api/v1/hotline/progress", "ticketNo", no, "phoneSuffix", "0000"), 404, "NOT_FOUND");
    }

    @Test
    void anyoneMayAskWithoutLoggingInButNotComplainAndBadInputIsRefused() {
        Api anyone = new Api(port).header("X-Forwarded-For", "203.0.113.41");
        Map<String, Object> ask = Hotline.intake("CONSULT", "030201", "4602", "灵活就业人员怎么缴纳养老保险？");
        ask.put("phone", "0898-88661234");
        Api.Response asked = anyone.post("/api/v1/hotline/consultations", ask);
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        assertThat(asked.json().path("citizen").path("phone").asText()).isEqualTo("0898-******34");

        Map<String, Object> complain = new java.util.HashMap<>(ask);
        complain.put("type", "COMPLAINT");
        assertProblem(anyone.post("/api/v1/hotline/consultations", complain), 401, "LOGIN_REQUIRED");
        assertProblem(anyone.post(Hotline.TICKETS, complain), 401, "UNAUTHENTICATED");
        Map<String, Object> bad = new java.util.HashMap<>(ask);
        bad.put("phone", "12345");
        assertProblem(anyone.post("/api/v1/hotline/consultations", bad), 400, "INVALID_PARAMETER");
        bad.put("phone", "13800001111");
        bad.put("content", "长".repeat(HotlineService.MAX_CONTENT + 1));
        assertProblem(anyone.post("/api/v1/hotline/consultations", bad), 400, "INVALID_PARAMETER");
        bad.put("content", "有效内容");
        bad.put("classCode", "999999");
        assertProblem(anyone.post("/api/v1/hotline/consultations", bad), 400, "INVALID_PARAMETER");
        bad.put("classCode", "030201");
        bad.put("type", "GOSSIP");
        assertProblem(applicant.post(Hotline.TICKETS, bad), 400, "INVALID_PARAMETER");

        Api flooding = new Api(port).header("X-Forwarded-For", "203.0.113.42");
        int throttled = 0;
        for (int i = 0; i < 12; i++) {
            ask.put("content", "咨询第 " + i + " 次");
            if (flooding.post("/api/v1/hotline/consultations", ask).status() == 429) {
                throttled++;
            }
        }
        assertThat(throttled).isPositive();
    }

    @Test
    void anAgencyAsksForMoreDaysAndTheDispatcherGrantsThem() {
        String no = complaint();
        h.step(dispatcher, no, "dispatch", Map.of("agencyId", haikouScj));
        h.step(haikou, no, "sign", Map.of());
        assertProblem(h.act(haikou, no, "extension", Map.of("days", 30, "reason", "需现场核查")), 400, "INVALID_PARAMETER");
        h.step(haikou, no, "extension", Map.of("days", 3, "reason", "需会同商务部门现场核查"));
        assertProblem(h.act(haikou, no, "extension", Map.of("days", 2, "reason", "再延")), 409, "EXTENSION_EXISTS");
        JsonNode granted = h.step(dispatcher, no, "extension/decision", Map.of("approve", true));
        assertThat(granted.path("extension").path("state").asText()).isEqualTo("APPROVED");
        assertThat(granted.path("replyDue").asText()).isEqualTo("2026-11-19");
    }

    @Test
    void aDuplicateIsMergedIntoTheTicketItRepeats() {
        String first = complaint();
        String duplicate = complaint();
        assertProblem(h.act(dispatcher, duplicate, "merge", Map.of("into", duplicate)), 400, "INVALID_PARAMETER");
        JsonNode merged = h.step(dispatcher, duplicate, "merge", Map.of("into", first, "note", "同一预付卡纠纷"));
        assertThat(merged.path("state").asText()).isEqualTo("MERGED");
        assertThat(merged.path("mergedInto").asText()).isEqualTo(first);
        assertProblem(h.act(dispatcher, duplicate, "dispatch", Map.of("agencyId", haikouScj)), 409, "WRONG_STATE");
    }

    @Test
    void administratorsKeepTheDutyListOfTheirOwnRegion() {
        Api admin = Personas.login(port, "admin");
        JsonNode duties = admin.get("/api/v1/hotline/duties", "classCode", "020000", "regionCode", "4601").json();
        assertThat(duties.path("items").get(0).path("agencyName").asText()).isEqualTo("海口市市场监督管理局");
        // 营业执照 questions go to the 行政审批服务局, not to 市场监管 as the rest of the class.
        long approvals = h.agency("4601", "4601-XZSP");
        Api.Response put = admin.put("/api/v1/hotline/duties", Map.of("classCode", "020300", "regionCode", "4601", "agencyId", approvals));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        String no = h.file(applicant, Hotline.intake("HELP", "020301", "460106", "个体户营业执照变更经营范围一直未办结")).path("ticketNo").asText();
        assertThat(h.get(dispatcher, no).path("suggestedAgency").path("agencyId").asLong()).isEqualTo(approvals);

        Api haikouAdmin = Personas.login(port, "hk.admin");
        assertProblem(haikouAdmin.put("/api/v1/hotline/duties", Map.of("classCode", "020100", "regionCode", "4602",
                "agencyId", sanyaScj)), 403, "FORBIDDEN");
        assertProblem(admin.put("/api/v1/hotline/duties", Map.of("classCode", "020300", "regionCode", "4601", "agencyId", 999999)),
                400, "INVALID_PARAMETER");
        // The class-level rule stays for everything else of 市场监管.
        String food = h.file(applicant, Hotline.intake("COMPLAINT", "020201", "460106", "外卖食品变质")).path("ticketNo").asText();
        assertThat(h.get(dispatcher, food).path("suggestedAgency").path("agencyId").asLong()).isEqualTo(haikouScj);
    }
}
