package org.yiwang.supervision.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The supervision indicators: a seeded random run of lifecycles through the API, then the daily aggregates
 * checked against a recomputation from the raw cases, row by row and through the route; the route's scope.
 */
@IntegrationTest
class IndicatorsTest {

    private static final String ROUTE = "/api/v1/supervision/indicators";
    private static final Set<String> OPEN = Set.of("SUBMITTED", "ACCEPTED", "SUPPLEMENT_REQUIRED", "UNDER_REVIEW", "SUSPENDED",
            "APPROVED", "REJECTED");
    private static final Set<String> CONCLUDED = Set.of("CONCLUDED", "DELIVERED");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate db;
    @Autowired
    Clock clock;
    @Autowired
    IndicatorAggregates aggregates;

    @Test
    void theAggregatesEqualARecomputationFromTheRawCasesAfterARandomRunOfLifecycles() {
        Journeys j = new Journeys(port);
        JsonNode item = j.haikouLicensingItem();
        Api applicant = Personas.login(port, "applicant");
        Api accept = Personas.login(port, "hk.accept");
        Api review = Personas.login(port, "hk.review");
        Api approve = Personas.login(port, "hk.approve");
        Api supervisor = Personas.login(port, "supervisor");
        refreshed();
        LocalDate today = LocalDate.now(clock);
        JsonNode before = supervisor.get(ROUTE, "regionCode", "4601", "from", today.toString(), "to", today.toString()).json();

        Random random = new Random(20261202L);
        Map<String, Long> outcomes = new TreeMap<>();
        for (int i = 0; i < 10; i++) {
            String no = j.apply(applicant, item, "4601");
            int outcome = random.nextInt(7);
            outcomes.merge(List.of("open", "accepted", "refused", "withdrawn", "supplemented", "concluded", "rated").get(outcome), 1L,
                    Long::sum);
            switch (outcome) {
                case 0 -> { }
                case 1 -> j.step(accept, no, "accept", Map.of("opinion", "予以受理。"));
                case 2 -> j.step(accept, no, "refuse", Map.of("opinion", "不属于本机关职权范围，依据《行政许可法》第三十二条不予受理。"));
                case 3 -> assertThat(applicant.post("/api/v1/applications/" + no + "/withdraw", Map.of("reason", "信息填错")).status())
                        .isEqualTo(200);
                case 4 -> {
                    long material = item.path("materials").get(0).path("id").asLong();
                    j.step(accept, no, "supplement", Map.of("opinion", "申请表未签字", "materialIds", List.of(material)));
                    j.upload(applicant, no, material);
                    assertThat(applicant.post("/api/v1/applications/" + no + "/supplement", Map.of("opinion", "已补正")).status())
                            .isEqualTo(200);
                    j.step(accept, no, "accept", Map.of("opinion", "补正后予以受理。"));
                }
                default -> {
                    j.step(accept, no, "accept", Map.of("opinion", "予以受理。"));
                    j.step(review, no, "review", Map.of("opinion", "符合条件。"));
                    j.step(approve, no, "approve", Map.of("opinion", "同意。"));
                    if (outcome == 6) {
                        int level = 1 + random.nextInt(5);
                        Api.Response rated = applicant.post("/api/v1/applications/" + no + "/evaluation", Map.of("level", level,
                                "efficiency", level, "guideAccuracy", 5, "convenience", 4, "usability", 5, "comment", "办理情况评价"));
                        assertThat(rated.status()).as(rated.body()).isEqualTo(201);
                    }
                }
            }
        }
        assertThat(outcomes).as("the seed exercises most lifecycles").hasSizeGreaterThanOrEqualTo(5);
        refreshed();

        LocalDate first = db.queryForObject("SELECT MIN(submitted_at) FROM application WHERE test_run = FALSE", LocalDateTime.class)
                .toLocalDate();
        assertThat(storedRows(first, today)).isEqualTo(recomputedRows(first, today));

        // The route answers the sums: today's figures in 海口 grew by what the run did.
        JsonNode after = supervisor.get(ROUTE, "regionCode", "4601", "from", today.toString(), "to", today.toString()).json();
        assertThat(after.path("received").asLong() - before.path("received").asLong()).isEqualTo(10L);
        long concludedNow = outcomes.getOrDefault("concluded", 0L) + outcomes.getOrDefault("rated", 0L);
        assertThat(after.path("concluded").asLong() - before.path("concluded").asLong()).isEqualTo(concludedNow);
        assertThat(after.path("refused").asLong() - before.path("refused").asLong()).isEqualTo(outcomes.getOrDefault("refused", 0L));
        assertThat(after.path("withdrawn").asLong() - before.path("withdrawn").asLong()).isEqualTo(outcomes.getOrDefault("withdrawn", 0L));
        assertThat(after.path("rated").asLong() - before.path("rated").asLong()).isEqualTo(outcomes.getOrDefault("rated", 0L));
        JsonNode province = supervisor.get(ROUTE, "regionCode", "46", "from", first.toString(), "to", today.toString()).json();
        List<Long> raw = totals(first, today);
        assertThat(List.of(province.path("received").asLong(), province.path("inProgress").asLong(), province.path("concluded").asLong(),
                province.path("overdue").asLong(), province.path("rated").asLong())).isEqualTo(raw);
        assertThat(province.path("trend").size()).isEqualTo((int) (today.toEpochDay() - first.toEpochDay()) + 1);
        assertThat(province.path("onTimeRate").asDouble()).isBetween(0.0, 1.0);

        // Replayable: rebuilding the days from scratch gives the same rows.
        aggregates.rebuild(first, today);
        assertThat(storedRows(first, today)).isEqualTo(recomputedRows(first, today));
    }

