package org.yiwang.supervision.assessment;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.yiwang.common.ApiException;
import org.yiwang.common.Transactions;
import org.yiwang.hotline.HotlineService;
import org.yiwang.hotline.Indicator;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.region.Region;
import org.yiwang.region.RegionService;
import org.yiwang.supervision.card.CardService;
import org.yiwang.supervision.export.Workbooks;
import org.yiwang.supervision.indicator.IndicatorService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * 绩效考核: a month's scores per agency and per 市县区, computed from the facts the platform keeps — the supervision
 * aggregates, the cards and their answers, the 12345 hotline's indicators — with the year's weights and targets. Each
 * measure gives {@code weight × min(1, value ÷ target)} points; a subject's score is its points over the weights of
 * the measures it had facts for, times 100. A 市县区 sums the facts of the agencies in it (provincial agencies rank as
 * agencies only). Until the month is closed its ranking is computed live; closing it (the province only, once)
 * freezes the scores with their explanations.
 */
@Service
public class AssessmentService {

    public static final String AGENCY = "AGENCY";
    public static final String REGION = "REGION";
    private static final Set<String> KINDS = Set.of(AGENCY, REGION);
    private static final double MAX_WEIGHT = 100;

    private final AssessmentMapper mapper;
    private final IndicatorService indicators;
    private final CardService cards;
    private final HotlineService hotline;
    private final IdentityService identity;
    private final RegionService regions;
    private final Transactions transactions;
    private final ObjectMapper json;
    private final Clock clock;

