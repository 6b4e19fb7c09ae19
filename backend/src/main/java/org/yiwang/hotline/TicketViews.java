package org.yiwang.hotline;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.Masking;
import org.yiwang.identity.PersonalDataCipher;
import org.yiwang.region.RegionService;
import org.yiwang.timelimit.WorkingCalendar;

/** Turns stored tickets into answers: scope, masking, 举报 confidentiality and the deadline clock. */
@Component
class TicketViews {

    static final Map<String, String> RATINGS = Map.of("SATISFIED", "满意", "BASIC", "基本满意", "UNSATISFIED", "不满意");

    private final HotlineMapper mapper;
    private final HotlineReference reference;
    private final HotlineSettings settings;
    private final PersonalDataCipher cipher;
    private final RegionService regions;
    private final WorkingCalendar calendar;
    private final Clock clock;

    TicketViews(HotlineMapper mapper, HotlineReference reference, HotlineSettings settings, PersonalDataCipher cipher,
            RegionService regions, WorkingCalendar calendar, Clock clock) {
        this.mapper = mapper;
        this.reference = reference;
        this.settings = settings;
        this.cipher = cipher;
        this.regions = regions;
        this.calendar = calendar;
        this.clock = clock;
    }

    static boolean centre(CurrentUser user) {
        return user != null && user.permissions().contains("hotline:intake");
    }

    static boolean handles(CurrentUser user, TicketRow t) {
        return user != null && user.permissions().contains("hotline:handle") && user.agencyId() != null
                && user.agencyId().equals(t.agencyId());
    }

    boolean supervises(CurrentUser user, TicketRow t) {
        return user != null && user.permissions().contains("hotline:supervise") && regions.isWithin(t.regionCode(), user.regionCode());
    }

    boolean sees(CurrentUser user, TicketRow t) {
        if (user.isApplicant()) {
            return t.citizenAccountId() != null && t.citizenAccountId() == user.accountId();
        }
        return centre(user) || handles(user, t) || supervises(user, t);
    }

    /** Who may see the citizen's contact: the citizen, the centre, and the agency or supervisor unless it is a 举报. */
    private boolean seesContact(CurrentUser user, TicketRow t) {
        if (user == null || user.isApplicant() || centre(user)) {
            return true;
        }
        return !t.ticketType().confidential();
    }

    TicketView view(TicketRow t, CurrentUser user) {
        return build(t, user, false);
    }

    TicketView detail(TicketRow t, CurrentUser user) {
        return build(t, user, true);
    }

    private TicketView build(TicketRow t, CurrentUser user, boolean detail) {
        boolean contact = seesContact(user, t);
        TicketView.Contact citizen = contact ? new TicketView.Contact(Masking.name(open(t.citizenNameEnc())),
                Masking.phone(open(t.citizenPhoneEnc())), maskEmail(open(t.citizenEmailEnc()))) : null;
        TicketState state = t.ticketState();
        LocalDate due = state == TicketState.DISPATCHED ? t.signDue() : state == TicketState.SIGNED ? t.replyDue() : null;
        String clockColour = due == null ? null
                : colour(due, state == TicketState.DISPATCHED ? settings.signDays : settings.replyDays(t.ticketType()) + t.extensionDays());
        TicketView.Suggestion suggestion = detail && centre(user) && (state == TicketState.NEW || state == TicketState.RETURNED)
                ? reference.suggest(t.classCode(), t.regionCode()).orElse(null) : null;
        List<TicketView.HistoryEntry> history = detail ? mapper.events(t.id()).stream()
                .map(e -> new TicketView.HistoryEntry(e.at(), e.actor(), e.action(), e.state(), e.agencyId(), e.agencyName(), e.note()))
                .toList() : null;
        String merged = t.mergedInto() == null ? null : mapper.findById(t.mergedInto()).ticketNo();
        return new TicketView(t.ticketNo(), t.type(), t.ticketType().label(), t.classCode(), t.className(), t.regionCode(),
                t.regionName(), t.channel(), t.title(), t.content(), contact ? open(t.addressEnc()) : null, t.lat(), t.lon(),
                citizen, !contact, t.state(), state.label(), t.agencyId(), t.agencyName(), t.receivedAt(), t.dispatchedAt(),
                t.signDue(), t.signedAt(), t.replyDue(), t.repliedAt(), t.reply(),
                t.extensionState() == null ? null : new TicketView.Extension(t.extensionDays(), t.extensionState(), t.extensionReason()),
                t.returns(), t.reopens(), t.rating(), t.rating() == null ? null : RATINGS.get(t.rating()), t.ratedAt(), merged,
                t.closedAt(), due, clockColour, suggestion, t.knowledgeId(), history);
    }

    /** GREEN, YELLOW once the configured share of the limit has passed, RED when the due day is over. */
    String colour(LocalDate due, int limitDays) {
        LocalDate today = LocalDate.now(clock);
        if (today.isAfter(due)) {
            return "RED";
        }
        return today.isBefore(yellowFrom(due, limitDays)) ? "GREEN" : "YELLOW";
    }

    /** The first day the clock shows yellow: at most the unused share of the limit is left in working days. */
    LocalDate yellowFrom(LocalDate due, int limitDays) {
        return calendar.workingDaysBefore(due, (int) Math.floor(limitDays * (1 - settings.yellowShare)));
    }

    String phoneOf(TicketRow t) {
        return open(t.citizenPhoneEnc());
    }

    String addressOf(TicketRow t) {
        return open(t.addressEnc());
    }

    String emailOf(TicketRow t) {
        return open(t.citizenEmailEnc());
    }

    private String open(String enc) {
        return enc == null ? null : cipher.decrypt(enc);
    }

    private static String maskEmail(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        return at <= 1 ? "*" + email.substring(Math.max(at, 0)) : email.charAt(0) + "*".repeat(at - 1) + email.substring(at);
    }

    /** What the public progress query shows: no contact, no content. */
    record Progress(String ticketNo, String typeName, String className, String state, String stateName, String agencyName,
            LocalDateTime receivedAt, LocalDateTime repliedAt, String reply, LocalDateTime closedAt) {
    }

    Progress progress(TicketRow t) {
        return new Progress(t.ticketNo(), t.ticketType().label(), t.className(), t.state(), t.ticketState().label(),
                t.agencyName(), t.receivedAt(), t.repliedAt(), t.reply(), t.closedAt());
    }
}