    @Test
    void aCaseConcludedAtOneSecondToMidnightCountsForThatDay() {
        Journeys j = new Journeys(port);
        Api applicant = Personas.login(port, "applicant");
        String no = j.apply(applicant, j.haikouLicensingItem(), "4601");
        j.step(Personas.login(port, "hk.accept"), no, "accept", Map.of("opinion", "予以受理。"));
        j.step(Personas.login(port, "hk.review"), no, "review", Map.of("opinion", "符合条件。"));
        j.step(Personas.login(port, "hk.approve"), no, "approve", Map.of("opinion", "同意。"));
        LocalDate day = LocalDate.now(clock);
        // The conclusion moved to the last second of the day, through the same driver and columns the service writes.
        db.update("UPDATE application SET concluded_at = ? WHERE application_no = ?", day.atTime(23, 59, 59), no);
        aggregates.rebuild(day, day.plusDays(1));
        Api supervisor = Personas.login(port, "supervisor");
        long onDay = supervisor.get(ROUTE, "regionCode", "4601", "from", day.toString(), "to", day.toString()).json().path("concluded").asLong();
        long nextDay = supervisor.get(ROUTE, "regionCode", "4601", "from", day.plusDays(1).toString(), "to", day.plusDays(1).toString())
                .json().path("concluded").asLong();
        assertThat(onDay).isEqualTo(concludedRaw(day.atStartOfDay(), day.plusDays(1).atStartOfDay()));
        assertThat(onDay).isPositive();
        assertThat(nextDay).isEqualTo(concludedRaw(day.plusDays(1).atStartOfDay(), day.plusDays(2).atStartOfDay()));
    }

    @Test
    void aSupervisorSeesTheirSubtreeOnlyAndBadPeriodsAreRefused() {
        Api province = Personas.login(port, "supervisor");
        Api haikou = Personas.login(port, "hk.supervisor");
        refreshed();
        assertThat(province.get(ROUTE, "regionCode", "46").status()).isEqualTo(200);
        assertThat(province.get(ROUTE, "regionCode", "4602").json().path("regionName").asText()).isEqualTo("三亚市");
        JsonNode own = haikou.get(ROUTE).json();
        assertThat(own.path("regionCode").asText()).isEqualTo("4601");
        assertThat(own.path("trend").size()).isEqualTo(30);
        assertThat(haikou.get(ROUTE, "regionCode", "460105").status()).isEqualTo(200);
        assertProblem(haikou.get(ROUTE, "regionCode", "4602"), 403, "FORBIDDEN");
        assertProblem(haikou.get(ROUTE, "regionCode", "46"), 403, "FORBIDDEN");
        assertProblem(haikou.get(ROUTE, "regionCode", "abc"), 400, "INVALID_PARAMETER");
        assertProblem(haikou.get(ROUTE, "from", "2026-13-01"), 400, "INVALID_PARAMETER");
        assertProblem(haikou.get(ROUTE, "from", "2026-03-02", "to", "2026-03-01"), 400, "INVALID_PARAMETER");
        assertProblem(haikou.get(ROUTE, "from", "2020-01-01", "to", "2026-03-01"), 400, "INVALID_PARAMETER");
        assertProblem(Personas.login(port, "applicant").get(ROUTE), 403, "FORBIDDEN");

        // 海口's cases are in 海口's and the province's figures, never in 三亚's.
        Journeys j = new Journeys(port);
        String today = LocalDate.now(clock).toString();
        long sanyaBefore = province.get(ROUTE, "regionCode", "4602", "from", today, "to", today).json().path("received").asLong();
        long haikouBefore = haikou.get(ROUTE, "from", today, "to", today).json().path("received").asLong();
        j.apply(Personas.login(port, "applicant"), j.haikouLicensingItem(), "4601");
        refreshed();
        assertThat(haikou.get(ROUTE, "from", today, "to", today).json().path("received").asLong()).isEqualTo(haikouBefore + 1);
        assertThat(province.get(ROUTE, "regionCode", "4602", "from", today, "to", today).json().path("received").asLong())
                .isEqualTo(sanyaBefore);

        JsonNode statistics = new Api(port).get("/api/v1/portal/statistics").json();
        assertThat(statistics.path("date").asText()).isEqualTo(today);
        assertThat(statistics.path("receivedThisYear").asLong()).isGreaterThanOrEqualTo(statistics.path("receivedToday").asLong());
    }

