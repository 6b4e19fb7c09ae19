package org.yiwang.supervision.indicator;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.yiwang.application.ApplicationStatus;
import org.yiwang.common.Transactions;
import org.yiwang.timelimit.WorkingCalendar;

/**
 * Keeps {@code supervision_daily} in step with the cases. A refresh recomputes, whole, every day that a case or a
 * rating changed since the watermark touches (its day of receipt, its day of conclusion, the rating's day), plus
 * the days of receipt of open cases that passed their due date since; a day's rows are never incremented, so
 * any refresh or {@link #rebuild} can be replayed and gives the same rows. Runs on every node; the watermark's
 * version lets exactly one node take each refresh.
 */
@Component
public class IndicatorAggregates {

    private static final Logger log = LoggerFactory.getLogger(IndicatorAggregates.class);
    /** Rows written by transactions still open when the watermark was read are caught by the next refresh. */
    private static final Duration OVERLAP = Duration.ofMinutes(5);
    private static final int INSERT_BATCH = 500;
    /** Cases whose outcome is not yet final (decided cases still wait for their conclusion). */
    static final Set<ApplicationStatus> OPEN = EnumSet.of(ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED,
            ApplicationStatus.SUPPLEMENT_REQUIRED, ApplicationStatus.UNDER_REVIEW, ApplicationStatus.SUSPENDED,
            ApplicationStatus.APPROVED, ApplicationStatus.REJECTED);
    private static final Set<String> CONCLUDED = Set.of(ApplicationStatus.CONCLUDED.name(), ApplicationStatus.DELIVERED.name());

    private final IndicatorMapper mapper;
    private final WorkingCalendar calendar;
    private final Transactions transactions;
    private final Clock clock;

    IndicatorAggregates(IndicatorMapper mapper, WorkingCalendar calendar, Transactions transactions, Clock clock) {
        this.mapper = mapper;
        this.calendar = calendar;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${yiwang.supervision.refresh-ms:60000}", initialDelayString = "${yiwang.supervision.refresh-ms:60000}")
    void scheduledRefresh() {
        int days = refresh();
        if (days > 0) {
            log.debug("supervision aggregates: {} days recomputed", days);
        }
    }

    /** Recomputes the days touched since the last refresh; answers how many (0 when another node took this one). */
    public int refresh() {
        return transactions.retryingDeadlocks(() -> {
            IndicatorMapper.Watermark mark = mapper.watermark();
            LocalDateTime now = LocalDateTime.now(clock);
            // Claiming first holds the watermark row: a concurrent refresh waits here, then finds the version moved.
            if (mapper.advanceWatermark(now, mark.version()) == 0) {
                return 0;
            }
            Set<LocalDate> days = new TreeSet<>();
            // Never refreshed, or the clock was set back behind the watermark: only a rebuild of every day is sure.
            if (mark.refreshedAt() == null || now.isBefore(mark.refreshedAt())) {
                LocalDateTime first = mapper.firstReceipt();
                if (first != null) {
                    first.toLocalDate().datesUntil(now.toLocalDate().plusDays(1)).forEach(days::add);
                }
            } else {
                LocalDateTime since = mark.refreshedAt().minus(OVERLAP);
                for (IndicatorMapper.CaseFact c : mapper.changedSince(since)) {
                    days.add(c.submittedAt().toLocalDate());
                    if (c.concludedAt() != null) {
                        days.add(c.concludedAt().toLocalDate());
                    }
                }
                mapper.ratingTimesSince(since).forEach(at -> days.add(at.toLocalDate()));
                // Open cases count as overdue from the day after their due date, without any change to their row.
                mapper.receiptsTurnedOverdue(since.toLocalDate().minusDays(1), now.toLocalDate(),
                        OPEN.stream().map(Enum::name).toList()).forEach(at -> days.add(at.toLocalDate()));
            }
            days.forEach(day -> recompute(day, now.toLocalDate()));
            return days.size();
        });
    }

    /** Recomputes every day in [from, to] from the raw cases, e.g. after a correction of the data. */
    public void rebuild(LocalDate from, LocalDate to) {
        LocalDate today = LocalDate.now(clock);
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            LocalDate d = day;
            transactions.retryingDeadlocks(() -> {
                recompute(d, today);
                return null;
            });
        }
    }

    private record Key(long agencyId, long itemId, String regionCode, String agencyRegion) {
    }

