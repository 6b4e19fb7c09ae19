package org.yiwang.hotline;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.common.ApiException;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.common.Throttle;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.identity.PersonalDataCipher;

/**
 * Intake and reading of 12345 tickets. Who may file what: anyone may ask (咨询); complaints, reports and requests
 * for help need the one identity (a logged-in applicant), an operator taking the call, or a partner channel's key.
 * Who sees what: the citizen their own tickets, the hotline centre all, an agency those dispatched to it, a
 * supervisor those of their region.
 */
@Service
public class HotlineService {

    static final int MAX_TITLE = 100;
    static final int MAX_CONTENT = 2000;
    static final int MAX_ADDRESS = 200;
    static final int MAX_NAME = 50;
    private static final Pattern PHONE = Pattern.compile("1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern TICKET_NO = Pattern.compile("12345-\\d{8}-\\d{6}");

    private final HotlineMapper mapper;
    private final HotlineReference reference;
    private final TicketViews views;
    private final IdentityService identity;
    private final PersonalDataCipher cipher;
    private final Clock clock;
    private final Throttle throttle;
    private final Throttle.Rate perAddress;
    private final Throttle.Rate perAccount;
    private final Throttle.Rate progressRate;
    private final Throttle.BackOff progressLock;

    HotlineService(HotlineMapper mapper, HotlineReference reference, TicketViews views, IdentityService identity,
            PersonalDataCipher cipher, Clock clock, Throttle throttle, HotlineSettings settings) {
        this.throttle = throttle;
        this.perAddress = new Throttle.Rate("hotline-consult", settings.intakePerMinute);
        this.perAccount = new Throttle.Rate("hotline-intake", settings.accountIntakePerMinute);
        this.progressRate = new Throttle.Rate("hotline-progress", settings.progressPerMinute);
        // The last four digits of a phone are few: each ticket number is locked after a few wrong guesses.
        this.progressLock = new Throttle.BackOff("hotline-progress-no", settings.progressFailures,
                java.time.Duration.ofMinutes(15), java.time.Duration.ofHours(24));
        this.mapper = mapper;
        this.reference = reference;
        this.views = views;
        this.identity = identity;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** A ticket as filed: on the portal, by an operator, or through Open311. */
    public record Intake(String type, String classCode, String regionCode, String title, String content, String address,
            BigDecimal lat, BigDecimal lon, String name, String phone, String email) {
    }

    enum Channel {
        WEB, PHONE, OPEN311
    }

    /** 匿名咨询: a consultation from anyone, without an account; the phone number is needed for the answer. */
    @Transactional
    public TicketView consult(Intake in, String address) {
        throttle.take(perAddress, address);
        TicketType type = TicketType.parse("type", in.type() == null ? TicketType.CONSULT.name() : in.type());
        if (type != TicketType.CONSULT) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "LOGIN_REQUIRED", "投诉、举报、求助、建议和表扬请登录后提交，咨询无需登录", null);
        }
        return views.view(create(in, type, Channel.WEB, null, null), null);
    }

    /** Files a ticket as the logged-in applicant (their own name and phone), or as an operator taking a call. */
    @Transactional
    public TicketView file(Intake in) {
        CurrentUser user = identity.current();
        if (!user.isApplicant() && !user.permissions().contains("hotline:intake")) {
            throw ApiException.forbidden("只有话务员可以代为登记诉求");
        }
        TicketType type = TicketType.parse("type", in.type());
        if (user.isApplicant()) {
            throttle.take(perAccount, String.valueOf(user.accountId()));
            Intake own = new Intake(in.type(), in.classCode(), in.regionCode(), in.title(), in.content(), in.address(),
                    in.lat(), in.lon(), user.displayName(), identity.phoneOf(user.accountId()).orElse(in.phone()),
                    identity.emailOf(user.accountId()).orElse(in.email()));
            return views.view(create(own, type, Channel.WEB, user.accountId(), null), user);
        }
        return views.view(create(in, type, Channel.PHONE, null, null), user);
    }

    /** A ticket from a partner channel (Open311). */
    @Transactional
    public TicketRow fileFromChannel(Intake in, TicketType type, long channelId) {
        return create(in, type, Channel.OPEN311, null, channelId);
    }

