package org.yiwang.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HexFormat;

import org.apache.shiro.authc.credential.PasswordService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.common.ApiException;
import org.yiwang.common.Throttle;
import org.yiwang.region.RegionService;
import org.yiwang.audit.AuditService;

/**
 * 忘记密码: a single-use link, valid for {@value #TOKEN_MINUTES} minutes, sent to the account's e-mail address
 * (when the platform has an SMTP server) or else by text message to its mobile number. A request is answered the
 * same whether or not the account exists, so the form cannot be used to find out who is registered.
 */
@Service
public class PasswordResetService {

    static final int TOKEN_MINUTES = 30;
    /** Links sent to one account per {@value #TOKEN_MINUTES} minutes; further requests are silently dropped. */
    static final int PER_ACCOUNT = 3;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityService identity;
    private final IdentityMapper mapper;
    private final PersonalDataCipher cipher;
    private final PasswordService passwords;
    private final DatabaseSessionDao sessions;
    private final ResetChannels channels;
    private final AuditService audit;
    private final Clock clock;
    private final Throttle throttle;
    /** Reset requests from one address per {@value #TOKEN_MINUTES} minutes before it is answered 429. */
    private final Throttle.Rate perAddress;
    private final String publicBaseUrl;

    PasswordResetService(IdentityService identity, IdentityMapper mapper, PersonalDataCipher cipher,
            PasswordService passwords, DatabaseSessionDao sessions, ResetChannels channels,
            AuditService audit, Clock clock, Throttle throttle,
            @Value("${yiwang.public-base-url:http://localhost:8080}") String publicBaseUrl,
            @Value("${yiwang.security.reset-address-limit:10}") int addressLimit) {
        this.identity = identity;
        this.mapper = mapper;
        this.cipher = cipher;
        this.passwords = passwords;
        this.sessions = sessions;
        this.channels = channels;
        this.audit = audit;
        this.clock = clock;
        this.throttle = throttle;
        this.perAddress = new Throttle.Rate("password-reset", addressLimit, Duration.ofMinutes(TOKEN_MINUTES));
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    /** Sends a reset link if {@code name} (identity number or login name) is an enabled account that can receive one. */
    @Transactional
    public void request(String name, String address) {
        String n = name == null ? "" : name.trim();
        if (n.isEmpty() || n.length() > 64) {
            throw ApiException.badParameter("account", "请输入身份证号、统一社会信用代码或登录名");
        }
        throttle.take(perAddress, address);
        LocalDateTime now = LocalDateTime.now(clock);
        Account account = identity.find(n);
        if (account == null || !account.enabled()
                || mapper.countResetsSince(account.id(), now.minusMinutes(TOKEN_MINUTES)) >= PER_ACCOUNT) {
            audit.record(new AuditService.Event(null, Masking.text(n), "PASSWORD_RESET_REQUESTED", null, "none sent",
                    address, RegionService.PROVINCE));
            return;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        mapper.insertReset(account.id(), hash(token), now, now.plusMinutes(TOKEN_MINUTES));
        String link = publicBaseUrl + "/reset-password?token=" + token;
        String channel = deliver(account, link);
        audit.record(new AuditService.Event(account.id(), identity.actorName(account), "PASSWORD_RESET_REQUESTED", null,
                channel, address, account.regionCode()));
    }

    /** Sets a new password with a token from {@link #request}; the token is used up and every session ends. */
    @Transactional
    public void reset(String token, String newPassword, String address) {
        LocalDateTime now = LocalDateTime.now(clock);
        String tokenHash = token == null || token.isBlank() || token.length() > 100 ? null : hash(token.trim());
        Long accountId = tokenHash == null ? null : mapper.findResetAccount(tokenHash, now);
        Account account = accountId == null ? null : mapper.findById(accountId);
        if (account == null || !account.enabled()) {
            throw invalidToken();
        }
        String username = account.username() != null ? account.username() : cipher.decrypt(account.idNumberEnc());
        PasswordPolicy.check(newPassword, username);
        if (mapper.useReset(tokenHash, now) == 0) {
            throw invalidToken();
        }
        mapper.useAllResets(account.id(), now);
        mapper.updatePassword(account.id(), passwords.encryptPassword(newPassword), false);
        mapper.resetFailures(account.id());
        sessions.deleteForAccount(account.id());
        audit.record(new AuditService.Event(account.id(), identity.actorName(account), "PASSWORD_RESET", null, null,
                address, account.regionCode()));
    }

    private String deliver(Account account, String link) {
        String email = account.emailEnc() == null ? null : cipher.decrypt(account.emailEnc());
        String text = "您申请了重置海南政务服务网账户密码。请在 " + TOKEN_MINUTES + " 分钟内打开以下链接设置新密码（仅可使用一次）：\n"
                + link + "\n如非本人操作，请忽略本消息，您的密码不会改变。";
        if (email != null && channels.mail(email, "重置密码", text)) {
            return "mail";
        }
        String phone = account.phoneEnc() == null ? null : cipher.decrypt(account.phoneEnc());
        if (phone != null) {
            return channels.sms(phone, text) ? "sms" : "sms not configured";
        }
        return "no channel";
    }

    private static ApiException invalidToken() {
        return new ApiException(HttpStatus.BAD_REQUEST, "RESET_TOKEN_INVALID", "重置链接无效、已使用或已过期，请重新申请", "token");
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
