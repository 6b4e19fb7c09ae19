package org.yiwang.hotline;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.common.ApiException;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.identity.Role;
import org.yiwang.notification.NotificationService;
import org.yiwang.region.Agency;
import org.yiwang.region.RegionService;
import org.yiwang.timelimit.WorkingCalendar;

/**
 * The life of a ticket after intake. Every step is one conditional update on the ticket's state and version, so of
 * two people acting on one ticket exactly one wins and the other gets 409; every step is written to the history.
 */
@Service
public class TicketLifecycle {

    static final String CENTRE = "P12345";
    private static final Set<TicketState> ROUTABLE = EnumSet.of(TicketState.NEW, TicketState.RETURNED);

    private final HotlineMapper mapper;
    private final HotlineService tickets;
    private final TicketViews views;
    private final HotlineSettings settings;
    private final IdentityService identity;
    private final RegionService regions;
    private final NotificationService notifications;
    private final WorkingCalendar calendar;
    private final KnowledgeBase knowledge;
    private final HotlineTimers timers;
    private final HotlineReference reference;
    private final Clock clock;

    TicketLifecycle(HotlineMapper mapper, HotlineService tickets, TicketViews views, HotlineSettings settings,
            IdentityService identity, RegionService regions, NotificationService notifications, WorkingCalendar calendar,
            KnowledgeBase knowledge, HotlineTimers timers, HotlineReference reference, Clock clock) {
        this.knowledge = knowledge;
        this.reference = reference;
        this.timers = timers;
        this.mapper = mapper;
        this.tickets = tickets;
        this.views = views;
        this.settings = settings;
        this.identity = identity;
        this.regions = regions;
        this.notifications = notifications;
        this.calendar = calendar;
        this.clock = clock;
    }

    public record Text(String text) {
    }

    /** 直接答复: the answer, or the cited knowledge-base entry's answer when the text is left empty. */
    public record Answer(String text, Long knowledgeId) {
    }

    public record Route(Long agencyId, String note) {
    }

    public record Merge(String into, String note) {
    }

    public record ExtensionRequest(Integer days, String reason) {
    }

    public record Decision(Boolean approve, String note) {
    }

    public record Rating(String rating, String comment) {
    }

    /** 直接答复: the operator answers at once (from the knowledge base or their own knowledge); the ticket ends. */
    @Transactional
    public TicketView answer(String no, Answer answer) {
        CurrentUser user = identity.current();
        TicketRow t = tickets.visible(no, user);
        KnowledgeEntry.Hit entry = answer.knowledgeId() == null ? null : knowledge.cite(answer.knowledgeId());
        String text = HotlineService.text("text", entry != null && (answer.text() == null || answer.text().isBlank())
                ? entry.answer() : answer.text(), HotlineService.MAX_CONTENT, true, "答复内容");
        expect(t, TicketState.NEW);
        HotlineMapper.Change c = change(t, TicketState.ANSWERED);
        c.reply = text;
        c.repliedAt = c.at;
        c.closedAt = c.at;
        c.knowledgeId = entry == null ? null : entry.id();
        apply(c, user, "ANSWER", entry == null ? null : "引用知识库条目 #" + entry.id() + "：" + entry.question());
        tellCitizen(t, "诉求已答复", "您的诉求 " + t.ticketNo() + " 已答复：" + text);
        return detail(t, user);
    }

    /** 按责转办: to the agency the dispatcher chose (the duty list's suggestion, or another). */
    @Transactional
    public TicketView dispatch(String no, Route route) {
        CurrentUser user = identity.current();
        TicketRow t = tickets.visible(no, user);
        Agency agency = agency(route.agencyId());
        if (!ROUTABLE.contains(t.ticketState())) {
            throw wrongState(t);
        }
        if (t.ticketState() == TicketState.RETURNED && agency.id() == lastAgency(t)) {
            throw ApiException.badParameter("agencyId", "该单位刚刚退回此工单，请改派其他单位或交由督办");
        }
        toAgency(t, agency, user, "DISPATCH", note(route.note()));
        return detail(t, user);
    }

    /** 提级督办: the supervisor decides who handles a ticket returned or reopened too often. */
    @Transactional
    public TicketView decideEscalation(String no, Route route) {
        CurrentUser user = identity.current();
        TicketRow t = tickets.visible(no, user);
        Agency agency = agency(route.agencyId());
        expect(t, TicketState.ESCALATED);
        toAgency(t, agency, user, "ASSIGN", note(route.note()));
        return detail(t, user);
    }

