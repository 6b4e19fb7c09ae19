package org.yiwang.supervision.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.MutableClock;
import org.yiwang.support.Personas;
import org.yiwang.timelimit.StatutoryClock;
import org.yiwang.timelimit.WorkingCalendar;

import com.fasterxml.jackson.databind.JsonNode;

/** 亮牌 rules on the controllable clock, and a card's answer (情况说明) and the province's decision. */
@IntegrationTest
class CardsTest {

    private static final ZoneId HAINAN = ZoneId.of("Asia/Shanghai");
    private static final String CARDS = "/api/v1/supervision/cards";

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    CardService cards;
    @Autowired
    WorkingCalendar calendar;
    @Autowired
    StatutoryClock statutory;
    private Duration offset;

    @BeforeEach
    void keepTheClock() {
        offset = Duration.between(Instant.now(), clock.instant());
    }

    @AfterEach
    void restoreTheClock() {
        clock.set(Instant.now().plus(offset));
    }

    private void at(String dateTime) {
        clock.set(LocalDateTime.parse(dateTime).atZone(HAINAN).toInstant());
    }

    private JsonNode cardsOf(Api supervisor, String no) {
        return supervisor.get(CARDS, "applicationNo", no).json().path("items");
    }

    /** The rules on the whole case (its steps have cards of their own). */
    private java.util.List<String> caseRules(Api supervisor, String no) {
        return cardsOf(supervisor, no).findValuesAsText("ruleCode").stream().filter(r -> r.startsWith("CASE_")).toList();
    }