    AssessmentService(AssessmentMapper mapper, IndicatorService indicators, CardService cards, HotlineService hotline,
            IdentityService identity, RegionService regions, Transactions transactions, ObjectMapper json, Clock clock) {
        this.mapper = mapper;
        this.indicators = indicators;
        this.cards = cards;
        this.hotline = hotline;
        this.identity = identity;
        this.regions = regions;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    // ---- the indicator system of a year

    public Assessment.IndicatorSystem indicatorSystem(Integer year) {
        int y = year(year);
        List<AssessmentMapper.IndicatorRow> rows = mapper.indicators(y);
        if (rows.isEmpty()) {
            return new Assessment.IndicatorSystem(y, true, null, null, List.of(Measure.values()).stream()
                    .map(m -> new Assessment.Indicator(m.name(), m.label(), m.formula(), m.defaultWeight(), m.defaultTarget())).toList());
        }
        List<Assessment.Indicator> list = rows.stream().map(r -> {
            Measure m = Measure.valueOf(r.code());
            return new Assessment.Indicator(m.name(), m.label(), m.formula(), r.weight().doubleValue(), r.target().doubleValue());
        }).sorted(Comparator.comparing(i -> Measure.valueOf(i.code()).ordinal())).toList();
        return new Assessment.IndicatorSystem(y, false, rows.get(0).updatedBy(), rows.get(0).updatedAt(), list);
    }

    /** Sets a year's indicators (the province's supervisors): measures named once, weights 0–100, targets in (0, 1]. */
    public Assessment.IndicatorSystem setIndicatorSystem(Integer year, Assessment.IndicatorsBody body) {
        CurrentUser user = provinceOnly("考核指标体系由省级监察人员维护");
        int y = year(year);
        if (body == null || body.indicators() == null || body.indicators().isEmpty()) {
            throw ApiException.badParameter("indicators", "请至少设置一项考核指标");
        }
        Set<Measure> seen = new HashSet<>();
        double total = 0;
        for (Assessment.IndicatorInput in : body.indicators()) {
            Measure m = in == null || in.code() == null ? null
                    : java.util.Arrays.stream(Measure.values()).filter(x -> x.name().equals(in.code())).findFirst().orElse(null);
            if (m == null) {
                throw ApiException.badParameter("indicators", "未知的考核指标：" + (in == null ? null : in.code()));
            }
            if (!seen.add(m)) {
                throw ApiException.badParameter("indicators", "考核指标重复：" + m.name());
            }
            if (in.weight() == null || !(in.weight() >= 0 && in.weight() <= MAX_WEIGHT)) {
                throw ApiException.badParameter("indicators", m.label() + " 的权重须在 0 到 100 之间");
            }
            if (in.target() == null || !(in.target() > 0 && in.target() <= 1)) {
                throw ApiException.badParameter("indicators", m.label() + " 的目标值须大于 0 且不超过 1");
            }
            total += in.weight();
        }
        if (total <= 0) {
            throw ApiException.badParameter("indicators", "权重合计须大于 0");
        }
        LocalDateTime now = LocalDateTime.now(clock);
        transactions.retryingDeadlocks(() -> {
            mapper.deleteIndicators(y);
            body.indicators().forEach(in -> mapper.insertIndicator(y, in.code(), round(in.weight()), in.target(), user.displayName(), now));
            return null;
        });
        return indicatorSystem(y);
    }

    // ---- rankings

    /** A month's ranking, the rows of the caller's subtree (ranks are the province's). */
    public Assessment.Ranking ranking(String monthText, String kindText) {
        CurrentUser user = identity.current();
        YearMonth month = month(monthText);
        String kind = kind(kindText);
        AssessmentMapper.Period period = mapper.period(month.toString());
        if (period != null) {
            List<Assessment.Score> rows = mapper.scores(month.toString(), kind, user.regionCode()).stream()
                    .map(r -> new Assessment.Score(r.rankNo(), r.subjectId(), r.subjectName(), r.regionCode(), r.score().doubleValue(),
                            lines(r.explanation())))
                    .toList();
            return new Assessment.Ranking(month.toString(), kind, true, period.closedAt(), period.closedBy(), rows);
        }
        List<Assessment.Score> rows = compute(month).get(kind).stream()
                .filter(s -> regions.isWithin(s.regionCode(), user.regionCode())).toList();
        return new Assessment.Ranking(month.toString(), kind, false, null, null, rows);
    }

    /** Closes a month (the province, once: a second close answers 409) and freezes its scores. */
    public Assessment.Ranking close(String monthText) {
        CurrentUser user = provinceOnly("考核月度由省级监察人员关闭");
        YearMonth month = month(monthText);
        if (mapper.period(month.toString()) != null) {
            throw ApiException.conflict("ALREADY_CLOSED", month + " 的考核已关闭，得分已冻结");
        }
        Map<String, List<Assessment.Score>> scores = compute(month);
        try {
            transactions.retryingDeadlocks(() -> {
                mapper.insertPeriod(month.toString(), LocalDateTime.now(clock), user.displayName());
                scores.forEach((kind, rows) -> rows.forEach(s -> mapper.insertScore(month.toString(), kind, s, explanation(s.lines()))));
                return null;
            });
        } catch (DuplicateKeyException closedMeanwhile) {
            throw ApiException.conflict("ALREADY_CLOSED", month + " 的考核已关闭，得分已冻结");
        }
        return ranking(month.toString(), REGION);
    }

    /** A month's ranking as an Excel workbook: rank, score, each measure's points and the facts behind them. */
    public byte[] export(String monthText, String kindText) {
        Assessment.Ranking r = ranking(monthText, kindText);
        List<List<Object>> rows = new ArrayList<>();
        List<Object> header = new ArrayList<>(List.of("排名", AGENCY.equals(r.kind()) ? "实施主体" : "市县区", "得分"));
        List<Measure> measures = List.of(Measure.values());
        measures.forEach(m -> header.add(m.label() + " 得分"));
        header.add("得分说明");
        rows.add(header);
        for (Assessment.Score s : r.rows()) {
            List<Object> row = new ArrayList<>(List.of(s.rank(), s.subjectName(), s.score()));
            Map<String, Assessment.Line> byCode = new LinkedHashMap<>();
            s.lines().forEach(l -> byCode.put(l.code(), l));
            measures.forEach(m -> row.add(byCode.containsKey(m.name()) ? byCode.get(m.name()).points() : null));
            row.add(String.join("；", s.lines().stream().map(AssessmentService::explain).toList()));
            rows.add(row);
        }
        String title = "绩效考核排名 " + r.month() + (AGENCY.equals(r.kind()) ? "（实施主体）" : "（市县区）")
                + (r.closed() ? "，已于 " + r.closedAt().toLocalDate() + " 关闭冻结" : "，未关闭（实时计算）");
        return Workbooks.write(clock, List.of(new Workbooks.Sheet("排名", title, null, rows)));
    }

    // ---- scoring

    /** The facts of one subject over the month. */
    private static final class Facts {
        final String id;
        final String name;
        final String regionCode;
        long received, concluded, onTime, online, rated, good, cards, cardsDue, cardsOnTime, tickets, ticketsOnTime, ticketsRated,
                ticketsSatisfied;

        Facts(String id, String name, String regionCode) {
            this.id = id;
            this.name = name;
            this.regionCode = regionCode;
        }

        void add(Facts o) {
            received += o.received;
            concluded += o.concluded;
            onTime += o.onTime;
            online += o.online;
            rated += o.rated;
            good += o.good;
            cards += o.cards;
            cardsDue += o.cardsDue;
            cardsOnTime += o.cardsOnTime;
            tickets += o.tickets;
            ticketsOnTime += o.ticketsOnTime;
            ticketsRated += o.ticketsRated;
            ticketsSatisfied += o.ticketsSatisfied;
        }
    }

    private Map<String, List<Assessment.Score>> compute(YearMonth month) {
        LocalDate from = month.atDay(1);
        LocalDate to = month.atEndOfMonth();
        Map<Long, Facts> agencies = new LinkedHashMap<>();
        for (IndicatorService.AgencyTotals t : indicators.totalsByAgency(from, to)) {
            Facts f = agencies.computeIfAbsent(t.agencyId(), k -> new Facts(Long.toString(k), t.agencyName(), t.agencyRegion()));
            f.received = t.received();
            f.concluded = t.concluded();
            f.onTime = t.concludedOnTime();
            f.online = t.concludedOnline();
            f.rated = t.rated();
            f.good = t.ratedGood();
        }
        for (CardService.AgencyCards c : cards.cardsByAgency(from, to)) {
            Facts f = agency(agencies, c.agencyId());
            f.cards = c.raised();
            f.cardsDue = c.answerDue();
            f.cardsOnTime = c.answeredOnTime();
        }
        for (Indicator h : hotline.indicatorsOfProvince(from, to)) {
            Facts f = agency(agencies, h.agencyId());
            f.tickets = h.received();
            f.ticketsOnTime = h.signedOnTime();
            f.ticketsRated = h.rated();
            f.ticketsSatisfied = h.satisfied();
        }
        Map<String, Facts> cities = new LinkedHashMap<>();
        for (Facts f : agencies.values()) {
            List<Region> path = regions.path(f.regionCode);
            if (path.size() > 1) {
                Region city = path.get(1);
                cities.computeIfAbsent(city.code(), c -> new Facts(c, city.name(), c)).add(f);
            }
        }
        List<Assessment.Indicator> system = indicatorSystem(month.getYear()).indicators();
        Map<String, List<Assessment.Score>> result = new LinkedHashMap<>();
        result.put(AGENCY, ranked(agencies.values(), system));
        result.put(REGION, ranked(cities.values(), system));
        return result;
    }

    /** An agency's facts; one read of the agency only for those the daily totals (which name them) did not bring. */
    private Facts agency(Map<Long, Facts> agencies, long id) {
        return agencies.computeIfAbsent(id, k -> {
            var a = regions.agency(k);
            return new Facts(Long.toString(k), a.name(), a.regionCode());
        });
    }

    private static List<Assessment.Score> ranked(java.util.Collection<Facts> subjects, List<Assessment.Indicator> system) {
        List<Assessment.Score> scored = new ArrayList<>();
        for (Facts f : subjects) {
            List<Assessment.Line> lines = new ArrayList<>();
            double points = 0;
            double weights = 0;
            for (Assessment.Indicator i : system) {
                if (i.weight() <= 0) {
                    continue;
                }
                Assessment.Line line = line(Measure.valueOf(i.code()), i, f);
                lines.add(line);
                if (line.points() != null) {
                    points += line.points();
                    weights += i.weight();
                }
            }
            if (weights > 0) {
                scored.add(new Assessment.Score(0, f.id, f.name, f.regionCode, round(100 * points / weights), lines));
            }
        }
        scored.sort(Comparator.comparingDouble(Assessment.Score::score).reversed().thenComparing(Assessment.Score::subjectName));
        List<Assessment.Score> ranked = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            Assessment.Score s = scored.get(i);
            // Equal scores share a rank (1, 2, 2, 4).
            int rank = i > 0 && s.score() == scored.get(i - 1).score() ? ranked.get(i - 1).rank() : i + 1;
            ranked.add(new Assessment.Score(rank, s.subjectId(), s.subjectName(), s.regionCode(), s.score(), s.lines()));
        }
        return ranked;
    }