    private void toAgency(TicketRow t, Agency agency, CurrentUser user, String action, String note) {
        HotlineMapper.Change c = change(t, TicketState.DISPATCHED);
        setDues(c, t.ticketType());
        c.setAgency = true;
        c.agencyId = agency.id();
        c.clearExtension = true;
        timers.startRound(t, c, false);
        apply(c, user, action, note, agency.id());
        notifications.send(identity.staffOf(agency.id(), Role.ACCEPT), "12345 工单待签收",
                "工单 " + t.ticketNo() + "（" + t.ticketType().label() + "）已转办贵单位，请于 " + c.signDue + " 前签收。", t.ticketNo());
    }

    private void setDues(HotlineMapper.Change c, TicketType type) {
        LocalDate today = c.at.toLocalDate();
        c.dispatchedAt = c.at;
        c.signDue = calendar.addWorkingDays(today, settings.signDays);
        c.replyDue = calendar.addWorkingDays(today, settings.replyDays(type));
    }

    /** 合并工单: a duplicate follows the ticket it repeats; its citizen is told which one. */
    @Transactional
    public TicketView merge(String no, Merge merge) {
        CurrentUser user = identity.current();
        TicketRow t = tickets.visible(no, user);
        if (merge.into() == null || merge.into().isBlank() || merge.into().trim().equals(no)) {
            throw ApiException.badParameter("into", "请填写要并入的另一张工单编号");
        }
        TicketRow target = mapper.findByNo(merge.into().trim());
        if (target == null || target.ticketState() == TicketState.MERGED) {
            throw ApiException.badParameter("into", "要并入的工单不存在或已被合并");
        }
        if (!ROUTABLE.contains(t.ticketState())) {
            throw wrongState(t);
        }
        HotlineMapper.Change c = change(t, TicketState.MERGED);
        c.mergedInto = target.id();
        c.closedAt = c.at;
        apply(c, user, "MERGE", "并入 " + target.ticketNo() + (merge.note() == null ? "" : "：" + note(merge.note())));
        tellCitizen(t, "诉求已合并办理", "您的诉求 " + t.ticketNo() + " 与工单 " + target.ticketNo() + " 反映同一事项，已合并办理。");
        return detail(t, user);
    }

    @Transactional
    public TicketView sign(String no) {
        CurrentUser user = identity.current();
        TicketRow t = tickets.visible(no, user);
        expect(t, TicketState.DISPATCHED);
        HotlineMapper.Change c = change(t, TicketState.SIGNED);
        c.signedAt = c.at;
        apply(c, user, "SIGN", null);
        timers.signed(t);
        return detail(t, user);
    }

    @Transactional
    public TicketView reply(String no, Text reply) {
        CurrentUser user = identity.current();
        TicketRow t = tickets.visible(no, user);
        String text = HotlineService.text("text", reply.text(), HotlineService.MAX_CONTENT, true, "答复内容");
        expect(t, TicketState.SIGNED);
        HotlineMapper.Change c = change(t, TicketState.REPLIED);
        c.reply = text;
        c.repliedAt = c.at;
        apply(c, user, "REPLY", null);
        timers.replied(t);
        tellCitizen(t, "诉求已答复", "您的诉求 " + t.ticketNo() + " 已由 " + t.agencyName() + " 答复：" + text
                + (t.citizenAccountId() == null ? "" : "。请在 " + settings.ratingWindowDays + " 个工作日内评价。"));
        return detail(t, user);
    }

    /** 退单: not this agency's matter; back to the dispatcher, or to the supervisor after too many returns. */
    @Transactional
    public TicketView returnTicket(String no, Text reason) {
        CurrentUser user = identity.current();
        TicketRow t = tickets.visible(no, user);
        String text = HotlineService.text("text", reason.text(), 500, true, "退单理由");
        if (t.ticketState() != TicketState.DISPATCHED && t.ticketState() != TicketState.SIGNED) {
            throw wrongState(t);
        }
        int returns = t.returns() + 1;
        boolean escalate = returns >= settings.escalateAfter;
        HotlineMapper.Change c = change(t, escalate ? TicketState.ESCALATED : TicketState.RETURNED);
        c.returns = returns;
        c.setAgency = true;
        c.agencyId = null;
        c.clearExtension = true;
        c.clearProcess = true;
        timers.endRound(t);
        apply(c, user, "RETURN", text, t.agencyId());
        notifyCentre(t, escalate ? "12345 工单提级督办" : "12345 工单被退回",
                "工单 " + t.ticketNo() + " 被 " + t.agencyName() + " 退回（第 " + returns + " 次）：" + text
                        + (escalate ? "。已提级督办。" : "。请重新派单。"));
        return detail(t, user);
    }

