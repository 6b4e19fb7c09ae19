package org.yiwang.supervision.card;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.yiwang.common.ApiException;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.identity.Role;
import org.yiwang.notification.NotificationService;
import org.yiwang.region.RegionService;
import org.yiwang.supervision.step.StepClock;
import org.yiwang.supervision.step.StepClocks;
import org.yiwang.timelimit.WorkingCalendar;

/**
 * 亮牌: a scan raises cards on cases by rule — the acceptance step's own clock (five working days by law), the
 * clock of every other step (review, decision …: StepClocks), the case's clock, a refusal without a stated legal basis, a second supplement notice. A card goes to the agency's
 * supervisors, who answer it (情况说明) within a configurable number of working days; the province's supervisor
 * accepts or rejects the answer, and a rejected answer is given again. Each rule fires once per case and step
 * (a unique key), so every node may scan.
 */
@Service
public class CardService {

    private static final Logger log = LoggerFactory.getLogger(CardService.class);
    static final String ACCEPT_STEP = "acceptApplication";
    /** A decision's reason cites a law: a title in 《》 or an article number (第…条). */
    private static final Pattern LEGAL_BASIS = Pattern.compile("《[^》]+》|第[一二三四五六七八九十百零〇0-9]+条");
    /** Decisions this far back are checked again each scan: a missed scan costs nothing. */
    private static final int DECISION_LOOKBACK_DAYS = 30;
    private static final int MAX_NOTE = 1000;

    private final CardMapper mapper;
    private final StepClocks steps;
    private final IdentityService identity;
    private final RegionService regions;
    private final NotificationService notifications;
    private final WorkingCalendar calendar;
    private final Clock clock;
    private final int answerDays;

    CardService(CardMapper mapper, StepClocks steps, IdentityService identity, RegionService regions, NotificationService notifications,
            WorkingCalendar calendar, Clock clock, @Value("${yiwang.supervision.card-answer-days:3}") int answerDays) {
        this.mapper = mapper;
        this.steps = steps;
        this.identity = identity;
        this.regions = regions;
        this.notifications = notifications;
        this.calendar = calendar;
        this.clock = clock;
        this.answerDays = answerDays;
    }

    @Scheduled(fixedDelayString = "${yiwang.supervision.card-scan-ms:600000}", initialDelayString = "${yiwang.supervision.card-scan-ms:600000}")
    void scheduledScan() {
        int raised = scan();
        if (raised > 0) {
            log.info("supervision cards: {} raised", raised);
        }
    }

    /** Raises the cards the rules call for now; answers how many were new. */
    public int scan() {
        LocalDateTime now = LocalDateTime.now(clock);
        LocalDate today = now.toLocalDate();
        LocalDate acceptWarnBy = calendar.addWorkingDays(today, 1);
        int raised = 0;
        for (CardMapper.Watched w : mapper.clockWatched(acceptWarnBy, today)) {
            if ("SUBMITTED".equals(w.status())) {
                boolean red = today.isAfter(w.acceptDeadline());
                raised += raise(w, red ? Card.Rule.ACCEPT_STEP_RED : Card.Rule.ACCEPT_STEP_YELLOW, ACCEPT_STEP,
                        red ? "受理环节已于 " + w.acceptDeadline() + " 到期（法定 5 个工作日），仍未受理"
                                : "受理环节将于 " + w.acceptDeadline() + " 到期（法定 5 个工作日）", now);
            } else if (w.dueDate() != null) {
                boolean red = today.isAfter(w.dueDate());
                raised += raise(w, red ? Card.Rule.CASE_RED : Card.Rule.CASE_YELLOW, "",
                        red ? "办结期限 " + w.dueDate() + " 已过，仍未办结" : "办结期限 " + w.dueDate() + "，已进入预警期", now);
            }
        }
        for (StepClocks.LateStep late : steps.lateOpenSteps()) {
            StepClock c = late.clock();
            boolean red = "RED".equals(c.colour());
            CardMapper.Watched w = new CardMapper.Watched(late.applicationId(), late.applicationNo(), late.agencyId(),
                    late.agencyRegion(), null, null, null, null, 0, null, null);
            String limit = "时限 " + c.limitDays() + " 个工作日，" + (StepClocks.MODEL.equals(c.limitSource()) ? "依据流程模型" : "依据办件时限");
            raised += raise(w, red ? Card.Rule.STEP_RED : Card.Rule.STEP_YELLOW, c.key(),
                    c.name() + "环节" + (red ? "已于 " + c.dueDate() + " 到期，仍未办完" : "将于 " + c.dueDate() + " 到期") + "（" + limit + "）", now);
        }
        for (CardMapper.Watched w : mapper.decidedSince(now.minusDays(DECISION_LOOKBACK_DAYS))) {
            boolean refusal = "NOT_ACCEPTED".equals(w.decision()) || "REJECTED".equals(w.decision());
            if (refusal && (w.decisionReason() == null || !LEGAL_BASIS.matcher(w.decisionReason()).find())) {
                raised += raise(w, Card.Rule.REFUSAL_WITHOUT_BASIS, "",
                        "不予受理或不予许可的理由未引用法律依据：" + abbreviate(w.decisionReason()), now);
            }
            if (w.supplementCount() > 1) {
                raised += raise(w, Card.Rule.SECOND_SUPPLEMENT, "", "已第 " + w.supplementCount() + " 次发出补正通知", now);
            }
        }
        return raised;
    }