    private static Assessment.Line line(Measure m, Assessment.Indicator i, Facts f) {
        EnumMap<Measure, long[]> shares = new EnumMap<>(Measure.class);
        shares.put(Measure.ON_TIME, new long[] { f.onTime, f.concluded });
        shares.put(Measure.ONLINE, new long[] { f.online, f.concluded });
        shares.put(Measure.SATISFACTION, new long[] { f.good, f.rated });
        shares.put(Measure.CARD_ANSWER, new long[] { f.cardsOnTime, f.cardsDue });
        shares.put(Measure.HOTLINE_RESPONSE, new long[] { f.ticketsOnTime, f.tickets });
        shares.put(Measure.HOTLINE_SATISFACTION, new long[] { f.ticketsSatisfied, f.ticketsRated });
        Double value;
        String facts;
        if (m == Measure.CARD_FREE) {
            value = f.received == 0 && f.cards == 0 ? null : f.received == 0 ? 0.0 : Math.max(0, 1 - (double) f.cards / f.received);
            facts = "亮牌 " + f.cards + " 张，收件 " + f.received + " 件";
        } else {
            long[] s = shares.get(m);
            value = s[1] == 0 ? null : (double) s[0] / s[1];
            facts = switch (m) {
                case ON_TIME -> "按时办结 " + s[0] + " 件，办结 " + s[1] + " 件";
                case ONLINE -> "全程网办办结 " + s[0] + " 件，办结 " + s[1] + " 件";
                case SATISFACTION -> "好评 " + s[0] + " 个，评价 " + s[1] + " 个";
                case CARD_ANSWER -> "按时说明 " + s[0] + " 张，应说明 " + s[1] + " 张";
                case HOTLINE_RESPONSE -> "按时签收工单 " + s[0] + " 件，派单 " + s[1] + " 件";
                default -> "满意工单 " + s[0] + " 件，已评价 " + s[1] + " 件";
            };
        }
        Double points = value == null ? null : round(i.weight() * Math.min(1, value / i.target()));
        return new Assessment.Line(m.name(), m.label(), i.weight(), i.target(), value == null ? null : Math.round(value * 10_000) / 10_000.0,
                points, facts);
    }

