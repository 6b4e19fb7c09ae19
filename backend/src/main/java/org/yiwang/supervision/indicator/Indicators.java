package org.yiwang.supervision.indicator;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The supervision figures of one scope and period (DESIGN §6). Counts over cases received in the period
 * ({@code received} … {@code overdue}), over cases concluded in it ({@code concluded} … {@code p90WorkingDays})
 * and over ratings given in it; rates are shares in [0, 1], 0 when nothing was counted.
 */
public record Indicators(String regionCode, String regionName, Long agencyId, LocalDate from, LocalDate to,
        long received, long inProgress, long refused, long withdrawn, long rejected, long overdue, long supplemented,
        long supplementedAgain, long instant, long concluded, long concludedOnTime, long concludedOnline, long rated, double onlineRate, double onTimeRate,
        double satisfactionRate, double badRate, double instantRate, double supplementRate, double secondSupplementRate,
        double refusalRate, double overdueRate, double averageWorkingDays, int p90WorkingDays, double compressionRate,
        Ratings ratings, LocalDateTime refreshedAt, List<Day> trend, List<AgencyFigures> agencies) {

    /** 好差评 distribution: 5 非常满意 … 1 非常不满意. */
    public record Ratings(long veryGood, long good, long fair, long bad, long veryBad) {
    }

    public record Day(LocalDate day, long received, long concluded, long overdue, long rated) {
    }

    public record AgencyFigures(long agencyId, String agencyName, long received, long concluded, long overdue,
            double onTimeRate, double satisfactionRate) {
    }

    /** 办件公示 on the portal: province-wide, today and this year. */
    public record Public(LocalDate date, long receivedToday, long concludedToday, long receivedThisYear,
            long concludedThisYear, long ratedThisYear, double satisfactionRate) {
    }
}