    private int raise(CardMapper.Watched w, Card.Rule rule, String step, String detail, LocalDateTime now) {
        if (mapper.exists(w.id(), rule.name(), step)) {
            return 0;
        }
        LocalDate due = calendar.addWorkingDays(now.toLocalDate(), answerDays);
        try {
            mapper.insert(w, rule.colour(), rule.name(), step, detail, now, due);
        } catch (DuplicateKeyException raisedElsewhere) {
            return 0;
        }
        String colour = "RED".equals(rule.colour()) ? "红牌" : "黄牌";
        notifications.send(identity.staffOf(w.agencyId(), Role.SUPERVISE), "电子监察" + colour,
                "办件 " + w.applicationNo() + "：" + rule.label() + "。请于 " + due + " 前作出情况说明。", w.applicationNo());
        return 1;
    }

    /** A case as the supervisor drills into it: each step's clock and the cards raised on it. */
    public record CaseView(String applicationNo, String itemName, String agencyName, String agencyRegion, String regionCode,
            String status, java.util.List<StepClock> steps, java.util.List<Card> cards) {
    }

    public CaseView caseView(String applicationNo) {
        StepClocks.CaseSteps c = steps.ofCase(applicationNo);
        return new CaseView(c.applicationNo(), c.itemName(), c.agencyName(), c.agencyRegion(), c.regionCode(), c.status(), c.steps(),
                mapper.ofApplication(c.applicationId()).stream().map(Card::withRuleName).toList());
    }

    /** One agency's cards raised in a period: how many, how many red, and of those whose answer is due or given, how many on time. */
    public record AgencyCards(long agencyId, long raised, long answerDue, long answeredOnTime) {
    }

    /** Cards of every agency raised in [from, to] (Asia/Shanghai days), for the assessment. */
    public java.util.List<AgencyCards> cardsByAgency(LocalDate from, LocalDate to) {
        return mapper.byAgency(from.atStartOfDay(), to.plusDays(1).atStartOfDay(), LocalDate.now(clock));
    }

    public PageResult<Card> list(String status, String applicationNo, Paging paging) {
        String scope = identity.current().regionCode();
        return paging.result(mapper.find(scope, status, applicationNo, paging.size(), paging.offset()).stream()
                .map(Card::withRuleName).toList(), mapper.count(scope, status, applicationNo));
    }

    /** 情况说明 by the supervisors of the agency's region (the province answers for provincial agencies only). */
    public Card answer(long id, String note) {
        CurrentUser user = identity.current();
        Card card = visible(id, user);
        if (RegionService.PROVINCE.equals(user.regionCode()) && !RegionService.PROVINCE.equals(card.agencyRegion())) {
            throw ApiException.forbidden("情况说明由实施主体所在地的监察人员作出");
        }
        if (mapper.answer(id, card.version(), checkedNote(note), user.displayName(), LocalDateTime.now(clock)) == 0) {
            throw ApiException.conflict("WRONG_STATE", "该亮牌已作出情况说明或已办结，或已被他人处理");
        }
        return mapper.findById(id).withRuleName();
    }

    /** The province accepts the answer (the card is closed) or rejects it (to be answered again). */
    public Card decide(long id, boolean accept, String note) {
        CurrentUser user = identity.current();
        Card card = visible(id, user);
        if (!RegionService.PROVINCE.equals(user.regionCode())) {
            throw ApiException.forbidden("情况说明由省级监察人员审核");
        }
        String checked = accept && (note == null || note.isBlank()) ? null : checkedNote(note);
        if (mapper.decide(id, card.version(), accept ? "ACCEPTED" : "REJECTED", checked, user.displayName(),
                LocalDateTime.now(clock)) == 0) {
            throw ApiException.conflict("WRONG_STATE", "该亮牌尚未作出情况说明，或已被他人审核");
        }
        return mapper.findById(id).withRuleName();
    }

    private Card visible(long id, CurrentUser user) {
        Card card = mapper.findById(id);
        if (card == null || !regions.isWithin(card.agencyRegion(), user.regionCode())) {
            throw ApiException.notFound("亮牌 " + id);
        }
        return card;
    }

    private static String checkedNote(String note) {
        if (note == null || note.isBlank()) {
            throw ApiException.badParameter("note", "请填写说明");
        }
        if (note.length() > MAX_NOTE) {
            throw ApiException.badParameter("note", "说明不能超过 1000 个字");
        }
        return note.trim();
    }

    private static String abbreviate(String text) {
        if (text == null || text.isBlank()) {
            return "（未填写理由）";
        }
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
