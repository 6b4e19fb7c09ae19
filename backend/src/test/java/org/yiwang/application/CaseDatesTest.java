package org.yiwang.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.identity.DemoAccountsAccess;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.MutableClock;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The dates and times people read about one case, pinned by hand across the National Day holiday of 2026: 1–7 October
 * off, Saturday 10 October a make-up working day. The item promises a decision in 8 working days; the case is
 * received on Wednesday 30 September at 12:06 Beijing time (04:06 UTC). The day of receipt is not counted, so the
 * working days after it are 8 Oct (1), 9 Oct (2), Sat 10 Oct (3), 12 Oct (4), 13 Oct (5), 14 Oct (6), 15 Oct (7),
 * 16 Oct (8): acceptance is due on Tuesday 13 October (5 working days), the decision on Friday 16 October (8), and —
 * no supplement notice being sent — accepting the case later does not move the latter.
 */
@IntegrationTest
class CaseDatesTest {

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;

    @Test
    void acceptanceAndDecisionAreDueOnTheirOwnDaysAndEveryTimeReadsInBeijingTime() {
        Journeys j = new Journeys(port);
        Map<String, Object> body = j.itemBody("社会保障卡申领（期限测试）", "standard");
        body.put("promisedLimitDays", 8);
        JsonNode item = j.publishedItem(body);

        clock.set(Instant.parse("2026-09-30T04:06:00Z"));
        Api applicant = Personas.login(port, "applicant");
        String no = j.apply(applicant, item, "4601");

        JsonNode submitted = j.application(applicant, no);
        assertThat(submitted.path("acceptanceDueDate").asText()).isEqualTo("2026-10-13");
        assertThat(submitted.path("dueDate").asText()).isEqualTo("2026-10-16");
        assertThat(submitted.path("remainingWorkingDays").asInt()).isEqualTo(8);
        assertThat(submitted.path("submittedAt").asText()).startsWith("2026-09-30T12:06:").endsWith("+08:00");
        JsonNode submitEvent = submitted.path("timeline").get(Journeys.actions(submitted).indexOf("SUBMIT"));
        assertThat(submitEvent.path("at").asText()).startsWith("2026-09-30T12:06:").endsWith("+08:00");

        JsonNode listed = StreamSupport.stream(applicant.get("/api/v1/applications", "mine", true, "size", 100).json()
                .path("items").spliterator(), false).filter(a -> a.path("applicationNo").asText().equals(no)).findFirst().orElseThrow();
        assertThat(listed.path("acceptanceDueDate").asText()).isEqualTo("2026-10-13");
        assertThat(listed.path("dueDate").asText()).isEqualTo("2026-10-16");

        String suffix = DemoAccountsAccess.applicantId().substring(12);
        JsonNode progress = new Api(port).get("/api/v1/portal/progress", "applicationNo", no, "idSuffix", suffix).json();
        assertThat(progress.path("acceptanceDueDate").asText()).isEqualTo("2026-10-13");
        assertThat(progress.path("dueDate").asText()).isEqualTo("2026-10-16");
        assertThat(progress.path("submittedAt").asText()).startsWith("2026-09-30T12:06:").endsWith("+08:00");
        assertThat(message(applicant, no, "申请已提交")).contains("2026-10-13", "2026-10-16");

        // The task's own time comes from the engine's tables, written as instants: it too reads 12:06 in Beijing.
        Api acceptor = Personas.login(port, "hk.accept");
        JsonNode task = acceptor.get("/api/v1/workbench/tasks", "view", "todo", "applicationNo", no).json().path("items").get(0);
        assertThat(task.path("createdAt").asText()).startsWith("2026-09-30T12:06:").endsWith("+08:00");
        assertThat(task.path("acceptanceDueDate").asText()).isEqualTo("2026-10-13");
        assertThat(task.path("dueDate").asText()).isEqualTo("2026-10-16");

        // Accepted on Friday 9 October, the second working day: still due on the 16th, six working days later
        // (Sat 10, 12, 13, 14, 15, 16 October).
        clock.set(Instant.parse("2026-10-09T01:30:00Z"));
        j.step(acceptor, no, "accept", Map.of("opinion", "材料齐全，予以受理"));
        JsonNode accepted = j.application(applicant, no);
        assertThat(accepted.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(accepted.has("acceptanceDueDate")).isFalse();
        assertThat(accepted.path("dueDate").asText()).isEqualTo("2026-10-16");
        assertThat(accepted.path("remainingWorkingDays").asInt()).isEqualTo(6);
        assertThat(accepted.path("acceptedAt").asText()).startsWith("2026-10-09T09:30:").endsWith("+08:00");
        assertThat(message(applicant, no, "申请已受理")).contains("2026-10-16");

        // Decided at 01:30 on 16 October Beijing time, still the 15th in UTC: the licence is issued on the 16th.
        j.step(Personas.login(port, "hk.review"), no, "review", Map.of("opinion", "符合条件"));
        clock.set(Instant.parse("2026-10-15T17:30:00Z"));
        j.step(Personas.login(port, "hk.approve"), no, "approve", Map.of("opinion", "同意"));
        String code = j.application(applicant, no).path("license").path("verificationCode").asText();
        JsonNode licence = new Api(port).get("/api/v1/licenses/verify", "code", code).json();
        assertThat(licence.path("issuedAt").asText()).startsWith("2026-10-16T01:30:").endsWith("+08:00");
    }

    private static String message(Api applicant, String no, String title) {
        return StreamSupport.stream(applicant.get("/api/v1/notifications", "size", 100).json().path("items").spliterator(), false)
                .filter(m -> m.path("applicationNo").asText().equals(no) && m.path("title").asText().startsWith(title + " · "))
                .findFirst().orElseThrow(() -> new AssertionError("no message " + title)).path("body").asText();
    }
}
