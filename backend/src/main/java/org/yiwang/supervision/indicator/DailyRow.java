package org.yiwang.supervision.indicator;

import java.time.LocalDate;

/**
 * One row of {@code supervision_daily}, or a sum of rows (then the keys not grouped by are null). Mutable only
 * while the refresh counts a day's cases into it.
 */
public class DailyRow {

    public LocalDate day;
    public Long agencyId;
    public String agencyName;
    public Long itemId;
    public String regionCode;
    public String agencyRegion;
    public long received;
    public long receivedInstant;
    public long receivedOnline;
    public long inProgress;
    public long refused;
    public long withdrawn;
    public long rejected;
    public long supplemented;
    public long supplementedAgain;
    public long overdue;
    public long concluded;
    public long concludedOnTime;
    public long concludedOnline;
    public long workingDays;
    public long promisedDays;
    public long legalDays;
    public long rated;
    public long rated5;
    public long rated4;
    public long rated3;
    public long rated2;
    public long rated1;

    DailyRow() {
    }

    DailyRow(LocalDate day, long agencyId, long itemId, String regionCode, String agencyRegion) {
        this.day = day;
        this.agencyId = agencyId;
        this.itemId = itemId;
        this.regionCode = regionCode;
        this.agencyRegion = agencyRegion;
    }
}
