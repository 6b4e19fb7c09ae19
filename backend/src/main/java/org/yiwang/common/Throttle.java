package org.yiwang.common;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The one place for request throttles: a rate per key (token bucket) and a growing lock after repeated failures
 * per key. State is held in this node's memory, so on several nodes each node counts on its own; the account
 * lockout and the failed-login count per address live in the database and hold across nodes. Entries expire,
 * and their number is bounded: when the map is full of live entries, new keys are refused (503) rather than
 * forgotten, so that flooding it with addresses cannot wipe the state of the keys under attack.
 */
@Component
public class Throttle {

    /** {@code permits} per {@code window}, with bursts of up to {@code permits}. */
    public record Rate(String name, int permits, Duration window) {

        /** {@code permits} per minute. */
        public Rate(String name, int permits) {
            this(name, permits, Duration.ofMinutes(1));
        }
    }

    /** After {@code failures} failures the key is locked for {@code firstLock}, doubled at each lock, up to {@code maxLock}. */
    public record BackOff(String name, int failures, Duration firstLock, Duration maxLock) {
    }

    private static final long MINUTE_MS = 60_000;

    private final Clock clock;
    private final int maxKeys;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong lastPurge = new AtomicLong();

    Throttle(Clock clock, @Value("${yiwang.security.throttle.max-keys:100000}") int maxKeys) {
        this.clock = clock;
        this.maxKeys = maxKeys;
    }

    private static final class Entry {
        double tokens;
        long refilledAt;
        int failures;
        int locks;
        long lockedUntil;
        long expiresAt;
    }

    /** Takes one permit for the key; 429 with Retry-After when there is none. */
    public void take(Rate rate, String key) {
        long now = clock.millis();
        long wait;
        Entry e = entry(rate.name(), key, now);
        synchronized (e) {
            long windowMs = rate.window().toMillis();
            double perMs = rate.permits() / (double) windowMs;
            e.tokens = e.refilledAt == 0 ? rate.permits() : Math.min(rate.permits(), e.tokens + Math.max(0, now - e.refilledAt) * perMs);
            e.refilledAt = now;
            if (e.tokens >= 1) {
                e.tokens -= 1;
                e.expiresAt = now + windowMs;
                return;
            }
            wait = (long) Math.ceil((1 - e.tokens) / perMs);
            e.expiresAt = now + windowMs;
        }
        throw ApiException.retryLater(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_REQUESTS", "请求过于频繁，请稍后再试",
                Duration.ofMillis(wait));
    }

    /** 429 with Retry-After while the key is locked after too many failures. */
    public void checkUnlocked(BackOff backOff, String key, String message) {
        Entry e = entries.get(backOff.name() + ':' + key);
        if (e == null) {
            return;
        }
        long now = clock.millis();
        long until;
        synchronized (e) {
            until = e.lockedUntil;
        }
        if (until > now) {
            throw ApiException.retryLater(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_ATTEMPTS", message,
                    Duration.ofMillis(until - now));
        }
    }

    /** Counts a failure; the one that reaches the limit locks the key, each lock twice as long as the last. */
    public void failed(BackOff backOff, String key) {
        long now = clock.millis();
        Entry e = entry(backOff.name(), key, now);
        synchronized (e) {
            e.failures++;
            if (e.failures >= backOff.failures()) {
                e.failures = 0;
                long lock = Math.min(backOff.maxLock().toMillis(),
                        backOff.firstLock().toMillis() << Math.min(e.locks, 30));
                e.locks++;
                e.lockedUntil = now + lock;
            }
            // Remember the locks for one longest lock after the last failure, so that a returning guesser waits longer.
            e.expiresAt = Math.max(e.lockedUntil, now) + backOff.maxLock().toMillis();
        }
    }

    private Entry entry(String name, String key, long now) {
        String k = name + ':' + key;
        Entry e = entries.get(k);
        if (e != null) {
            return e;
        }
        long last = lastPurge.get();
        // Expired entries go once a minute, or once a second while the map is full.
        if (now - last > (entries.size() >= maxKeys ? 1000 : MINUTE_MS) && lastPurge.compareAndSet(last, now)) {
            entries.values().removeIf(x -> {
                synchronized (x) {
                    return x.expiresAt <= now;
                }
            });
        }
        if (entries.size() >= maxKeys) {
            throw ApiException.retryLater(HttpStatus.SERVICE_UNAVAILABLE, "BUSY", "系统繁忙，请稍后重试", Duration.ofMinutes(1));
        }
        return entries.computeIfAbsent(k, x -> {
            Entry fresh = new Entry();
            fresh.expiresAt = now + MINUTE_MS;
            return fresh;
        });
    }
}