    private TicketRow create(Intake in, TicketType type, Channel channel, Long accountId, Long channelId) {
        HotlineMapper.ClassRow c = reference.checkedClass("classCode", in.classCode());
        String region = in.regionCode() == null || in.regionCode().isBlank() ? reference.regionOfAddress(in.address())
                : reference.checkedRegion("regionCode", in.regionCode());
        String content = text("content", in.content(), MAX_CONTENT, true, "诉求内容");
        String title = text("title", in.title(), MAX_TITLE, false, "诉求标题");
        if (title == null) {
            title = content.length() <= 30 ? content : content.substring(0, 30) + "…";
        }
        String address = text("address", in.address(), MAX_ADDRESS, false, "地址");
        checkCoordinates(in.lat(), in.lon());
        String phone = checkedPhone("phone", in.phone(), accountId == null);
        String email = checkedEmail("email", in.email());
        String name = text("name", in.name(), MAX_NAME, false, "姓名");

        LocalDateTime now = LocalDateTime.now(clock);
        HotlineMapper.NewTicket t = new HotlineMapper.NewTicket();
        t.ticketNo = nextNumber(now.toLocalDate());
        t.type = type.name();
        t.classCode = c.code();
        t.regionCode = region;
        t.channel = channel.name();
        t.channelId = channelId;
        t.title = title;
        t.content = content;
        t.addressEnc = address == null ? null : cipher.encrypt(address);
        t.lat = in.lat() == null ? null : in.lat().setScale(6, java.math.RoundingMode.HALF_UP);
        t.lon = in.lon() == null ? null : in.lon().setScale(6, java.math.RoundingMode.HALF_UP);
        t.citizenAccountId = accountId;
        t.citizenNameEnc = name == null ? null : cipher.encrypt(name);
        t.citizenPhoneEnc = phone == null ? null : cipher.encrypt(phone);
        t.citizenPhoneHash = phone == null ? null : cipher.lookupHash(phone.replace("-", ""));
        t.citizenEmailEnc = email == null ? null : cipher.encrypt(email);
        t.receivedAt = now;
        mapper.insertTicket(t);
        mapper.insertEvent(t.id, now, channel == Channel.PHONE ? identity.current().displayName() : "诉求人", "FILE",
                TicketState.NEW.name(), null, channel.name());
        return mapper.findById(t.id);
    }

