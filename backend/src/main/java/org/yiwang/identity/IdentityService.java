package org.yiwang.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.shiro.SecurityUtils;
import org.apache.shiro.authc.credential.PasswordService;
import org.apache.shiro.session.Session;
import org.apache.shiro.subject.Subject;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.yiwang.common.ApiException;
import org.yiwang.common.Throttle;
import org.yiwang.region.Agency;
import org.yiwang.region.RegionService;
import org.yiwang.audit.AuditService;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Login, logout, registration and the current user (统一身份认证). It stays one class because each of these makes,
 * reads or ends a session, and the rules for sessions should be read in one place.
 */
@Service
public class IdentityService {

    static final int LOCK_AFTER_FAILURES = 5;
    static final int LOCK_MINUTES = 15;
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,253}\\.[^@\\s]{2,}");
    private static final Pattern ID_LIKE = Pattern.compile("[0-9A-Za-z]{18}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityMapper mapper;
    private final PasswordService passwords;
    private final PersonalDataCipher cipher;
    private final RegionService regions;
    private final AuditService audit;
    private final DatabaseSessionDao sessions;
    private final Clock clock;
    private final Throttle throttle;
    /** Logins and registrations per client address and minute, whatever their outcome. */
    private final Throttle.Rate authRate;
    private final ApplicationEventPublisher events;
    /** Failed logins from one address within {@link #LOCK_MINUTES} before the address is refused. */
    private final int addressFailureLimit;
    /** Compared against when no account matches, so that unknown names take as long as wrong passwords. */
    private final String decoyHash;

    IdentityService(IdentityMapper mapper, PasswordService passwords, PersonalDataCipher cipher, RegionService regions,
            AuditService audit, DatabaseSessionDao sessions, Clock clock, ApplicationEventPublisher events,
            Throttle throttle,
            @Value("${yiwang.security.address-failure-limit:20}") int addressFailureLimit,
            @Value("${yiwang.security.limits.auth-per-minute:30}") int authPerMinute) {
        this.events = events;
        this.mapper = mapper;
        this.passwords = passwords;
        this.cipher = cipher;
        this.regions = regions;
        this.audit = audit;
        this.sessions = sessions;
        this.clock = clock;
        this.throttle = throttle;
        this.authRate = new Throttle.Rate("auth", authPerMinute);
        this.addressFailureLimit = addressFailureLimit;
        this.decoyHash = passwords.encryptPassword("decoy-" + RANDOM.nextLong());
    }

    public record Me(String username, String displayName, CurrentUser.Kind kind, String idNumber, List<String> roles,
            Set<String> permissions, Long agencyId, String agencyName, String regionCode, String regionName,
            String csrfToken, boolean mustChangePassword) {
    }

    public record LoginRequest(String username, String password) {
    }

    /**
     * Sessions ended on this node: one ({@code sessionId}) at logout, or all of an account's ({@code sessionId}
     * null) when an administrator changed its roles, password or state. Live streams held for them end at once.
     */
    public record SessionsEnded(long accountId, String sessionId) {
    }

    public record Registration(String idType, String idNumber, String name, String phone, String password,
            String regionCode, String email) {
    }

    /** The applicant the platform acts for on this thread, if it does (see {@link #onBehalfOf}). */
    private static final ThreadLocal<CurrentUser> ACTING_FOR = new ThreadLocal<>();

    /** The logged-in user; 401 when there is none. */
    public CurrentUser current() {
        CurrentUser acting = ACTING_FOR.get();
        if (acting != null) {
            return acting;
        }
        Object principal = SecurityUtils.getSubject().getPrincipal();
        if (principal instanceof CurrentUser user && SecurityUtils.getSubject().isAuthenticated()) {
            return user;
        }
        throw new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "请先登录", null);
    }

    /**
     * Runs work the platform does for an applicant as that applicant, without a session: a bundle's later item is
     * submitted when the earlier item's licence is issued, inside the clerk's request that issued it. Only an
     * enabled applicant account can be acted for; the caller's own identity is back when the work ends.
     */
    public <T> T onBehalfOf(long applicantId, java.util.function.Supplier<T> work) {
        Account account = mapper.findById(applicantId);
        if (account == null || !account.enabled() || !"APPLICANT".equals(account.kind())) {
            throw ApiException.notFound("申请人 " + applicantId);
        }
        CurrentUser before = ACTING_FOR.get();
        ACTING_FOR.set(toUser(account));
        try {
            return work.get();
        } finally {
            if (before == null) {
                ACTING_FOR.remove();
            } else {
                ACTING_FOR.set(before);
            }
        }
    }

    /** The client's address as the server sees it (the trusted proxies' X-Forwarded-For applied), for throttles. */
    public static String addressOf(HttpServletRequest request) {
        return clientAddress(request);
    }

    public Me login(LoginRequest request, HttpServletRequest http) {
        String address = clientAddress(http);
        throttle.take(authRate, address);
        LocalDateTime now = LocalDateTime.now(clock);
        String name = request.username() == null ? "" : request.username().trim();
        if (name.isEmpty() || request.password() == null || request.password().isEmpty()) {
            throw ApiException.badRequest("CREDENTIALS_REQUIRED", "请输入用户名和密码");
        }
        Integer addressFailures = mapper.addressFailures(address, now.minusMinutes(LOCK_MINUTES));
        if (addressFailures != null && addressFailures >= addressFailureLimit) {
            audit.record(new AuditService.Event(null, Masking.text(name), "LOGIN_THROTTLED", null, null, address, RegionService.PROVINCE));
            throw ApiException.retryLater(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_ATTEMPTS",
                    "登录失败次数过多，请 " + LOCK_MINUTES + " 分钟后再试", Duration.ofMinutes(LOCK_MINUTES));
        }
        Account account = find(name);
        if (account == null) {
            passwords.passwordsMatch(request.password(), decoyHash);
            failed(address, now, null, Masking.text(name), RegionService.PROVINCE);
            throw badCredentials();
        }
        String actor = actorName(account);
        if (account.lockedUntil() != null && account.lockedUntil().isAfter(now)) {
            failed(address, now, account.id(), actor, account.regionCode());
            throw ApiException.retryLater(HttpStatus.LOCKED, "ACCOUNT_LOCKED", "账户因多次密码错误已锁定，请于 "
                    + account.lockedUntil().format(DateTimeFormatter.ofPattern("HH:mm")) + " 后重试或联系管理员解锁",
                    Duration.between(now, account.lockedUntil()));
        }
        if (!passwords.passwordsMatch(request.password(), account.passwordHash())) {
            failed(address, now, account.id(), actor, account.regionCode());
            mapper.recordFailure(account.id(), LOCK_AFTER_FAILURES, now.plusMinutes(LOCK_MINUTES));
            if (account.failedLogins() + 1 >= LOCK_AFTER_FAILURES) {
                audit.record(new AuditService.Event(account.id(), actor, "ACCOUNT_LOCKED", actor, null, address, account.regionCode()));
            }
            throw badCredentials();
        }
        if (!account.enabled()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "ACCOUNT_DISABLED", "账户已停用，请联系管理员", null);
        }
        if (account.failedLogins() > 0 || account.lockedUntil() != null) {
            mapper.resetFailures(account.id());
        }
        CurrentUser user = toUser(account);
        startSession(user);
        if (account.mustChangePassword()) {
            SecurityUtils.getSubject().getSession().setAttribute(AccessInterceptor.MUST_CHANGE_ATTRIBUTE, Boolean.TRUE);
        }
        audit.record(new AuditService.Event(user.accountId(), actor, "LOGIN", null, null, address, user.regionCode()));
        return me();
    }

    public void logout(HttpServletRequest http) {
        Subject subject = SecurityUtils.getSubject();
        Session session = subject.getSession(false);
        if (subject.getPrincipal() instanceof CurrentUser user) {
            audit.record(new AuditService.Event(user.accountId(), user.username(), "LOGOUT", null, null,
                    clientAddress(http), user.regionCode()));
            if (session != null) {
                events.publishEvent(new SessionsEnded(user.accountId(), session.getId().toString()));
            }
        }
        subject.logout();
    }

    public Me me() {
        CurrentUser user = current();
        Session session = SecurityUtils.getSubject().getSession();
        Account account = mapper.findById(user.accountId());
        String idNumber = account.idNumberEnc() == null ? null : Masking.idNumber(cipher.decrypt(account.idNumberEnc()));
        return new Me(user.username(), user.displayName(), user.kind(), idNumber,
                user.roles().stream().map(Enum::name).sorted().toList(), user.permissions(), user.agencyId(),
                user.agencyName(), user.regionCode(), regions.find(user.regionCode()).map(r -> r.fullName()).orElse(null),
                String.valueOf(session.getAttribute(AccessInterceptor.CSRF_ATTRIBUTE)), account.mustChangePassword());
    }

    /** An applicant creates their one account (一号) and is logged in. */
    public Me register(Registration r, HttpServletRequest http) {
        throttle.take(authRate, clientAddress(http));
        String type = r.idType() == null ? "" : r.idType();
        IdentityNumbers.Result id = switch (type) {
            case "ID_CARD" -> IdentityNumbers.checkIdCard(r.idNumber() == null ? "" : r.idNumber().trim(), LocalDate.now(clock));
            case "USCC" -> IdentityNumbers.checkUscc(r.idNumber() == null ? "" : r.idNumber().trim());
            default -> throw ApiException.badParameter("idType", "证件类型须为 ID_CARD（居民身份证）或 USCC（统一社会信用代码）");
        };
        if (!id.valid()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "INVALID_ID_NUMBER", id.message(), "idNumber");
        }
        String name = r.name() == null ? "" : r.name().trim();
        if (name.length() < 2 || name.length() > 64) {
            throw ApiException.badParameter("name", "姓名或单位名称须为 2 到 64 个字符");
        }
        if (r.phone() == null || !MOBILE.matcher(r.phone()).matches()) {
            throw ApiException.badParameter("phone", "手机号码须为 11 位大陆手机号");
        }
        PasswordPolicy.check(r.password(), id.normalized());
        String email = checkedEmail(r.email());
        String region = r.regionCode() == null || r.regionCode().isBlank() ? RegionService.PROVINCE : r.regionCode();
        regions.existing("regionCode", region);
        IdentityMapper.NewAccount a = new IdentityMapper.NewAccount();
        a.kind = CurrentUser.Kind.APPLICANT.name();
        a.displayName = name;
        a.idType = type;
        a.idNumberEnc = cipher.encrypt(id.normalized());
        a.idNumberHash = cipher.lookupHash(id.normalized());
        a.phoneEnc = cipher.encrypt(r.phone());
        a.emailEnc = cipher.encrypt(email);
        a.regionCode = region;
        a.passwordHash = passwords.encryptPassword(r.password());
        a.createdAt = LocalDateTime.now(clock);
        try {
            mapper.insertAccount(a);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("ACCOUNT_EXISTS", "该证件号码已注册，请直接登录");
        }
        audit.record(new AuditService.Event(a.id, Masking.idNumber(id.normalized()), "REGISTER", null, type,
                clientAddress(http), region));
        startSession(toUser(mapper.findById(a.id)));
        return me();
    }

    /**
     * Changes the caller's own password after checking the current one, and ends the account's other sessions:
     * whoever else knew the old password is logged out everywhere.
     */
    public void changePassword(String current, String next, HttpServletRequest http) {
        CurrentUser user = current();
        Account account = mapper.findById(user.accountId());
        if (current == null || !passwords.passwordsMatch(current, account.passwordHash())) {
            throw ApiException.badParameter("currentPassword", "当前密码不正确");
        }
        PasswordPolicy.check(next, user.username());
        if (next.equals(current)) {
            throw ApiException.badParameter("newPassword", "新密码不能与当前密码相同");
        }
        mapper.updatePassword(account.id(), passwords.encryptPassword(next), false);
        Session session = SecurityUtils.getSubject().getSession();
        session.removeAttribute(AccessInterceptor.MUST_CHANGE_ATTRIBUTE);
        sessions.deleteForAccountExcept(account.id(), session.getId());
        audit.record(new AuditService.Event(user.accountId(), user.username(), "PASSWORD_CHANGED", null, null,
                clientAddress(http), user.regionCode()));
    }

    /** The caller's session, so that what lives as long as it (an event stream) can be ended with it. */
    public String currentSessionId() {
        current();
        return SecurityUtils.getSubject().getSession().getId().toString();
    }

    /** Which of these sessions still exist on any node: the others were logged out or ended by an administrator. */
    public Set<String> liveSessions(java.util.Collection<String> sessionIds) {
        return sessions.existing(sessionIds);
    }

    /** The applicant's identity number, decrypted, for the public progress check and licences. */
    public String identityNumberOf(long accountId) {
        Account account = mapper.findById(accountId);
        return account == null || account.idNumberEnc() == null ? null : cipher.decrypt(account.idNumberEnc());
    }

    /** What an applicant's account says of them, decrypted, for pre-filling their own forms. */
    public record Profile(String displayName, String idType, String idNumber, String phone, String regionCode) {
    }

    public Profile profileOf(long accountId) {
        Account account = mapper.findById(accountId);
        if (account == null) {
            throw ApiException.notFound("账号");
        }
        return new Profile(account.displayName(), account.idType(), cipher.decrypt(account.idNumberEnc()),
                cipher.decrypt(account.phoneEnc()), account.regionCode());
    }

    /** Where mail notifications go, if the account gave an address. */
    public java.util.Optional<String> emailOf(long accountId) {
        Account account = mapper.findById(accountId);
        return java.util.Optional.ofNullable(account == null ? null : cipher.decrypt(account.emailEnc()));
    }

    /** An optional e-mail address: null when blank, 400 when malformed. */
    static String checkedEmail(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        String trimmed = email.trim();
        if (trimmed.length() > 254 || !EMAIL.matcher(trimmed).matches()) {
            throw ApiException.badParameter("email", "电子邮箱格式不正确");
        }
        return trimmed;
    }

    /** A company or other organisation, registered by its 统一社会信用代码, rather than a person. */
    public boolean isLegalPerson(long accountId) {
        Account account = mapper.findById(accountId);
        return account != null && "USCC".equals(account.idType());
    }

    /** The account's phone number, decrypted, for the call-back of a 12345 ticket the account filed. */
    public java.util.Optional<String> phoneOf(long accountId) {
        Account account = mapper.findById(accountId);
        return java.util.Optional.ofNullable(account == null || account.phoneEnc() == null ? null : cipher.decrypt(account.phoneEnc()));
    }

    public String displayNameOf(long accountId) {
        Account account = mapper.findById(accountId);
        return account == null ? null : account.displayName();
    }

    /** An enabled member of staff by login name, as the user they would be when logged in. */
    public java.util.Optional<CurrentUser> staffMember(String username) {
        return enabledStaff(username == null ? null : mapper.findByUsername(username));
    }

    public java.util.Optional<CurrentUser> staffMember(long accountId) {
        return enabledStaff(mapper.findById(accountId));
    }

    private java.util.Optional<CurrentUser> enabledStaff(Account account) {
        return account == null || !account.enabled() || !"STAFF".equals(account.kind()) ? java.util.Optional.empty()
                : java.util.Optional.of(toUser(account));
    }

    /** Enabled staff of an agency holding a role. */
    public List<Long> staffOf(long agencyId, Role role) {
        return mapper.findStaffIds(agencyId, role.name());
    }

    CurrentUser toUser(Account account) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        mapper.findRoles(account.id()).forEach(r -> roles.add(Role.valueOf(r)));
        CurrentUser.Kind kind = CurrentUser.Kind.valueOf(account.kind());
        if (kind == CurrentUser.Kind.APPLICANT) {
            roles.add(Role.APPLICANT);
        }
        Agency agency = account.agencyId() == null ? null : regions.agency(account.agencyId());
        String username = account.username() != null ? account.username() : Masking.idNumber(cipher.decrypt(account.idNumberEnc()));
        return new CurrentUser(account.id(), username, account.displayName(), kind, account.agencyId(),
                agency == null ? null : agency.name(), account.regionCode(), Set.copyOf(roles));
    }

    /** A fresh session with a new id (against session fixation) and a new CSRF token. */
    private void startSession(CurrentUser user) {
        Subject subject = SecurityUtils.getSubject();
        Session old = subject.getSession(false);
        if (old != null) {
            old.stop();
        }
        subject.login(new AccountRealm.VerifiedLogin(user));
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        subject.getSession().setAttribute(AccessInterceptor.CSRF_ATTRIBUTE, Base64.getUrlEncoder().withoutPadding().encodeToString(token));
    }

    /** The account an identity number or login name names, or null. */
    Account find(String name) {
        if (ID_LIKE.matcher(name).matches()) {
            Account byNumber = mapper.findByIdNumberHash(cipher.lookupHash(name.toUpperCase()));
            if (byNumber != null) {
                return byNumber;
            }
        }
        return mapper.findByUsername(name);
    }

    private void failed(String address, LocalDateTime now, Long accountId, String actor, String region) {
        if (mapper.bumpAddress(address, now.minusMinutes(LOCK_MINUTES), now) == 0) {
            try {
                mapper.insertAddress(address, now);
            } catch (DuplicateKeyException e) {
                mapper.bumpAddress(address, now.minusMinutes(LOCK_MINUTES), now);
            }
        }
        audit.record(new AuditService.Event(accountId, actor, "LOGIN_FAILED", null, null, address, region));
    }

    String actorName(Account account) {
        return account.username() != null ? account.username() : Masking.idNumber(cipher.decrypt(account.idNumberEnc()));
    }

    private static ApiException badCredentials() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "BAD_CREDENTIALS", "用户名或密码错误", null);
    }

    static String clientAddress(HttpServletRequest request) {
        return request.getRemoteAddr();
    }
}
