package org.yiwang.supervision.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.supervision.card.CardService;
import org.yiwang.supervision.indicator.IndicatorAggregates;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.MutableClock;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * 绩效考核: the province sets a year's weights, a month's ranking is computed from the facts and explained line by
 * line, closing the month freezes it (one close wins), and the ranking downloads as Excel that reads back.
 */
@IntegrationTest
class AssessmentTest {

    private static final ZoneId HAINAN = ZoneId.of("Asia/Shanghai");
    private static final String INDICATORS = "/api/v1/supervision/assessment/indicators";
    private static final String RANKING = "/api/v1/supervision/assessment/ranking";
    private static final String MONTH = "2026-03";

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    IndicatorAggregates aggregates;
    @Autowired
    CardService cards;
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

    private static JsonNode row(JsonNode ranking, String subjectId) {
        for (JsonNode r : ranking.path("rows")) {
            if (r.path("subjectId").asText().equals(subjectId)) {
                return r;
            }
        }
        throw new AssertionError(subjectId + " not ranked in " + ranking);
    }

    private String concluded(Journeys j, Api applicant) {
        String no = j.apply(applicant, j.haikouLicensingItem(), "4601");
        j.step(Personas.login(port, "hk.accept"), no, "accept", Map.of("opinion", "予以受理。"));
        j.step(Personas.login(port, "hk.review"), no, "review", Map.of("opinion", "符合条件。"));
        j.step(Personas.login(port, "hk.approve"), no, "approve", Map.of("opinion", "同意。"));
        return no;
    }

