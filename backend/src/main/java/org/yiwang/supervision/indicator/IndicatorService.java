package org.yiwang.supervision.indicator;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.yiwang.common.ApiException;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.supervision.export.Workbooks;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.region.Agency;
import org.yiwang.region.Region;
import org.yiwang.region.RegionService;

/**
 * Answers the supervision figures from the daily aggregates only (never a scan of the cases): a supervisor sees
 * their region's subtree, and a case belongs to a region through its own region or its deciding agency's.
 */
@Service
public class IndicatorService {

    /** Three years of days at most: a longer period is a report, not a dashboard. */
    static final int MAX_PERIOD_DAYS = 3 * 366;
    private static final int DEFAULT_PERIOD_DAYS = 30;
    private static final int TOP_AGENCIES = 20;
    private static final long PUBLIC_CACHE_MS = 60_000;

    private final IndicatorMapper mapper;
    private final IdentityService identity;
    private final RegionService regions;
    private final Clock clock;
    private volatile Cached cached;

    private record Cached(long at, Indicators.Public figures) {
    }

    IndicatorService(IndicatorMapper mapper, IdentityService identity, RegionService regions, Clock clock) {
        this.mapper = mapper;
        this.identity = identity;
        this.regions = regions;
        this.clock = clock;
    }

    /** A checked request: a region of the caller's subtree, maybe one of its agencies, and a period of at most three years. */
    private record Resolved(Region region, IndicatorMapper.Scope scope) {
    }

    private Resolved resolve(String regionCode, String fromText, String toText, Long agencyId) {
        CurrentUser user = identity.current();
        String code = regionCode == null || regionCode.isBlank() ? user.regionCode() : regionCode.trim();
        Region region = regions.get(regions.checkedCode("regionCode", code));
        if (!regions.isWithin(region.code(), user.regionCode())) {
            throw ApiException.forbidden("只能查看本辖区（" + regions.get(user.regionCode()).name() + "）的监察指标");
        }
        if (agencyId != null) {
            Agency agency = regions.agencyByIdIfExists(agencyId).orElseThrow(() -> ApiException.notFound("实施主体 " + agencyId));
            if (!regions.isWithin(agency.regionCode(), user.regionCode())) {
                throw ApiException.forbidden("只能查看本辖区实施主体的监察指标");
            }
        }
        LocalDate to = toText == null || toText.isBlank() ? LocalDate.now(clock) : date("to", toText);
        LocalDate from = fromText == null || fromText.isBlank() ? to.minusDays(DEFAULT_PERIOD_DAYS - 1) : date("from", fromText);
        if (from.isAfter(to)) {
            throw ApiException.badParameter("from", "开始日期不能晚于结束日期");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_PERIOD_DAYS) {
            throw ApiException.badParameter("from", "统计期间最长三年");
        }
        return new Resolved(region, new IndicatorMapper.Scope(region.code(), agencyId, from, to));
    }

    public Indicators indicators(String regionCode, String fromText, String toText, Long agencyId) {
        Resolved r = resolve(regionCode, fromText, toText, agencyId);
        return figures(r.region(), r.scope());
    }