    /** One line of an explanation as a sentence: 按时办结率 0.9 (目标 1) → 22.5/25 分：按时办结 9 件，办结 10 件. */
    static String explain(Assessment.Line l) {
        String result = l.points() == null ? "无数据，不计分" : l.value() + "（目标 " + l.target() + "）→ " + l.points() + "/" + l.weight() + " 分";
        return l.name() + " " + result + "：" + l.facts();
    }

    // ---- helpers

    private CurrentUser provinceOnly(String message) {
        CurrentUser user = identity.current();
        if (!RegionService.PROVINCE.equals(user.regionCode())) {
            throw ApiException.forbidden(message);
        }
        return user;
    }

    private int year(Integer year) {
        int y = year == null ? LocalDate.now(clock).getYear() : year;
        if (y < 2000 || y > 2100) {
            throw ApiException.badParameter("year", "年度须在 2000 至 2100 之间");
        }
        return y;
    }

    /** A month that has begun; the current month when none is given. */
    private YearMonth month(String text) {
        YearMonth now = YearMonth.now(clock);
        if (text == null || text.isBlank()) {
            return now;
        }
        YearMonth m;
        try {
            m = YearMonth.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter("month", "月份格式应为 YYYY-MM");
        }
        if (m.isAfter(now) || m.getYear() < 2000) {
            throw ApiException.badParameter("month", "只能考核已开始的月份");
        }
        return m;
    }

    private static String kind(String text) {
        String kind = text == null || text.isBlank() ? REGION : text.trim();
        if (!KINDS.contains(kind)) {
            throw ApiException.badParameter("kind", "kind 须为 AGENCY（实施主体）或 REGION（市县区）");
        }
        return kind;
    }

    private String explanation(List<Assessment.Line> lines) {
        try {
            return json.writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Assessment.Line> lines(String explanation) {
        try {
            return json.readValue(explanation, new TypeReference<List<Assessment.Line>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("assessment explanation unreadable", e);
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
