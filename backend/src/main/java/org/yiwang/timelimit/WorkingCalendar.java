package org.yiwang.timelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The working-day calendar every statutory time limit counts in: weekends and statutory holidays are off,
 * make-up working days (调休) are on. Years are read from the holiday files packaged with the application
 * and from an optional extra folder; a year without data falls back to Monday–Friday.
 */
@Service
public class WorkingCalendar {

    private static final Logger log = LoggerFactory.getLogger(WorkingCalendar.class);
    /** Enough for any statutory limit with extensions; bounds the loop against absurd input. */
    public static final int MAX_DAYS = 3650;

    private final Map<LocalDate, Boolean> offDays = new HashMap<>();
    private final Set<Integer> yearsWithData = new HashSet<>();
    private final Set<Integer> warnedYears = ConcurrentHashMap.newKeySet();

    WorkingCalendar(ObjectMapper json, @Value("${yiwang.calendar.extra-dir:}") String extraDir) throws IOException {
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:sql/reference/holidays/*.json")) {
            try (InputStream in = r.getInputStream()) {
                load(json.readTree(in));
            }
        }
        if (!extraDir.isBlank()) {
            try (Stream<Path> files = Files.list(Path.of(extraDir))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    load(json.readTree(f.toFile()));
                }
            }
        }
        log.info("working-day calendar: holiday data for {}", yearsWithData.stream().sorted().toList());
    }

    private void load(JsonNode year) {
        for (JsonNode day : year.path("days")) {
            LocalDate date = LocalDate.parse(day.path("date").asText());
            offDays.put(date, day.path("isOffDay").asBoolean());
            yearsWithData.add(date.getYear());
        }
    }

    public boolean isWorkingDay(LocalDate date) {
        Boolean off = offDays.get(date);
        if (off != null) {
            return !off;
        }
        if (!yearsWithData.contains(date.getYear()) && warnedYears.add(date.getYear())) {
            log.warn("no holiday data for {}: counting Monday to Friday as working days", date.getYear());
        }
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    public boolean hasHolidayData(int year) {
        return yearsWithData.contains(year);
    }

    /** The n-th working day after {@code from}; {@code from} itself is not counted, and n = 0 gives {@code from}. */
    public LocalDate addWorkingDays(LocalDate from, int days) {
        if (days < 0 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days out of range: " + days);
        }
        LocalDate date = from;
        for (int counted = 0; counted < days;) {
            date = date.plusDays(1);
            if (isWorkingDay(date)) {
                counted++;
            }
        }
        return date;
    }

    /** The earliest day from which at most {@code days} working days remain until {@code to}. */
    public LocalDate workingDaysBefore(LocalDate to, int days) {
        if (days < 0 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days out of range: " + days);
        }
        LocalDate date = to;
        for (int remaining = 0;; date = date.minusDays(1)) {
            int before = remaining + (isWorkingDay(date) ? 1 : 0);
            if (before > days) {
                return date;
            }
            remaining = before;
        }
    }

    /** Working days after {@code from} up to and including {@code to}; negative when {@code to} is earlier. */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from);
        }
        int count = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }

    /** The named holidays and make-up days of a year, as loaded. */
    public List<LocalDate> specialDays(int year) {
        return offDays.keySet().stream().filter(d -> d.getYear() == year).sorted().toList();
    }
}