    /** A refresh that found another node's refresh under way took nothing; the next one sees every committed change. */
    private void refreshed() {
        for (int attempt = 0; attempt < 5 && aggregates.refresh() == 0; attempt++) {
            Thread.onSpinWait();
        }
    }

    private long concludedRaw(LocalDateTime from, LocalDateTime to) {
        return db.queryForObject("SELECT COUNT(*) FROM application WHERE concluded_at >= ? AND concluded_at < ? AND test_run = FALSE"
                + " AND status IN ('CONCLUDED', 'DELIVERED')", Long.class, from, to);
    }

    /** received, inProgress, concluded, overdue, rated over the period, straight from the cases and ratings. */
    private List<Long> totals(LocalDate from, LocalDate to) {
        long[] t = new long[5];
        recomputedRows(from, to).values().forEach(r -> {
            t[0] += r.get(0);
            t[1] += r.get(1);
            t[2] += r.get(4);
            t[3] += r.get(5);
            t[4] += r.get(6);
        });
        return List.of(t[0], t[1], t[2], t[3], t[4]);
    }

    private Map<String, List<Long>> storedRows(LocalDate from, LocalDate to) {
        Map<String, List<Long>> rows = new TreeMap<>();
        db.query("SELECT day, agency_id, item_id, region_code, received, in_progress, refused, withdrawn, concluded, overdue, rated"
                + " FROM supervision_daily WHERE day >= ? AND day <= ?", r -> {
                    List<Long> v = new ArrayList<>();
                    v.add(r.getLong("received"));
                    v.add(r.getLong("in_progress"));
                    v.add(r.getLong("refused"));
                    v.add(r.getLong("withdrawn"));
                    v.add(r.getLong("concluded"));
                    v.add(r.getLong("overdue"));
                    v.add(r.getLong("rated"));
                    if (v.stream().anyMatch(x -> x != 0)) {
                        rows.put(r.getObject("day", LocalDate.class) + "/" + r.getLong("agency_id") + "/" + r.getLong("item_id") + "/"
                                + r.getString("region_code"), v);
                    }
                }, from, to);
        return rows;
    }

    /** The same figures as the aggregates keep, counted from every case and rating by their local day. */
    private Map<String, List<Long>> recomputedRows(LocalDate from, LocalDate to) {
        LocalDate today = LocalDate.now(clock);
        Map<String, long[]> rows = new TreeMap<>();
        db.query("SELECT a.agency_id, a.item_id, a.region_code, a.status, a.submitted_at, a.due_date, a.concluded_at FROM application a"
                + " WHERE a.submitted_at IS NOT NULL AND a.test_run = FALSE", r -> {
                    String key = r.getLong("agency_id") + "/" + r.getLong("item_id") + "/" + r.getString("region_code");
                    String status = r.getString("status");
                    LocalDate received = r.getObject("submitted_at", LocalDateTime.class).toLocalDate();
                    LocalDateTime concludedAt = r.getObject("concluded_at", LocalDateTime.class);
                    LocalDate due = r.getObject("due_date", LocalDate.class);
                    boolean concluded = CONCLUDED.contains(status) && concludedAt != null;
                    if (!received.isBefore(from) && !received.isAfter(to)) {
                        long[] v = rows.computeIfAbsent(received + "/" + key, k -> new long[7]);
                        v[0]++;
                        v[1] += OPEN.contains(status) ? 1 : 0;
                        v[2] += "NOT_ACCEPTED".equals(status) ? 1 : 0;
                        v[3] += "WITHDRAWN".equals(status) ? 1 : 0;
                        boolean late = due != null && (OPEN.contains(status) ? today.isAfter(due)
                                : concluded && concludedAt.toLocalDate().isAfter(due));
                        v[5] += late ? 1 : 0;
                    }
                    if (concluded && !concludedAt.toLocalDate().isBefore(from) && !concludedAt.toLocalDate().isAfter(to)) {
                        rows.computeIfAbsent(concludedAt.toLocalDate() + "/" + key, k -> new long[7])[4]++;
                    }
                });
        db.query("SELECT a.agency_id, a.item_id, a.region_code, e.at FROM evaluation e JOIN application a ON a.id = e.application_id"
                + " WHERE a.test_run = FALSE", r -> {
                    LocalDate day = r.getObject("at", LocalDateTime.class).toLocalDate();
                    if (!day.isBefore(from) && !day.isAfter(to)) {
                        rows.computeIfAbsent(day + "/" + r.getLong("agency_id") + "/" + r.getLong("item_id") + "/" + r.getString("region_code"),
                                k -> new long[7])[6]++;
                    }
                });
        Map<String, List<Long>> answer = new TreeMap<>();
        rows.forEach((k, v) -> answer.put(k, java.util.Arrays.stream(v).boxed().toList()));
        return answer;
    }

