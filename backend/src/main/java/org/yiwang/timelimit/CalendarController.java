package org.yiwang.timelimit;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.common.Public;
import org.yiwang.common.ApiException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Public
@RequestMapping("/api/v1/calendar")
@Tag(name = "calendar", description = "工作日历（公开）")
class CalendarController {

    private final WorkingCalendar calendar;

    CalendarController(WorkingCalendar calendar) {
        this.calendar = calendar;
    }

    record DateAnswer(LocalDate date) {
    }

    record CountAnswer(int workingDays) {
    }

    @GetMapping("/working-days/add")
    @Operation(summary = "The n-th working day after a date (the date itself not counted)")
    DateAnswer add(@RequestParam String from, @RequestParam int days) {
        if (days < 0 || days > WorkingCalendar.MAX_DAYS) {
            throw ApiException.badParameter("days", "days 须在 0 到 " + WorkingCalendar.MAX_DAYS + " 之间");
        }
        return new DateAnswer(calendar.addWorkingDays(date("from", from), days));
    }

    @GetMapping("/working-days/between")
    @Operation(summary = "Working days after one date up to and including another")
    CountAnswer between(@RequestParam String from, @RequestParam String to) {
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        if (Math.abs(end.toEpochDay() - start.toEpochDay()) > WorkingCalendar.MAX_DAYS * 2L) {
            throw ApiException.badParameter("to", "日期跨度过大");
        }
        return new CountAnswer(calendar.workingDaysBetween(start, end));
    }

    private static LocalDate date(String parameter, String value) {
        try {
            LocalDate date = LocalDate.parse(value);
            if (date.getYear() < 2000 || date.getYear() > 2100) {
                throw ApiException.badParameter(parameter, parameter + " 须在 2000 至 2100 年之间");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(parameter, parameter + " 须为 YYYY-MM-DD 格式的日期");
        }
    }
}
