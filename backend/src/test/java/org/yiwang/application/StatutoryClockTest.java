package org.yiwang.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;

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

/** The Administrative Licensing Law's clock, moved across real dates and holidays with a controllable clock. */
@IntegrationTest
class StatutoryClockTest {

    private static final ZoneId HAINAN = ZoneId.of("Asia/Shanghai");

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    WorkflowService workflow;
    @Autowired
    CaseSteps steps;

    private void at(String dateTime) {
        clock.set(LocalDateTime.parse(dateTime).atZone(HAINAN).toInstant());
    }

    private String addWorkingDays(String from, int days) {
        return new Api(port).get("/api/v1/calendar/working-days/add", "from", from, "days", days).json().path("date").asText();
    }

    private JsonNode item(Journeys j) {
        return j.item(i -> i.path("type").asInt() == 1 && i.path("processKey").asText().equals("standard")
                && i.path("promisedLimitDays").asInt() >= 5, "agencyId", j.agencyId("4601", "海口市市场监督管理局"));
    }

    @Test
    void withoutASupplementNoticeInFiveWorkingDaysTheApplicationIsDeemedAcceptedFromReceipt() {
        Journeys j = new Journeys(port);
        at("2026-11-30T10:00");
        Api applicant = Personas.login(port, "applicant");
        String no = j.apply(applicant, item(j), "4601");
        JsonNode submitted = j.application(applicant, no);
        assertThat(submitted.path("acceptanceDueDate").asText()).isEqualTo("2026-12-07");
        String due = addWorkingDays("2026-11-30", Math.min(item(j).path("promisedLimitDays").asInt(), 20));
        assertThat(submitted.path("dueDate").asText()).isEqualTo(due);

        at("2026-12-07T18:00");
        workflow.fireDueTimers();
        assertThat(j.application(applicant, no).path("status").asText()).isEqualTo("SUBMITTED");

        at("2026-12-08T08:30");
        assertThat(workflow.fireDueTimers()).isPositive();
        JsonNode deemed = j.application(applicant, no);
        assertThat(deemed.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(deemed.path("acceptedAt").asText()).startsWith("2026-11-30");
        assertThat(deemed.path("dueDate").asText()).isEqualTo(due);
        JsonNode event = deemed.path("timeline").get(Journeys.actions(deemed).indexOf("DEEMED_ACCEPTED"));
        assertThat(event.path("actor").asText()).isEqualTo("系统");
        assertThat(event.path("opinion").asText()).contains("第三十二条").contains("2026-11-30");
        j.task(Personas.login(port, "hk.review"), no);
    }

    @Test
    void aDueDateSpanningTheNationalDayWeekSkipsItsHolidays() {
        Journeys j = new Journeys(port);
        JsonNode item = item(j);
        int limit = Math.min(item.path("promisedLimitDays").asInt(), 20);
        at("2026-09-29T10:00");
        Api applicant = Personas.login(port, "applicant");
        String no = j.apply(applicant, item, "4601");
        j.step(Personas.login(port, "hk.accept"), no, "accept", Map.of("opinion", "受理"));
        JsonNode accepted = j.application(applicant, no);
        String due = accepted.path("dueDate").asText();
        assertThat(due).isEqualTo(addWorkingDays("2026-09-29", limit));
        assertThat(LocalDate.parse(due)).isAfter(LocalDate.of(2026, 10, 8));
        assertThat(accepted.path("remainingWorkingDays").asInt()).isEqualTo(limit);
    }

    @Test
    void aSpecialProcedureStopsTheClockUntilItEnds() {
        Journeys j = new Journeys(port);
        JsonNode item = item(j);
        int limit = Math.min(item.path("promisedLimitDays").asInt(), 20);
        at("2026-11-02T09:00");
        Api applicant = Personas.login(port, "applicant");
        String no = j.apply(applicant, item, "4601");
        j.step(Personas.login(port, "hk.accept"), no, "accept", Map.of("opinion", "受理"));
        Api reviewer = Personas.login(port, "hk.review");
        assertProblem(j.act(reviewer, j.task(reviewer, no), "suspend", Map.of("opinion", "组织专家评审", "procedure", "PARTY")),
                400, "INVALID_PARAMETER");
        j.step(reviewer, no, "suspend", Map.of("opinion", "组织专家评审", "procedure", "EXPERT_REVIEW"));
        JsonNode suspended = j.application(applicant, no);
        assertThat(suspended.path("status").asText()).isEqualTo("SUSPENDED");
        assertThat(suspended.path("clock").asText()).isEqualTo("SUSPENDED");

        at("2026-11-05T16:00");
        assertThat(j.application(applicant, no).path("remainingWorkingDays").asInt()).isEqualTo(limit);
        JsonNode task = reviewer.get("/api/v1/workbench/tasks/" + j.task(reviewer, no)).json();
        assertThat(task.path("actions").toString()).contains("resume").doesNotContain("\"review\"");
        j.step(reviewer, no, "resume", Map.of("opinion", "专家评审结束"));

        JsonNode resumed = j.application(applicant, no);
        assertThat(resumed.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(resumed.path("dueDate").asText()).isEqualTo(addWorkingDays("2026-11-02", limit + 3));
        assertThat(resumed.path("remainingWorkingDays").asInt()).isEqualTo(limit);
    }

    @Test
    void theHeadExtendsOnceByAtMostTenWorkingDaysWithAReason() {
        Journeys j = new Journeys(port);
        JsonNode item = item(j);
        int limit = Math.min(item.path("promisedLimitDays").asInt(), 20);
        at("2026-11-09T09:00");
        Api applicant = Personas.login(port, "applicant");
        String no = j.apply(applicant, item, "4601");
        j.step(Personas.login(port, "hk.accept"), no, "accept", Map.of("opinion", "受理"));
        j.step(Personas.login(port, "hk.review"), no, "review", Map.of("opinion", "建议准予"));

        Api approver = Personas.login(port, "hk.approve");
        assertProblem(j.act(approver, j.task(approver, no), "extend", Map.of("opinion", "情况复杂", "days", 5)), 409, "ACTION_NOT_ALLOWED");
        Api head = Personas.login(port, "hk.head");
        assertProblem(j.act(head, j.task(head, no), "extend", Map.of("opinion", "情况复杂", "days", 11)), 400, "INVALID_PARAMETER");
        assertProblem(j.act(head, j.task(head, no), "extend", Map.of("days", 5)), 400, "INVALID_PARAMETER");
        j.step(head, no, "extend", Map.of("opinion", "需现场核查，情况复杂", "days", 5));
        JsonNode extended = j.application(applicant, no);
        assertThat(extended.path("dueDate").asText()).isEqualTo(addWorkingDays("2026-11-09", limit + 5));
        assertThat(extended.path("extendedDays").asInt()).isEqualTo(5);
        assertThat(extended.path("timeline").findValuesAsText("opinion")).anyMatch(o -> o.contains("需现场核查"));
        assertProblem(j.act(head, j.task(head, no), "extend", Map.of("opinion", "再次延期", "days", 3)), 409, "ACTION_NOT_ALLOWED");
        j.step(approver, no, "approve", Map.of("opinion", "同意"));
    }

    @Test
    void warningsBeforeTheLimitAndOverdueCasesReachTheAgencysSupervisors() {
        Journeys j = new Journeys(port);
        JsonNode item = item(j);
        int limit = Math.min(item.path("promisedLimitDays").asInt(), 20);
        at("2026-11-16T09:00");
        Api applicant = Personas.login(port, "applicant");
        String no = j.apply(applicant, item, "4601");
        j.step(Personas.login(port, "hk.accept"), no, "accept", Map.of("opinion", "受理"));
        assertThat(j.application(applicant, no).path("clock").asText()).isEqualTo("GREEN");

        at(addWorkingDays("2026-11-16", limit - 1) + "T09:00");
        assertThat(Personas.login(port, "hk.review").get("/api/v1/workbench/tasks", "clock", "YELLOW", "size", 100).json()
                .path("items").findValuesAsText("applicationNo")).contains(no);
        steps.raiseClockWarnings();
        JsonNode yellow = j.application(applicant, no);
        assertThat(yellow.path("clock").asText()).isEqualTo("YELLOW");
        assertThat(Journeys.actions(yellow)).contains("CLOCK_YELLOW");

        at(addWorkingDays("2026-11-16", limit + 2) + "T09:00");
        steps.raiseClockWarnings();
        steps.raiseClockWarnings();
        JsonNode red = j.application(applicant, no);
        assertThat(red.path("clock").asText()).isEqualTo("RED");
        assertThat(red.path("remainingWorkingDays").asInt()).isEqualTo(-2);
        assertThat(Journeys.actions(red).stream().filter("CLOCK_RED"::equals).count()).isEqualTo(1);

        JsonNode inbox = Personas.login(port, "hk.supervisor").get("/api/v1/notifications", "size", 100).json();
        assertThat(inbox.path("items").findValuesAsText("title")).contains("时限预警", "超期督办");
        assertThat(inbox.path("items").findValuesAsText("applicationNo")).contains(no);
        Api supervisor = Personas.login(port, "hk.supervisor");
        JsonNode supervised = supervisor.get("/api/v1/workbench/tasks", "view", "all", "applicationNo", no).json();
        assertThat(supervised.path("items").get(0).path("clock").asText()).isEqualTo("RED");
        assertThat(supervisor.get("/api/v1/workbench/tasks", "view", "all", "clock", "RED", "size", 100).json()
                .path("items").findValuesAsText("applicationNo")).contains(no);
        assertThat(supervisor.get("/api/v1/workbench/tasks", "view", "all", "clock", "GREEN", "size", 100).json()
                .path("items").findValuesAsText("applicationNo")).doesNotContain(no);
        assertThat(supervisor.get("/api/v1/workbench/tasks", "view", "all", "clock", "RED", "receivedFrom", "2026-11-16",
                "receivedTo", "2026-11-16", "itemName", item.path("name").asText(), "status", "ACCEPTED").json()
                .path("items").findValuesAsText("applicationNo")).contains(no);
        assertThat(supervisor.get("/api/v1/workbench/tasks", "view", "all", "clock", "RED", "receivedFrom", "2026-11-17").json()
                .path("items").findValuesAsText("applicationNo")).doesNotContain(no);
    }
}