    @Test
    void everyCountingFigureDrillsDownToTheCasesBehindItAndTheDashboardReadsBackFromExcel() throws Exception {
        Journeys j = new Journeys(port);
        Api applicant = Personas.login(port, "applicant");
        Api accept = Personas.login(port, "hk.accept");
        String refused = j.apply(applicant, j.haikouLicensingItem(), "4601");
        j.step(accept, refused, "refuse", Map.of("opinion", "材料不全"));
        String open = j.apply(applicant, j.haikouLicensingItem(), "4601");
        refreshed();
        LocalDate today = LocalDate.now(clock);
        // Tests before this one may have moved the shared clock ahead and back: a refresh made meanwhile counted open
        // cases as overdue that are not overdue today (in production the clock only moves on). Rebuilt, the days
        // count as of today, which is when the drill-down reads an open case's state.
        aggregates.rebuild(today.minusDays(2), today);
        Api supervisor = Personas.login(port, "supervisor");
        Object[] scope = { "regionCode", "4601", "from", today.minusDays(2).toString(), "to", today.toString() };
        JsonNode figures = supervisor.get(ROUTE, scope).json();
        for (String figure : List.of("received", "inProgress", "refused", "withdrawn", "overdue", "concluded", "concludedOnTime", "rated")) {
            List<Object> query = new ArrayList<>(List.of(scope));
            query.addAll(List.of("figure", figure, "size", 100));
            JsonNode cases = supervisor.get(ROUTE + "/cases", query.toArray()).json();
            assertThat(cases.path("total").asLong()).as(figure).isEqualTo(figures.path(figure).asLong());
        }
        JsonNode refusedCases = supervisor.get(ROUTE + "/cases", "regionCode", "4601", "from", today.toString(), "to", today.toString(),
                "figure", "refused", "size", 100).json();
        assertThat(refusedCases.path("items").findValuesAsText("applicationNo")).contains(refused).doesNotContain(open);
        assertThat(refusedCases.path("items").get(0).path("agencyName").asText()).isNotBlank();
        assertProblem(supervisor.get(ROUTE + "/cases", "figure", "onTimeRate"), 400, "INVALID_PARAMETER");
        assertProblem(supervisor.get(ROUTE + "/cases", "figure", "luck"), 400, "INVALID_PARAMETER");
        assertProblem(Personas.login(port, "hk.supervisor").get(ROUTE + "/cases", "regionCode", "4602", "figure", "received"), 403,
                "FORBIDDEN");

        byte[] xlsx = supervisor.bytes(ROUTE + "/export?regionCode=4601&from=" + today.minusDays(2) + "&to=" + today);
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(xlsx))) {
            org.apache.poi.ss.usermodel.Sheet sheet = book.getSheet("指标");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains("海口市", today.toString());
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).contains("导出时间", "Asia/Shanghai");
            Map<String, Double> values = new TreeMap<>();
            Map<String, String> formulas = new TreeMap<>();
            for (org.apache.poi.ss.usermodel.Row row : sheet) {
                if (row.getRowNum() > 3) {
                    values.put(row.getCell(0).getStringCellValue(), row.getCell(1).getNumericCellValue());
                    formulas.put(row.getCell(0).getStringCellValue(), row.getCell(2).getStringCellValue());
                }
            }
            assertThat(values.get("收件数")).isEqualTo(figures.path("received").asDouble());
            assertThat(values.get("不予受理数")).isEqualTo(figures.path("refused").asDouble());
            assertThat(values.get("按时办结率")).isEqualTo(figures.path("onTimeRate").asDouble());
            assertThat(formulas.get("按时办结率")).isEqualTo("按时办结数 ÷ 办结数");
            assertThat(book.getSheet("每日趋势").getLastRowNum()).isEqualTo(3 + 3);
        }
    }
}

