package org.yiwang.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.yiwang.common.ApiException;
import org.yiwang.common.Throttle;

/**
 * The demo profile's {@link SmsSender}: the demo has no SMS gateway, so its text messages (password-reset links
 * among them) land in this bounded in-memory outbox, which whoever knows the demo password may read — the
 * browser journeys read a reset link from it as a resident reads their phone.
 */
class DemoOutbox implements SmsSender {

    /** One text message as it would have reached the phone. */
    record Sms(String text, OffsetDateTime sentAt) {
    }

    private record Sent(String phone, Sms sms) {
    }

    private static final int KEPT = 200;
    /** The password is compared here, so guessing it is throttled per address as logins are. */
    private static final Throttle.Rate READS = new Throttle.Rate("demo-outbox", 10);

    private final Clock clock;
    private final Throttle throttle;
    private final byte[] demoPassword;
    private final Deque<Sent> messages = new ArrayDeque<>();

    DemoOutbox(Clock clock, Throttle throttle, String demoPassword) {
        this.clock = clock;
        this.throttle = throttle;
        this.demoPassword = demoPassword.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized boolean send(String mobile, String text) {
        if (messages.size() == KEPT) {
            messages.removeLast();
        }
        messages.addFirst(new Sent(mobile, new Sms(text, OffsetDateTime.now(clock))));
        return true;
    }

    /** The messages sent to {@code phone}, newest first; 403 without the demo password (none is configured: always). */
    List<Sms> sentTo(String phone, String password, String address) {
        throttle.take(READS, address);
        return read(phone, password);
    }

    private synchronized List<Sms> read(String phone, String password) {
        byte[] given = password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8);
        if (demoPassword.length == 0 || !MessageDigest.isEqual(demoPassword, given)) {
            throw ApiException.forbidden("读取演示短信需要演示密码（X-Demo-Password）");
        }
        if (phone == null || !phone.matches("1[3-9]\\d{9}")) {
            throw ApiException.badParameter("phone", "请输入 11 位手机号码");
        }
        return messages.stream().filter(m -> m.phone().equals(phone)).map(Sent::sms).toList();
    }
}