    /** 12345-YYYYMMDD-NNNNNN: a counter row per day, taken under the row's lock, so numbers never repeat. */
    private String nextNumber(LocalDate day) {
        if (mapper.bumpCounter(day) == 0) {
            try {
                mapper.insertCounter(day);
            } catch (DuplicateKeyException e) {
                mapper.bumpCounter(day);
            }
        }
        return "12345-%s-%06d".formatted(day.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE), mapper.counter(day));
    }

    /** One ticket for a caller who may see it; 404 for everyone else, so numbers are not confirmed. */
    public TicketView get(String ticketNo) {
        CurrentUser user = identity.current();
        return views.detail(visible(ticketNo, user), user);
    }

    TicketRow visible(String ticketNo, CurrentUser user) {
        TicketRow t = ticketNo == null || !TICKET_NO.matcher(ticketNo).matches() ? null : mapper.findByNo(ticketNo);
        if (t == null || !views.sees(user, t)) {
            throw ApiException.notFound("工单 " + ticketNo);
        }
        return t;
    }

    /**
     * The caller's list. {@code view}: {@code mine} (a citizen's 我的诉求), {@code pending} (the centre's tickets to
     * dispatch or decide), {@code agency} (an agency's open tickets), {@code supervise} (escalated and overdue in the
     * supervisor's region), {@code all} (everything the caller may see).
     */
    public PageResult<TicketView> list(String view, String state, String type, String phone, Paging paging) {
        CurrentUser user = identity.current();
        List<String> states = state == null || state.isBlank() ? null : List.of(checkedState(state));
        String t = type == null || type.isBlank() ? null : TicketType.parse("type", type).name();
        String phoneHash = null;
        if (phone != null && !phone.isBlank()) {
            if (!user.permissions().contains("hotline:intake")) {
                throw ApiException.forbidden("只有热线中心可以按来电号码查询");
            }
            phoneHash = cipher.lookupHash(checkedPhone("phone", phone, true).replace("-", ""));
        }
        String v = view == null || view.isBlank() ? "all" : view;
        LocalDate today = LocalDate.now(clock);
        HotlineMapper.Filter f = switch (v) {
            case "mine" -> new HotlineMapper.Filter(states, null, null, user.accountId(), null, t, null, null, null, null, null, null, today, null);
            case "pending" -> {
                centre(user);
                yield new HotlineMapper.Filter(states != null ? states : List.of("NEW", "RETURNED"), null, null, null,
                        phoneHash, t, null, null, null, null, null, null, today, null);
            }
            case "agency" -> {
                if (!user.permissions().contains("hotline:handle") || user.agencyId() == null) {
                    throw ApiException.forbidden("没有承办工单的权限");
                }
                yield new HotlineMapper.Filter(states != null ? states : List.of("DISPATCHED", "SIGNED"), user.agencyId(),
                        null, null, null, t, null, null, null, null, null, null, today, null);
            }
            case "supervise" -> {
                if (!user.permissions().contains("hotline:supervise")) {
                    throw ApiException.forbidden("没有督办工单的权限");
                }
                yield new HotlineMapper.Filter(states, null, user.regionCode(), null, null, t, null, null, null, null, null,
                        true, today, null);
            }
            case "all" -> scopeOf(user, states, t, phoneHash, today);
            default -> throw ApiException.badParameter("view", "view 须为 mine、pending、agency、supervise 或 all");
        };
        return paging.result(mapper.find(f, paging.offset(), paging.size()), mapper.count(f)).map(r -> views.view(r, user));
    }

    private HotlineMapper.Filter scopeOf(CurrentUser user, List<String> states, String type, String phoneHash, LocalDate today) {
        if (user.isApplicant()) {
            return new HotlineMapper.Filter(states, null, null, user.accountId(), null, type, null, null, null, null, null, null, today, null);
        }
        if (user.permissions().contains("hotline:intake")) {
            return new HotlineMapper.Filter(states, null, null, null, phoneHash, type, null, null, null, null, null, null, today, null);
        }
        if (user.permissions().contains("hotline:supervise")) {
            return new HotlineMapper.Filter(states, null, user.regionCode(), null, null, type, null, null, null, null, null, null, today, null);
        }
        if (user.permissions().contains("hotline:handle") && user.agencyId() != null) {
            return new HotlineMapper.Filter(states, user.agencyId(), null, null, null, type, null, null, null, null, null, null, today, null);
        }
        throw ApiException.forbidden("没有查看工单的权限");
    }

    static void centre(CurrentUser user) {
        if (!user.permissions().contains("hotline:intake")) {
            throw ApiException.forbidden("只有热线中心可以查看待派单工单");
        }
    }

    private static String checkedState(String state) {
        try {
            return TicketState.valueOf(state.trim()).name();
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("state", "未知的工单状态：" + state);
        }
    }

    /** Indicators per agency over tickets received from {@code from} to {@code to} (inclusive): the centre sees all, a supervisor their region. */
    public List<Indicator> indicators(String from, String to) {
        CurrentUser user = identity.current();
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        if (end.isBefore(start) || start.plusYears(1).isBefore(end)) {
            throw ApiException.badParameter("to", "统计期间须在一年以内，且结束日期不早于开始日期");
        }
        String prefix = user.permissions().contains("hotline:dispatch") ? null : user.regionCode();
        return mapper.indicators(prefix, start.atStartOfDay(), end.plusDays(1).atStartOfDay());
    }

    /** Indicators of every agency of the province over tickets received from..to, whoever asks: for the assessment. */
    public List<Indicator> indicatorsOfProvince(LocalDate from, LocalDate to) {
        return mapper.indicators(null, from.atStartOfDay(), to.plusDays(1).atStartOfDay());
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value == null ? "" : value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badParameter(field, field + " 须为 YYYY-MM-DD 格式的日期");
        }
    }

    /** Public progress: the ticket number and the last four digits of the phone number given with it. */
    public TicketViews.Progress progress(String ticketNo, String phoneSuffix, String address) {
        throttle.take(progressRate, address);
        if (phoneSuffix == null || !phoneSuffix.matches("\\d{4}")) {
            throw ApiException.badParameter("phoneSuffix", "请输入联系电话的后 4 位数字");
        }
        String key = ticketNo == null ? "" : ticketNo.trim();
        throttle.checkUnlocked(progressLock, key, "该工单编号查询失败次数过多，已暂停查询，请稍后再试或登录后查看");
        TicketRow t = ticketNo == null || !TICKET_NO.matcher(ticketNo.trim()).matches() ? null : mapper.findByNo(ticketNo.trim());
        String phone = t == null ? null : views.phoneOf(t);
        if (phone == null || !phone.endsWith(phoneSuffix)) {
            throttle.failed(progressLock, key);
            throw ApiException.notFound("工单（编号或电话后 4 位不符）");
        }
        return views.progress(t);
    }

    static String text(String field, String value, int max, boolean required, String label) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw ApiException.badParameter(field, "请填写" + label);
            }
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw ApiException.badParameter(field, label + "不能超过 " + max + " 个字");
        }
        return v;
    }

    static String checkedPhone(String field, String phone, boolean required) {
        if (phone == null || phone.isBlank()) {
            if (required) {
                throw ApiException.badParameter(field, "请填写联系电话，以便答复和回访");
            }
            return null;
        }
        String p = phone.strip().replace(" ", "");
        if (p.startsWith("+86")) {
            p = p.substring(3);
        }
        if (!PHONE.matcher(p).matches()) {
            throw ApiException.badParameter(field, "联系电话格式不正确（手机号 11 位，固话带区号）");
        }
        return p;
    }

    static String checkedEmail(String field, String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        String e = email.strip();
        if (e.length() > 254 || !EMAIL.matcher(e).matches()) {
            throw ApiException.badParameter(field, "电子邮箱格式不正确");
        }
        return e;
    }

    private static void checkCoordinates(BigDecimal lat, BigDecimal lon) {
        if ((lat == null) != (lon == null)) {
            throw ApiException.badParameter(lat == null ? "lat" : "long", "经纬度须同时提供");
        }
        if (lat != null && (lat.abs().compareTo(BigDecimal.valueOf(90)) > 0 || lon.abs().compareTo(BigDecimal.valueOf(180)) > 0)) {
            throw ApiException.badParameter("lat", "经纬度超出范围");
        }
    }
}
