package org.yiwang.hotline;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.springframework.stereotype.Component;
import org.yiwang.identity.IdentityService;
import org.yiwang.identity.Role;
import org.yiwang.notification.NotificationService;
import org.yiwang.workflow.HotlineDeadlineCallbacks;
import org.yiwang.workflow.ProcessContract;
import org.yiwang.workflow.TicketRounds;

/**
 * The ticket's deadlines as BPMN timers: each dispatch starts a round of {@code hotlineTicket} on the engine, whose
 * timers warn the agency when the clock turns yellow and raise the overdue signing or reply to the centre's
 * dispatchers and the agency (the supervisors' view lists it). A timer of a round the ticket has left does nothing;
 * each timer job fires once, and an overdue raise is one conditional update of the ticket. A warning changes nothing
 * on the ticket, so a clerk who has it open meanwhile is not refused.
 */
@Component
class HotlineTimers implements HotlineDeadlineCallbacks {

    private final HotlineMapper mapper;
    private final TicketRounds rounds;
    private final HotlineSettings settings;
    private final IdentityService identity;
    private final HotlineReference reference;
    private final TicketViews views;
    private final NotificationService notifications;
    private final Clock clock;

    HotlineTimers(HotlineMapper mapper, TicketRounds rounds, HotlineSettings settings, IdentityService identity,
            HotlineReference reference, TicketViews views, NotificationService notifications, Clock clock) {
        this.mapper = mapper;
        this.rounds = rounds;
        this.settings = settings;
        this.identity = identity;
        this.reference = reference;
        this.views = views;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** Starts the round for a ticket going to an agency (ending the one before); its id goes on the change. */
    void startRound(TicketRow t, HotlineMapper.Change c, boolean signed) {
        endRound(t);
        LocalDate from = c.at.toLocalDate();
        LocalDate signDue = c.signDue != null ? c.signDue : t.signDue();
        LocalDate replyDue = c.replyDue != null ? c.replyDue : t.replyDue();
        // A reopened ticket's extension is cleared by the same change: the reply limit is the type's again.
        int extension = c.clearExtension ? 0 : t.extensionDays();
        c.processInstanceId = rounds.start(new TicketRounds.Round(t.ticketNo(), signed,
                yellowFrom(from, signDue, settings.signDays), signDue,
                yellowFrom(from, replyDue, settings.replyDays(t.ticketType()) + extension), replyDue));
    }

    /** The ticket leaves the agency (returned, escalated, merged) or its round is replaced: the timers go. */
    void endRound(TicketRow t) {
        if (t.processInstanceId() != null) {
            rounds.end(t.processInstanceId());
        }
    }

    void signed(TicketRow t) {
        if (t.processInstanceId() != null) {
            rounds.signed(t.processInstanceId());
        }
    }

    void replied(TicketRow t) {
        if (t.processInstanceId() != null) {
            rounds.replied(t.processInstanceId());
        }
    }

    /** The day the clock turns yellow as the ticket shows it ({@link TicketViews#yellowFrom}), not before the round. */
    private LocalDate yellowFrom(LocalDate from, LocalDate due, int limitDays) {
        LocalDate yellow = views.yellowFrom(due, limitDays);
        return yellow.isBefore(from) ? from : yellow;
    }

    @Override
    public void deadlineReached(String roundId, String timer) {
        TicketRow t = mapper.findByProcess(roundId);
        boolean sign = timer.equals(ProcessContract.SIGN_WARNING) || timer.equals(ProcessContract.SIGN_OVERDUE);
        if (t == null || t.ticketState() != (sign ? TicketState.DISPATCHED : TicketState.SIGNED)) {
            return;
        }
        boolean overdue = timer.equals(ProcessContract.SIGN_OVERDUE) || timer.equals(ProcessContract.REPLY_OVERDUE);
        LocalDateTime now = LocalDateTime.now(clock);
        String what = sign ? "签收" : "答复";
        LocalDate due = sign ? t.signDue() : t.replyDue();
        if (overdue) {
            // The overdue level is the ticket's own state (the supervisors' list reads it): one conditional update.
            HotlineMapper.Change c = new HotlineMapper.Change();
            c.id = t.id();
            c.version = t.version();
            c.state = t.state();
            c.at = now;
            c.overdueLevel = sign ? 1 : 2;
            if (mapper.change(c) == 0) {
                return;
            }
        }
        String action = (sign ? "SIGN_" : "REPLY_") + (overdue ? "OVERDUE" : "WARNING");
        mapper.insertEvent(t.id(), now, "系统", action, t.state(), t.agencyId(),
                what + (overdue ? "已超期" : "即将到期") + "（期限 " + due + "）");
        String body = "工单 " + t.ticketNo() + "（" + t.agencyName() + "）" + what
                + (overdue ? "已超期，请督促办理。" : "将于 " + due + " 到期，请及时办理。");
        String title = overdue ? "12345 工单超期" : "12345 工单即将超期";
        if (overdue) {
            notifications.send(reference.centreDispatchers(), title, body, t.ticketNo());
        }
        notifications.send(identity.staffOf(t.agencyId(), Role.ACCEPT), title, body, t.ticketNo());
    }
}
