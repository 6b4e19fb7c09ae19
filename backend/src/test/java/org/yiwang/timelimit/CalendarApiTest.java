package org.yiwang.timelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

@IntegrationTest
class CalendarApiTest {

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private String add(String from, int days) {
        return api.get("/api/v1/calendar/working-days/add", "from", from, "days", days).json().path("date").asText();
    }

    @Test
    void theNationalDayWeekIsSkipped() {
        // 2026-10-01 to 10-07 are off; 30 September is a Wednesday.
        assertThat(add("2026-09-30", 1)).isEqualTo("2026-10-08");
        assertThat(add("2026-09-30", 2)).isEqualTo("2026-10-09");
    }

    @Test
    void makeUpWorkingDaysCount() {
        // Saturday 2026-10-10 is a make-up working day (调休); so is Sunday 2026-09-20.
        assertThat(add("2026-09-30", 3)).isEqualTo("2026-10-10");
        assertThat(add("2026-09-18", 1)).isEqualTo("2026-09-20");
    }

    @Test
    void theStartDayIsNotCountedAndZeroDaysIsTheSameDay() {
        assertThat(add("2026-11-27", 1)).isEqualTo("2026-11-30");
        assertThat(add("2026-11-27", 0)).isEqualTo("2026-11-27");
    }

    @Test
    void aYearWithoutHolidayDataFallsBackToMondayToFriday() {
        // 2027 has no data yet: 1 January 2027 is a Friday and counts as a working day.
        assertThat(add("2026-12-31", 1)).isEqualTo("2027-01-01");
        assertThat(add("2027-01-01", 1)).isEqualTo("2027-01-04");
    }

    @Test
    void workingDaysBetweenTwoDates() {
        assertThat(api.get("/api/v1/calendar/working-days/between", "from", "2026-09-30", "to", "2026-10-10").json()
                .path("workingDays").asInt()).isEqualTo(3);
    }

    @Test
    void badInput() {
        assertThat(assertProblem(api.get("/api/v1/calendar/working-days/add", "from", "2026-13-01", "days", 1), 400,
                "INVALID_PARAMETER").path("parameter").asText()).isEqualTo("from");
        assertThat(assertProblem(api.get("/api/v1/calendar/working-days/add", "from", "2026-01-01", "days", -1), 400,
                "INVALID_PARAMETER").path("parameter").asText()).isEqualTo("days");
        assertThat(assertProblem(api.get("/api/v1/calendar/working-days/add", "from", "2026-01-01", "days", "ten"), 400,
                "INVALID_PARAMETER").path("parameter").asText()).isEqualTo("days");
        assertProblem(api.get("/api/v1/calendar/working-days/add", "days", 1), 400, "BAD_REQUEST");
    }
}
