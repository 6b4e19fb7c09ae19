package org.yiwang.identity;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.shiro.authc.credential.PasswordService;
import org.springframework.http.HttpStatus;
import org.yiwang.common.ApiException;

/**
 * Runs at most a fixed number of password hashes at once. Each argon2id hash takes its own large block of memory,
 * so a burst of logins or registrations would otherwise exhaust the heap; beyond the bound a caller waits a
 * little, then gets 503 with Retry-After.
 */
class BoundedPasswordService implements PasswordService {

    /** Memory one argon2id hash takes (Shiro 2's default parameters), with some room. */
    static final long BYTES_PER_HASH = 64L << 20;

    private final PasswordService delegate;
    private final Semaphore permits;
    private final int bound;
    private final Duration maxWait;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    BoundedPasswordService(PasswordService delegate, int bound, Duration maxWait) {
        this.delegate = delegate;
        this.bound = bound;
        this.permits = new Semaphore(bound, true);
        this.maxWait = maxWait;
    }

    /** As many hashes as there are processors, but using at most a quarter of the heap. */
    static int automaticBound() {
        long quarterHeap = Runtime.getRuntime().maxMemory() / 4;
        return (int) Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), quarterHeap / BYTES_PER_HASH));
    }

    @Override
    public String encryptPassword(Object plaintextPassword) {
        return bounded(() -> delegate.encryptPassword(plaintextPassword));
    }

    @Override
    public boolean passwordsMatch(Object submittedPlaintext, String encrypted) {
        return bounded(() -> delegate.passwordsMatch(submittedPlaintext, encrypted));
    }

    int bound() {
        return bound;
    }

    /** The most hashes that ever ran at once. */
    int peak() {
        return peak.get();
    }

    private <T> T bounded(Supplier<T> hash) {
        try {
            if (!permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        try {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            return hash.get();
        } finally {
            running.decrementAndGet();
            permits.release();
        }
    }

    private static ApiException busy() {
        return ApiException.retryLater(HttpStatus.SERVICE_UNAVAILABLE, "BUSY", "登录和注册的人数较多，请稍后重试",
                Duration.ofSeconds(2));
    }
}