    @Test
    void theProvinceWeighsTheMeasuresAndAClosedMonthKeepsItsExplainedScores() throws Exception {
        Journeys j = new Journeys(port);
        Api province = Personas.login(port, "supervisor");
        Api haikou = Personas.login(port, "hk.supervisor");
        Api applicant = Personas.login(port, "applicant");

        JsonNode system = province.get(INDICATORS, "year", 2026).json();
        assertThat(system.path("indicators").findValuesAsText("code")).contains("ON_TIME", "SATISFACTION", "CARD_ANSWER",
                "HOTLINE_SATISFACTION");
        List<Map<String, Object>> weights = List.of(Map.of("code", "ON_TIME", "weight", 40, "target", 1),
                Map.of("code", "SATISFACTION", "weight", 30, "target", 0.9), Map.of("code", "CARD_FREE", "weight", 30, "target", 1));
        assertProblem(haikou.put(INDICATORS + "?year=2026", Map.of("indicators", weights)), 403, "FORBIDDEN");
        assertProblem(province.put(INDICATORS + "?year=2026", Map.of("indicators", List.of(Map.of("code", "LUCK", "weight", 1, "target", 1)))),
                400, "INVALID_PARAMETER");
        assertProblem(province.put(INDICATORS + "?year=2026", Map.of("indicators", List.of(Map.of("code", "ON_TIME", "weight", 120, "target", 1)))),
                400, "INVALID_PARAMETER");
        assertProblem(province.put(INDICATORS + "?year=2026", Map.of("indicators", List.of(Map.of("code", "ON_TIME", "weight", 10, "target", 0)))),
                400, "INVALID_PARAMETER");
        assertProblem(province.put(INDICATORS + "?year=2026", Map.of("indicators", List.of(Map.of("code", "ON_TIME", "weight", 10, "target", 1),
                Map.of("code", "ON_TIME", "weight", 10, "target", 1)))), 400, "INVALID_PARAMETER");
        JsonNode set = province.put(INDICATORS + "?year=2026", Map.of("indicators", weights)).json();
        assertThat(set.path("defaults").asBoolean()).isFalse();
        assertThat(set.path("indicators").findValuesAsText("code")).containsExactly("ON_TIME", "SATISFACTION", "CARD_FREE");
        assertThat(set.path("updatedBy").asText()).isEqualTo("省电子监察员");

        // March's facts in 海口: two cases concluded on time, one rated, one refused without a legal basis (a red card).
        at("2026-03-16T10:00");
        String rated = concluded(j, applicant);
        concluded(j, applicant);
        assertThat(applicant.post("/api/v1/applications/" + rated + "/evaluation", Map.of("level", 5, "efficiency", 5, "guideAccuracy", 5,
                "convenience", 5, "usability", 5, "comment", "很快")).status()).isEqualTo(201);
        String refused = j.apply(applicant, j.haikouLicensingItem(), "4601");
        j.step(Personas.login(port, "hk.accept"), refused, "refuse", Map.of("opinion", "材料不全"));
        cards.scan();
        aggregates.rebuild(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"));
        at("2026-04-02T09:00");

        JsonNode live = province.get(RANKING, "month", MONTH, "kind", "REGION").json();
        assertThat(live.path("closed").asBoolean()).isFalse();
        JsonNode hk = row(live, "4601");
        assertThat(hk.path("subjectName").asText()).isEqualTo("海口市");
        assertThat(hk.path("lines").findValuesAsText("code")).containsExactly("ON_TIME", "SATISFACTION", "CARD_FREE");
        double points = 0;
        double weighed = 0;
        for (JsonNode line : hk.path("lines")) {
            if (!line.path("points").isNull()) {
                points += line.path("points").asDouble();
                weighed += line.path("weight").asDouble();
                double expected = Math.round(line.path("weight").asDouble() * Math.min(1, line.path("value").asDouble()
                        / line.path("target").asDouble()) * 100) / 100.0;
                assertThat(line.path("points").asDouble()).as(line.toString()).isEqualTo(expected);
            }
        }
        assertThat(hk.path("score").asDouble()).isEqualTo(Math.round(100 * points / weighed * 100) / 100.0);
        JsonNode onTime = hk.path("lines").get(0);
        assertThat(onTime.path("facts").asText()).contains("按时办结", "办结");
        assertThat(hk.path("lines").get(2).path("facts").asText()).containsPattern("亮牌 [1-9]\\d* 张");
        assertThat(haikou.get(RANKING, "month", MONTH).json().path("rows").findValuesAsText("regionCode")).allMatch(c -> c.startsWith("4601"));
        assertThat(province.get(RANKING, "month", MONTH, "kind", "AGENCY").json().path("rows").findValuesAsText("subjectName"))
                .contains("海口市市场监督管理局");
        assertProblem(province.get(RANKING, "month", "2026-13"), 400, "INVALID_PARAMETER");
        assertProblem(province.get(RANKING, "month", "2099-01"), 400, "INVALID_PARAMETER");
        assertProblem(province.get(RANKING, "kind", "TOWN"), 400, "INVALID_PARAMETER");

        // Two supervisors close March at once: exactly one wins.
        assertProblem(haikou.post("/api/v1/supervision/assessment/months/" + MONTH + "/close", Map.of()), 403, "FORBIDDEN");
        List<Api> closers = List.of(province, Personas.login(port, "supervisor"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Api.Response>> answers = new ArrayList<>();
        for (Api closer : closers) {
            Callable<Api.Response> close = () -> closer.post("/api/v1/supervision/assessment/months/" + MONTH + "/close", Map.of());
            answers.add(pool.submit(close));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Api.Response> answer : answers) {
            Api.Response r = answer.get();
            statuses.add(r.status());
            if (r.status() != 200) {
                assertProblem(r, 409, "ALREADY_CLOSED");
            }
        }
        pool.shutdown();
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);

        // Frozen: more of March's facts do not move the closed month's scores.
        at("2026-03-20T10:00");
        concluded(j, applicant);
        aggregates.rebuild(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"));
        at("2026-04-02T09:00");
        JsonNode frozen = province.get(RANKING, "month", MONTH, "kind", "REGION").json();
        assertThat(frozen.path("closed").asBoolean()).isTrue();
        assertThat(frozen.path("closedBy").asText()).isEqualTo("省电子监察员");
        JsonNode hkFrozen = row(frozen, "4601");
        assertThat(hkFrozen.path("score").asDouble()).isEqualTo(hk.path("score").asDouble());
        assertThat(hkFrozen.path("lines")).isEqualTo(hk.path("lines"));
        assertThat(hkFrozen.path("rank").asInt()).isEqualTo(hk.path("rank").asInt());

        // The ranking reads back from its Excel file.
        byte[] xlsx = province.bytes(RANKING + "/export?month=" + MONTH + "&kind=REGION");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheet("排名");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains(MONTH, "已于 2026-04-02 关闭冻结");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).contains("导出时间 2026-04-02 09:00", "Asia/Shanghai");
            assertThat(sheet.getRow(3).getCell(0).getStringCellValue()).isEqualTo("排名");
            Row hkRow = find(sheet, "海口市");
            assertThat(hkRow.getCell(0).getNumericCellValue()).isEqualTo(hkFrozen.path("rank").asDouble());
            assertThat(hkRow.getCell(2).getNumericCellValue()).isEqualTo(hkFrozen.path("score").asDouble());
            assertThat(hkRow.getCell(3).getNumericCellValue()).isEqualTo(hkFrozen.path("lines").get(0).path("points").asDouble());
            assertThat(hkRow.getCell(hkRow.getLastCellNum() - 1).getStringCellValue()).contains("按时办结率", "亮牌控制率");
        }
    }

    private static Row find(Sheet sheet, String name) throws IOException {
        for (Row row : sheet) {
            if (row.getRowNum() > 3 && row.getCell(1) != null && name.equals(row.getCell(1).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError(name + " not in the sheet");
    }
}
