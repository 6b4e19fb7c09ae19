package org.yiwang.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.MutableClock;
import org.yiwang.support.Personas;
import org.yiwang.workflow.WorkflowService;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The ticket's deadlines as BPMN timers (processes/hotlineTicket.bpmn20.xml) on the controllable clock: each timer
 * fires once, a ticket that left the agency keeps no timers, and tickets returned or reopened three times go to
 * 提级督办. Dispatched on Monday 9 November 2026, 10:00 in Haikou: signing due Tuesday 10th, a complaint's reply
 * Monday 16th.
 */
@IntegrationTest
class HotlineTimersTest {

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
    private long haikouScj;

    @BeforeEach
    void setUp() {
        clock.set(MONDAY);
        h = new Hotline(port);
        applicant = Personas.login(port, "applicant");
        dispatcher = Personas.login(port, "dispatcher");
        haikou = Personas.login(port, "hk.accept");
        haikouScj = h.agency("4601", "4601-SCJ");
    }

    private String dispatched() {
        String no = h.file(applicant, Hotline.intake("COMPLAINT", "020102", "460106", "海口市龙华区某美容院办卡后闭店"))
                .path("ticketNo").asText();
        h.step(dispatcher, no, "dispatch", Map.of("agencyId", haikouScj));
        return no;
    }

    private long count(String no, String action) {
        return Hotline.actions(h.get(dispatcher, no)).stream().filter(action::equals).count();
    }

    /** Fires what is due, twice: a timer that fired must not fire again. */
    private void fire() {
        workflow.fireDueTimers();
        workflow.fireDueTimers();
    }

    @Test
    void theSignDeadlineWarnsThenRaisesOnceAndTheReplyDeadlineFollowsTheSigning() {
        String no = dispatched();
        fire();
        assertThat(count(no, "SIGN_WARNING")).isZero();

        clock.advance(Duration.ofDays(1));
        fire();
        assertThat(count(no, "SIGN_WARNING")).isEqualTo(1);
        assertThat(count(no, "SIGN_OVERDUE")).isZero();

        clock.advance(Duration.ofDays(1));
        fire();
        JsonNode late = h.get(haikou, no);
        assertThat(late.path("clock").asText()).isEqualTo("RED");
        assertThat(count(no, "SIGN_OVERDUE")).isEqualTo(1);
        assertThat(dispatcher.get("/api/v1/notifications", "size", 100).json().path("items").findValuesAsText("body"))
                .filteredOn(b -> b.contains(no) && b.contains("签收已超期")).hasSize(1);

        // Signed late: the signing's timers are gone, the reply's run to Monday 16th.
        h.step(haikou, no, "sign", Map.of());
        clock.set(Instant.parse("2026-11-16T02:00:00Z"));
        fire();
        assertThat(count(no, "REPLY_WARNING")).isEqualTo(1);
        assertThat(count(no, "REPLY_OVERDUE")).isZero();
        clock.advance(Duration.ofDays(1));
        fire();
        assertThat(count(no, "REPLY_OVERDUE")).isEqualTo(1);
        assertThat(h.get(haikou, no).path("clock").asText()).isEqualTo("RED");
        assertThat(count(no, "SIGN_OVERDUE")).isEqualTo(1);

        // Replied: the round ends and nothing fires any more.
        h.step(haikou, no, "reply", Map.of("text", "已责令经营者退款"));
        clock.advance(Duration.ofDays(10));
        fire();
        assertThat(count(no, "REPLY_OVERDUE")).isEqualTo(1);
    }

    @Test
    void aReturnedTicketKeepsNoTimersAndAnApprovedExtensionMovesTheReplyDeadline() {
        String no = dispatched();
        h.step(haikou, no, "return", Map.of("text", "不属于本单位职责"));
        clock.advance(Duration.ofDays(3));
        fire();
        assertThat(count(no, "SIGN_OVERDUE")).isZero();
        assertThat(count(no, "SIGN_WARNING")).isZero();

        clock.set(MONDAY);
        String other = dispatched();
        h.step(haikou, other, "sign", Map.of());
        h.step(haikou, other, "extension", Map.of("days", 3, "reason", "需现场核查"));
        h.step(dispatcher, other, "extension/decision", Map.of("approve", true));
        assertThat(h.get(haikou, other).path("replyDue").asText()).isEqualTo("2026-11-19");
        clock.set(Instant.parse("2026-11-17T02:00:00Z"));
        fire();
        assertThat(count(other, "REPLY_OVERDUE")).isZero();
        clock.set(Instant.parse("2026-11-20T02:00:00Z"));
        fire();
        assertThat(count(other, "REPLY_OVERDUE")).isEqualTo(1);
    }

    @Test
    void threeReopensRaiseTheTicketToTheSupervisorAndEndItsTimers() {
        String no = dispatched();
        for (int i = 1; i <= 3; i++) {
            h.step(haikou, no, "sign", Map.of());
            h.step(haikou, no, "reply", Map.of("text", "已处理（第 " + i + " 次）"));
            JsonNode rated = h.step(applicant, no, "rating", Map.of("rating", "UNSATISFIED", "comment", "仍未退款"));
            assertThat(rated.path("state").asText()).isEqualTo(i < 3 ? "DISPATCHED" : "ESCALATED");
        }
        clock.advance(Duration.ofDays(20));
        fire();
        assertThat(count(no, "SIGN_OVERDUE")).isZero();
        assertThat(count(no, "REPLY_OVERDUE")).isZero();
        Api supervisor = Personas.login(port, "supervisor");
        assertThat(Hotline.numbers(supervisor.get(Hotline.TICKETS, "view", "supervise", "size", 100).json())).contains(no);
    }
}