    @Transactional
    public TicketView requestExtension(String no, ExtensionRequest request) {
        CurrentUser user = identity.current();
        TicketRow t = tickets.visible(no, user);
        if (request.days() == null || request.days() < 1 || request.days() > settings.maxExtensionDays) {
            throw ApiException.badParameter("days", "延期天数须在 1 到 " + settings.maxExtensionDays + " 个工作日之间");
        }
        String reason = HotlineService.text("reason", request.reason(), 500, true, "延期理由");
        expect(t, TicketState.SIGNED);
        if (t.extensionState() != null) {
            throw ApiException.conflict("EXTENSION_EXISTS", "该工单已申请过延期");
        }
        HotlineMapper.Change c = change(t, TicketState.SIGNED);
        c.extensionDays = request.days();
        c.extensionState = "REQUESTED";
        c.extensionReason = reason;
        apply(c, user, "EXTENSION_REQUEST", request.days() + " 个工作日：" + reason);
        notifyCentre(t, "12345 延期申请", "工单 " + t.ticketNo() + " 申请延期 " + request.days() + " 个工作日：" + reason);
        return detail(t, user);
    }

    @Transactional
    public TicketView decideExtension(String no, Decision decision) {
        CurrentUser user = identity.current();
        TicketRow t = tickets.visible(no, user);
        if (decision.approve() == null) {
            throw ApiException.badParameter("approve", "请选择同意或不同意延期");
        }
        if (t.ticketState() != TicketState.SIGNED || !"REQUESTED".equals(t.extensionState())) {
            throw ApiException.conflict("NO_EXTENSION_REQUEST", "该工单没有待审批的延期申请");
        }
        HotlineMapper.Change c = change(t, TicketState.SIGNED);
        c.extensionState = decision.approve() ? "APPROVED" : "REFUSED";
        if (decision.approve()) {
            c.replyDue = calendar.addWorkingDays(t.replyDue(), t.extensionDays());
            c.overdueLevel = Math.min(t.overdueLevel(), 1);
            timers.startRound(t, c, true);
        } else {
            c.extensionDays = 0;
        }
        apply(c, user, decision.approve() ? "EXTENSION_APPROVE" : "EXTENSION_REFUSE", note(decision.note()));
        notifications.send(identity.staffOf(t.agencyId(), Role.ACCEPT), "12345 延期审批",
                "工单 " + t.ticketNo() + " 的延期申请" + (decision.approve() ? "已同意，答复期限 " + c.replyDue : "未获同意"), t.ticketNo());
        return detail(t, user);
    }