    @Test
    void theAcceptanceStepTurnsYellowOnItsOwnAndTheCardIsAnsweredThenAcceptedByTheProvince() {
        Journeys j = new Journeys(port);
        Api applicant = Personas.login(port, "applicant");
        Api haikou = Personas.login(port, "hk.supervisor");
        Api province = Personas.login(port, "supervisor");
        at("2026-12-14T09:00");
        String no = j.apply(applicant, j.haikouLicensingItem(), "4601");
        assertThat(j.application(applicant, no).path("acceptanceDueDate").asText()).isEqualTo("2026-12-21");
        cards.scan();
        assertThat(cardsOf(haikou, no).size()).isZero();

        // Friday: one working day of the five is left, while the whole case is far from its due date.
        at("2026-12-18T09:00");
        cards.scan();
        JsonNode card = cardsOf(haikou, no).get(0);
        assertThat(card.path("ruleCode").asText()).isEqualTo("ACCEPT_STEP_YELLOW");
        assertThat(card.path("colour").asText()).isEqualTo("YELLOW");
        assertThat(card.path("stepKey").asText()).isEqualTo("acceptApplication");
        assertThat(card.path("status").asText()).isEqualTo("OPEN");
        assertThat(card.path("answerDue").asText()).isEqualTo("2026-12-23");
        assertThat(haikou.get("/api/v1/notifications", "size", 100).json().path("items").findValuesAsText("title")).contains("电子监察黄牌");
        cards.scan();
        assertThat(cardsOf(province, no).size()).as("a rule fires once").isEqualTo(1);
        assertThat(cardsOf(Personas.login(port, "hk.supervisor"), no).size()).isEqualTo(1);

        long id = card.path("id").asLong();
        String path = CARDS + "/" + id;
        assertProblem(province.post(path + "/answer", Map.of("note", "省里代答")), 403, "FORBIDDEN");
        assertProblem(haikou.post(path + "/answer", Map.of("note", " ")), 400, "INVALID_PARAMETER");
        assertProblem(haikou.post(path + "/accept", Map.of()), 403, "FORBIDDEN");
        assertProblem(province.post(path + "/accept", Map.of()), 409, "WRONG_STATE");
        JsonNode answered = haikou.post(path + "/answer", Map.of("note", "受理窗口人员病休，已调配人员于今日受理")).json();
        assertThat(answered.path("status").asText()).isEqualTo("ANSWERED");
        assertThat(answered.path("answeredBy").asText()).isEqualTo("海口市监察员");
        assertProblem(haikou.post(path + "/answer", Map.of("note", "再说明")), 409, "WRONG_STATE");

        assertProblem(province.post(path + "/reject", Map.of()), 400, "INVALID_PARAMETER");
        assertThat(province.post(path + "/reject", Map.of("note", "请说明今后如何避免")).json().path("status").asText()).isEqualTo("REJECTED");
        assertThat(haikou.post(path + "/answer", Map.of("note", "已建立受理岗位AB角制度")).json().path("status").asText()).isEqualTo("ANSWERED");
        JsonNode accepted = province.post(path + "/accept", Map.of("note", "同意")).json();
        assertThat(accepted.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(accepted.path("decidedBy").asText()).isEqualTo("省电子监察员");
        assertProblem(province.post(path + "/reject", Map.of("note", "改主意")), 409, "WRONG_STATE");
    }

    @Test
    void aCasePastItsDueDateGetsARedCardAndNotAYellowOne() {
        Journeys j = new Journeys(port);
        Api applicant = Personas.login(port, "applicant");
        at("2026-12-14T10:00");
        String no = j.apply(applicant, j.haikouLicensingItem(), "4601");
        j.step(Personas.login(port, "hk.accept"), no, "accept", Map.of("opinion", "予以受理。"));
        LocalDate due = LocalDate.parse(j.application(applicant, no).path("dueDate").asText());
        at(due + "T18:00");
        cards.scan();
        Api province = Personas.login(port, "supervisor");
        assertThat(caseRules(province, no)).containsExactly("CASE_YELLOW");
        at(due.plusDays(1) + "T09:00");
        cards.scan();
        assertThat(caseRules(province, no)).containsExactlyInAnyOrder("CASE_YELLOW", "CASE_RED");
        assertThat(cardsOf(province, no).findValuesAsText("colour")).contains("RED");
    }

    @Test
    void aRefusalWithoutALegalBasisIsCardedAndOneCitingTheLawIsNot() {
        Journeys j = new Journeys(port);
        Api applicant = Personas.login(port, "applicant");
        Api accept = Personas.login(port, "hk.accept");
        String bare = j.apply(applicant, j.haikouLicensingItem(), "4601");
        String cited = j.apply(applicant, j.haikouLicensingItem(), "4601");
        j.step(accept, bare, "refuse", Map.of("opinion", "材料不符合要求"));
        j.step(accept, cited, "refuse", Map.of("opinion", "依据《中华人民共和国行政许可法》第三十二条，申请事项不属于本机关职权范围。"));
        cards.scan();
        Api haikou = Personas.login(port, "hk.supervisor");
        JsonNode card = cardsOf(haikou, bare).get(0);
        assertThat(card.path("ruleCode").asText()).isEqualTo("REFUSAL_WITHOUT_BASIS");
        assertThat(card.path("colour").asText()).isEqualTo("RED");
        assertThat(card.path("detail").asText()).contains("材料不符合要求");
        assertThat(cardsOf(haikou, cited).size()).isZero();
        assertProblem(haikou.get(CARDS, "status", "LOST"), 400, "INVALID_PARAMETER");
        assertThat(haikou.get(CARDS, "status", "OPEN", "applicationNo", bare).json().path("total").asLong()).isEqualTo(1);
    }

    @Test
    void theReviewStepHasItsOwnClockAndTurnsYellowThenRedWhileTheCaseIsStillOnTime() {
        Journeys j = new Journeys(port);
        Api applicant = Personas.login(port, "applicant");
        Api province = Personas.login(port, "supervisor");
        at("2026-12-14T10:00");
        String no = j.apply(applicant, j.haikouLicensingItem(), "4601");
        j.step(Personas.login(port, "hk.accept"), no, "accept", Map.of("opinion", "予以受理。"));
        LocalDate caseDue = LocalDate.parse(j.application(applicant, no).path("dueDate").asText());

        JsonNode view = province.get("/api/v1/supervision/cases/" + no).json();
        JsonNode accept = view.path("steps").get(0);
        assertThat(accept.path("kind").asText()).isEqualTo("accept");
        assertThat(accept.path("limitDays").asInt()).isEqualTo(5);
        assertThat(accept.path("limitSource").asText()).isEqualTo("LAW");
        assertThat(accept.path("colour").asText()).isEqualTo("GREEN");
        assertThat(accept.path("endedAt").asText()).startsWith("2026-12-14T10:00");
        JsonNode review = view.path("steps").get(1);
        assertThat(review.path("key").asText()).isEqualTo("reviewApplication");
        assertThat(review.path("limitSource").asText()).isEqualTo("ITEM");
        assertThat(review.hasNonNull("endedAt")).isFalse();
        int limit = review.path("limitDays").asInt();
        LocalDate due = LocalDate.parse(review.path("dueDate").asText());
        assertThat(due).isEqualTo(calendar.addWorkingDays(LocalDate.parse("2026-12-14"), limit));
        assertThat(due).as("the step is due well before the case").isBefore(caseDue);

        LocalDate yellow = statutory.yellowFrom(due, limit);
        LocalDate before = calendar.workingDaysBefore(yellow, 1);
        at(before + "T09:00");
        cards.scan();
        assertThat(cardsOf(province, no).findValuesAsText("ruleCode")).doesNotContain("STEP_YELLOW", "STEP_RED");
        at(yellow + "T09:00");
        cards.scan();
        JsonNode card = cardsOf(province, no).get(0);
        assertThat(card.path("ruleCode").asText()).isEqualTo("STEP_YELLOW");
        assertThat(card.path("stepKey").asText()).isEqualTo("reviewApplication");
        assertThat(card.path("detail").asText()).contains("审查", due.toString());
        assertThat(province.get("/api/v1/supervision/cases/" + no).json().path("steps").get(1).path("colour").asText()).isEqualTo("YELLOW");

        LocalDate late = calendar.addWorkingDays(due, 1);
        at(late + "T09:00");
        cards.scan();
        assertThat(late).isBefore(caseDue);
        assertThat(cardsOf(province, no).findValuesAsText("ruleCode")).contains("STEP_YELLOW", "STEP_RED").doesNotContain("CASE_RED");
        JsonNode now = province.get("/api/v1/supervision/cases/" + no).json();
        assertThat(now.path("steps").get(1).path("colour").asText()).isEqualTo("RED");
        assertThat(now.path("steps").get(1).path("remainingWorkingDays").asInt()).isEqualTo(-1);
        assertThat(now.path("cards").findValuesAsText("ruleCode")).contains("STEP_RED");
        assertThat(Personas.login(port, "hk.supervisor").get("/api/v1/supervision/cases/" + no).status()).isEqualTo(200);
        assertProblem(province.get("/api/v1/supervision/cases/460100-NONE"), 404, "NOT_FOUND");

        // The step done late stays red in the case's history once the reviewer has finished it.
        j.step(Personas.login(port, "hk.review"), no, "review", Map.of("opinion", "符合条件。"));
        JsonNode done = province.get("/api/v1/supervision/cases/" + no).json().path("steps").get(1);
        assertThat(done.hasNonNull("endedAt")).isTrue();
        assertThat(done.path("colour").asText()).isEqualTo("RED");
    }
}
