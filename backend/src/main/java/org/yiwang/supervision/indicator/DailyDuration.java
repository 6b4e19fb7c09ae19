package org.yiwang.supervision.indicator;

import java.time.LocalDate;

/** How many cases concluded on a day took a given number of working days (a histogram bucket). */
public record DailyDuration(LocalDate day, long agencyId, long itemId, String regionCode, String agencyRegion,
        int workingDays, long cases) {
}