    /**
     * The citizen rates the reply. 不满意 within the rating window reopens the ticket (重办) to the same agency, or to the
     * supervisor after too many reopens; after the window it is refused and nothing is written.
     */
    @Transactional
    public TicketView rate(String no, Rating rating) {
        CurrentUser user = identity.current();
        TicketRow t = tickets.visible(no, user);
        if (rating.rating() == null || !TicketViews.RATINGS.containsKey(rating.rating())) {
            throw ApiException.badParameter("rating", "评价须为 SATISFIED（满意）、BASIC（基本满意）或 UNSATISFIED（不满意）");
        }
        String comment = HotlineService.text("comment", rating.comment(), 500, false, "评价内容");
        expect(t, TicketState.REPLIED);
        boolean unsatisfied = rating.rating().equals("UNSATISFIED");
        HotlineMapper.Change c;
        if (!unsatisfied) {
            c = change(t, TicketState.CLOSED);
            c.closedAt = c.at;
        } else {
            if (comment == null) {
                throw ApiException.badParameter("comment", "请说明不满意的原因，以便重办");
            }
            int passed = calendar.workingDaysBetween(t.repliedAt().toLocalDate(), LocalDate.now(clock));
            if (passed > settings.ratingWindowDays) {
                throw ApiException.conflict("REOPEN_WINDOW_PASSED", "答复已超过 " + settings.ratingWindowDays
                        + " 个工作日，不能再申请重办；如问题仍未解决，请重新提交诉求");
            }
            int reopens = t.reopens() + 1;
            boolean escalate = reopens >= settings.escalateAfter;
            c = change(t, escalate ? TicketState.ESCALATED : TicketState.DISPATCHED);
            c.reopens = reopens;
            c.clearExtension = true;
            if (escalate) {
                c.clearProcess = true;
                timers.endRound(t);
            } else {
                setDues(c, t.ticketType());
                timers.startRound(t, c, false);
            }
        }
        c.rating = rating.rating();
        c.ratedAt = c.at;
        apply(c, user, unsatisfied ? "REOPEN" : "RATE", TicketViews.RATINGS.get(rating.rating()) + (comment == null ? "" : "：" + comment),
                t.agencyId());
        if (unsatisfied) {
            notifications.send(identity.staffOf(t.agencyId(), Role.ACCEPT), "12345 工单重办",
                    "工单 " + t.ticketNo() + " 的诉求人不满意，已退回重办：" + comment, t.ticketNo());
        }
        return detail(t, user);
    }

    private HotlineMapper.Change change(TicketRow t, TicketState to) {
        HotlineMapper.Change c = new HotlineMapper.Change();
        c.id = t.id();
        c.version = t.version();
        c.state = to.name();
        c.at = LocalDateTime.now(clock);
        return c;
    }

    private void apply(HotlineMapper.Change c, CurrentUser user, String action, String note) {
        apply(c, user, action, note, c.setAgency ? c.agencyId : mapper.findById(c.id).agencyId());
    }

    private void apply(HotlineMapper.Change c, CurrentUser user, String action, String note, Long agencyId) {
        if (mapper.change(c) == 0) {
            throw ApiException.conflict("CONCURRENT_CHANGE", "工单已被他人处理，请刷新后查看");
        }
        mapper.insertEvent(c.id, c.at, user.isApplicant() ? "诉求人" : user.displayName() + (user.agencyName() == null ? ""
                : "（" + user.agencyName() + "）"), action, c.state, agencyId, note);
    }

    /** The ticket after the step; an agency that returned it no longer holds it and gets it without its history. */
    private TicketView detail(TicketRow t, CurrentUser user) {
        TicketRow fresh = mapper.findById(t.id());
        return views.sees(user, fresh) ? views.detail(fresh, user) : views.view(fresh, user);
    }

    private void expect(TicketRow t, TicketState state) {
        if (t.ticketState() != state) {
            throw wrongState(t);
        }
    }

    private static ApiException wrongState(TicketRow t) {
        return ApiException.conflict("WRONG_STATE", "工单当前为“" + t.ticketState().label() + "”，不能进行此操作");
    }

    private Agency agency(Long id) {
        if (id == null) {
            throw ApiException.badParameter("agencyId", "请选择承办单位");
        }
        Agency a = regions.agencyByIdIfExists(id).orElseThrow(() -> ApiException.badParameter("agencyId", "承办单位不存在"));
        if (a.code().equals(CENTRE)) {
            throw ApiException.badParameter("agencyId", "不能转办给热线中心本身");
        }
        return a;
    }

    /** The agency that held the ticket before its last return. */
    private long lastAgency(TicketRow t) {
        List<HotlineMapper.Event> events = mapper.events(t.id());
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).action().equals("RETURN") && events.get(i).agencyId() != null) {
                return events.get(i).agencyId();
            }
        }
        return -1;
    }

    private static String note(String note) {
        return HotlineService.text("note", note, 500, false, "说明");
    }

    private void notifyCentre(TicketRow t, String title, String body) {
        notifications.send(reference.centreDispatchers(), title, body, t.ticketNo());
    }

    /** The citizen's message centre when they filed with their account, and their e-mail when they gave one. */
    void tellCitizen(TicketRow t, String title, String body) {
        if (t.citizenAccountId() != null) {
            notifications.send(t.citizenAccountId(), title, body, t.ticketNo());
        } else if (views.emailOf(t) != null) {
            notifications.mailTo(views.emailOf(t), title, body);
        }
    }
}