    private Indicators figures(Region region, IndicatorMapper.Scope scope) {
        LocalDate from = scope.from();
        LocalDate to = scope.to();
        Long agencyId = scope.agencyId();
        DailyRow sum = mapper.sum(scope);
        Map<LocalDate, DailyRow> byDay = mapper.sumByDay(scope).stream().collect(Collectors.toMap(r -> r.day, Function.identity()));
        List<Indicators.Day> trend = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            DailyRow r = byDay.get(d);
            trend.add(r == null ? new Indicators.Day(d, 0, 0, 0, 0) : new Indicators.Day(d, r.received, r.concluded, r.overdue, r.rated));
        }
        List<Indicators.AgencyFigures> agencies = mapper.sumByAgency(scope, TOP_AGENCIES).stream()
                .map(r -> new Indicators.AgencyFigures(r.agencyId, r.agencyName, r.received, r.concluded, r.overdue,
                        share(r.concludedOnTime, r.concluded), share(r.rated5 + r.rated4 + r.rated3, r.rated)))
                .toList();
        return new Indicators(region.code(), region.name(), agencyId, from, to, sum.received, sum.inProgress, sum.refused,
                sum.withdrawn, sum.rejected, sum.overdue, sum.supplemented, sum.supplementedAgain, sum.receivedInstant, sum.concluded,
                sum.concludedOnTime, sum.concludedOnline, sum.rated, share(sum.concludedOnline, sum.concluded),
                share(sum.concludedOnTime, sum.concluded), share(sum.rated5 + sum.rated4 + sum.rated3, sum.rated),
                share(sum.rated2 + sum.rated1, sum.rated), share(sum.receivedInstant, sum.received),
                share(sum.supplemented, sum.received), share(sum.supplementedAgain, sum.received),
                share(sum.refused, sum.received), share(sum.overdue, sum.received),
                round(sum.concluded == 0 ? 0 : (double) sum.workingDays / sum.concluded), p90(mapper.durations(scope)),
                sum.legalDays == 0 ? 0 : round(1 - (double) sum.promisedDays / sum.legalDays),
                new Indicators.Ratings(sum.rated5, sum.rated4, sum.rated3, sum.rated2, sum.rated1),
                mapper.watermark().refreshedAt(), trend, agencies);
    }

    /** A case behind a figure, as the drill-down lists it (no personal data). */
    public record DrillCase(String applicationNo, String itemName, String agencyName, String regionCode, String status,
            LocalDateTime submittedAt, LocalDate dueDate, LocalDateTime concludedAt) {
    }

    /**
     * The cases behind a counting figure of the dashboard, newest first, with the figure's own rules — so the list's
     * total is the figure (an open case's overdue state is read now, the figure at the last refresh).
     */
    public PageResult<DrillCase> cases(String figureKey, String regionCode, String fromText, String toText, Long agencyId,
            Paging paging) {
        Figure figure = figureKey == null ? null : Figure.byKey(figureKey.trim()).filter(f -> f.family() != null).orElse(null);
        if (figure == null) {
            throw ApiException.badParameter("figure", "figure 须为可下钻的计数指标之一：" + java.util.Arrays.stream(Figure.values())
                    .filter(f -> f.family() != null).map(Figure::key).collect(Collectors.joining("、")));
        }
        IndicatorMapper.Scope scope = resolve(regionCode, fromText, toText, agencyId).scope();
        IndicatorMapper.Drill drill = new IndicatorMapper.Drill(scope, figure.family().name(), figure.key(),
                scope.from().atStartOfDay(), scope.to().plusDays(1).atStartOfDay(), LocalDate.now(clock),
                IndicatorAggregates.OPEN.stream().map(Enum::name).toList());
        return paging.result(mapper.drill(drill, paging.size(), paging.offset()), mapper.drillCount(drill));
    }

    /** The dashboard's figures, daily trend and agencies as an Excel workbook (times in the platform's zone). */
    public byte[] export(String regionCode, String fromText, String toText, Long agencyId) {
        Resolved r = resolve(regionCode, fromText, toText, agencyId);
        Indicators f = figures(r.region(), r.scope());
        List<List<Object>> figures = new ArrayList<>();
        figures.add(List.of("指标", "数值", "定义"));
        for (Figure figure : Figure.values()) {
            figures.add(List.of(figure.label(), figure.value(f), figure.formula()));
        }
        List<List<Object>> trend = new ArrayList<>();
        trend.add(List.of("日期", "收件", "办结", "超期", "评价"));
        f.trend().forEach(d -> trend.add(List.of(d.day(), d.received(), d.concluded(), d.overdue(), d.rated())));
        List<List<Object>> agencies = new ArrayList<>();
        agencies.add(List.of("实施主体", "收件", "办结", "超期", "按时办结率", "好评率"));
        f.agencies().forEach(a -> agencies.add(List.of(a.agencyName(), a.received(), a.concluded(), a.overdue(), a.onTimeRate(),
                a.satisfactionRate())));
        String title = "电子监察指标 " + f.regionName() + " " + f.from() + " 至 " + f.to();
        Workbooks.Sheet head = new Workbooks.Sheet("指标", title, f.refreshedAt(), figures);
        return Workbooks.write(clock, List.of(head, new Workbooks.Sheet("每日趋势", title, f.refreshedAt(), trend),
                new Workbooks.Sheet("实施主体", title, f.refreshedAt(), agencies)));
    }

    /** One agency's counts over a period, province-wide, for the assessment. */
    public record AgencyTotals(long agencyId, String agencyName, String agencyRegion, long received, long concluded,
            long concludedOnTime, long concludedOnline, long rated, long ratedGood) {
    }

    /** Every agency's counts over [from, to] from the daily aggregates. */
    public List<AgencyTotals> totalsByAgency(LocalDate from, LocalDate to) {
        return mapper.sumByAgency(new IndicatorMapper.Scope(RegionService.PROVINCE, null, from, to), Integer.MAX_VALUE).stream()
                .map(r -> new AgencyTotals(r.agencyId, r.agencyName, r.agencyRegion, r.received, r.concluded, r.concludedOnTime,
                        r.concludedOnline, r.rated, r.rated5 + r.rated4 + r.rated3))
                .toList();
    }

    /** 办件公示: province-wide figures for the portal's home page, cached for a minute (the aggregates refresh as often). */
    public Indicators.Public publicFigures() {
        Cached c = cached;
        long now = clock.millis();
        if (c != null && now - c.at() < PUBLIC_CACHE_MS && c.figures().date().equals(LocalDate.now(clock))) {
            return c.figures();
        }
        LocalDate today = LocalDate.now(clock);
        DailyRow day = mapper.sum(new IndicatorMapper.Scope(RegionService.PROVINCE, null, today, today));
        DailyRow year = mapper.sum(new IndicatorMapper.Scope(RegionService.PROVINCE, null, today.withDayOfYear(1), today));
        Indicators.Public figures = new Indicators.Public(today, day.received, day.concluded, year.received, year.concluded,
                year.rated, share(year.rated5 + year.rated4 + year.rated3, year.rated));
        cached = new Cached(now, figures);
        return figures;
    }

    private static LocalDate date(String parameter, String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(parameter, "日期格式应为 YYYY-MM-DD");
        }
    }

    /** The smallest number of working days within which at least 90% of the concluded cases were handled. */
    static int p90(List<IndicatorMapper.DurationBucket> buckets) {
        long total = buckets.stream().mapToLong(IndicatorMapper.DurationBucket::cases).sum();
        long seen = 0;
        for (IndicatorMapper.DurationBucket b : buckets) {
            seen += b.cases();
            if (seen * 10 >= total * 9) {
                return b.workingDays();
            }
        }
        return 0;
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : round((double) part / whole);
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