    private void recompute(LocalDate day, LocalDate today) {
        LocalDateTime start = day.atStartOfDay();
        LocalDateTime end = day.plusDays(1).atStartOfDay();
        Map<Key, DailyRow> rows = new LinkedHashMap<>();
        Map<Key, Map<Integer, Long>> durations = new LinkedHashMap<>();
        for (IndicatorMapper.CaseFact c : mapper.receivedBetween(start, end)) {
            DailyRow r = row(rows, day, c.agencyId(), c.itemId(), c.regionCode(), c.agencyRegion());
            r.received++;
            r.receivedInstant += "INSTANT".equals(c.caseKind()) ? 1 : 0;
            r.receivedOnline += c.visits() == 0 ? 1 : 0;
            boolean open = OPEN.stream().anyMatch(s -> s.name().equals(c.status()));
            r.inProgress += open ? 1 : 0;
            r.refused += ApplicationStatus.NOT_ACCEPTED.name().equals(c.status()) ? 1 : 0;
            r.withdrawn += ApplicationStatus.WITHDRAWN.name().equals(c.status()) ? 1 : 0;
            r.rejected += "REJECTED".equals(c.decision()) ? 1 : 0;
            r.supplemented += c.supplementCount() > 0 ? 1 : 0;
            r.supplementedAgain += c.supplementCount() > 1 ? 1 : 0;
            r.overdue += overdue(c, open, today) ? 1 : 0;
        }
        for (IndicatorMapper.CaseFact c : mapper.concludedBetween(start, end)) {
            if (!CONCLUDED.contains(c.status())) {
                continue;
            }
            DailyRow r = row(rows, day, c.agencyId(), c.itemId(), c.regionCode(), c.agencyRegion());
            r.concluded++;
            r.concludedOnTime += c.dueDate() == null || !day.isAfter(c.dueDate()) ? 1 : 0;
            r.concludedOnline += c.visits() == 0 ? 1 : 0;
            int taken = workingDaysTaken(c);
            r.workingDays += taken;
            r.promisedDays += c.promisedDays();
            r.legalDays += c.legalDays();
            durations.computeIfAbsent(new Key(c.agencyId(), c.itemId(), c.regionCode(), c.agencyRegion()), k -> new LinkedHashMap<>())
                    .merge(taken, 1L, Long::sum);
        }
        for (IndicatorMapper.RatingFact e : mapper.ratedBetween(start, end)) {
            DailyRow r = row(rows, day, e.agencyId(), e.itemId(), e.regionCode(), e.agencyRegion());
            r.rated++;
            switch (e.level()) {
                case 5 -> r.rated5++;
                case 4 -> r.rated4++;
                case 3 -> r.rated3++;
                case 2 -> r.rated2++;
                default -> r.rated1++;
            }
        }
        mapper.deleteDay(day);
        mapper.deleteDurations(day);
        List<DailyRow> all = new ArrayList<>(rows.values());
        for (int i = 0; i < all.size(); i += INSERT_BATCH) {
            mapper.insertRows(all.subList(i, Math.min(all.size(), i + INSERT_BATCH)));
        }
        List<DailyDuration> buckets = new ArrayList<>();
        durations.forEach((k, hist) -> hist.forEach((days, cases) -> buckets.add(
                new DailyDuration(day, k.agencyId(), k.itemId(), k.regionCode(), k.agencyRegion(), days, cases))));
        for (int i = 0; i < buckets.size(); i += INSERT_BATCH) {
            mapper.insertDurations(buckets.subList(i, Math.min(buckets.size(), i + INSERT_BATCH)));
        }
    }

    /** Concluded after its due date, or still open on a day past it. */
    static boolean overdue(IndicatorMapper.CaseFact c, boolean open, LocalDate today) {
        if (c.dueDate() == null) {
            return false;
        }
        if (open) {
            return today.isAfter(c.dueDate());
        }
        return CONCLUDED.contains(c.status()) && c.concludedAt() != null && c.concludedAt().toLocalDate().isAfter(c.dueDate());
    }

    /** Working days from receipt to conclusion, without the days the clock stood still (特别程序). */
    int workingDaysTaken(IndicatorMapper.CaseFact c) {
        int days = calendar.workingDaysBetween(c.submittedAt().toLocalDate(), c.concludedAt().toLocalDate());
        return Math.max(0, days - c.suspendedDays());
    }

    private static DailyRow row(Map<Key, DailyRow> rows, LocalDate day, long agencyId, long itemId, String region, String agencyRegion) {
        return rows.computeIfAbsent(new Key(agencyId, itemId, region, agencyRegion),
                k -> new DailyRow(day, agencyId, itemId, region, agencyRegion));
    }
}
