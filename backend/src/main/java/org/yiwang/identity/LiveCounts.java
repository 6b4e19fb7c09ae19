package org.yiwang.identity;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A count kept live on open pages over server-sent events (a clerk's to-do, a resident's unread messages). Every
 * interval each open stream's count is computed for its caller from the database — so it is right on every node —
 * and sent when it changed; otherwise a heartbeat comment keeps proxies from closing the connection. A stream ends
 * after its lifetime and the browser reconnects, which passes the session and permission checks again. A stream whose
 * session ended (logout, or an administrator changed the account) ends with an {@code ended} event.
 */
public final class LiveCounts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveCounts.class);
    /** How long the browser waits before reconnecting after a stream ended. */
    private static final long RETRY_MILLIS = 10_000;

    private final String event;
    private final IdentityService identity;
    private final ToLongFunction<CurrentUser> count;
    private final Duration lifetime;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker;

    /** Counts with {@code count} every {@code interval}, sent as events named {@code event} by a thread {@code name}. */
    public LiveCounts(String name, String event, IdentityService identity, ToLongFunction<CurrentUser> count,
            Duration interval, Duration lifetime) {
        this.event = event;
        this.identity = identity;
        this.count = count;
        this.lifetime = lifetime;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static final class Stream {
        final SseEmitter emitter;
        final CurrentUser user;
        final String sessionId;
        long last = -1;

        Stream(SseEmitter emitter, CurrentUser user, String sessionId) {
            this.emitter = emitter;
            this.user = user;
            this.sessionId = sessionId;
        }
    }

    /** Opens a stream for the caller; the first event carries the current count. */
    public SseEmitter open() {
        Stream stream = new Stream(new SseEmitter(lifetime.toMillis()), identity.current(), identity.currentSessionId());
        stream.emitter.onCompletion(() -> streams.remove(stream));
        stream.emitter.onTimeout(stream.emitter::complete);
        stream.emitter.onError(e -> streams.remove(stream));
        push(stream, true);
        streams.add(stream);
        return stream.emitter;
    }

    /** Logout, or an administrator ending the account's sessions (new roles, reset, disabled), ends its streams. */
    public void sessionsEnded(IdentityService.SessionsEnded ended) {
        streams.stream().filter(s -> s.user.accountId() == ended.accountId()
                && (ended.sessionId() == null || ended.sessionId().equals(s.sessionId))).forEach(this::end);
    }

    private void tick() {
        try {
            Set<String> live = identity.liveSessions(streams.stream().map(s -> s.sessionId).distinct().toList());
            streams.stream().filter(s -> !live.contains(s.sessionId)).forEach(this::end);
        } catch (RuntimeException e) {
            log.warn("cannot check the sessions of open {} streams: {}", event, e.toString());
            return;
        }
        streams.forEach(s -> push(s, false));
    }

    /** A last event says why, so the page need not wait for a reconnect that the server would refuse. */
    private void end(Stream s) {
        streams.remove(s);
        try {
            s.emitter.send(SseEmitter.event().name("ended").data("SESSION_ENDED"));
        } catch (IOException | IllegalStateException e) {
            // The browser went away already.
        }
        s.emitter.complete();
    }

    private void push(Stream s, boolean first) {
        try {
            long now = count.applyAsLong(s.user);
            if (now != s.last) {
                SseEmitter.SseEventBuilder builder = SseEmitter.event().name(event).data(now);
                s.emitter.send(first ? builder.reconnectTime(RETRY_MILLIS) : builder);
                s.last = now;
            } else {
                s.emitter.send(SseEmitter.event().comment("heartbeat"));
            }
        } catch (IOException | IllegalStateException e) {
            // The browser went away or the stream already ended.
            streams.remove(s);
        } catch (RuntimeException e) {
            log.warn("{} count for {} failed: {}", event, s.user.username(), e.toString());
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        streams.forEach(s -> s.emitter.complete());
    }
}
