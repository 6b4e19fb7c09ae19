package org.yiwang.workbench;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;

import jakarta.annotation.PreDestroy;

/**
 * Live to-do counts for open workbenches (server-sent events). Every few seconds each open stream's count is
 * computed for its clerk — one count query, as the list itself runs it, so it is right on every node — and sent
 * when it changed; otherwise a heartbeat comment keeps proxies from closing the connection. A stream ends after
 * a while and the browser reconnects, which passes the session and permission checks again. A stream whose
 * session ended (logout, or an administrator changed the account's roles) ends with an {@code ended} event.
 */
@Component
class WorkbenchEvents {

    private static final Logger log = LoggerFactory.getLogger(WorkbenchEvents.class);
    /** How long the browser waits before reconnecting after a stream ended. */
    private static final long RETRY_MILLIS = 10_000;

    private final TaskLists lists;
    private final IdentityService identity;
    private final Duration lifetime;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "workbench-events");
        t.setDaemon(true);
        return t;
    });

    WorkbenchEvents(TaskLists lists, IdentityService identity,
            @Value("${yiwang.workbench.events-interval:PT5S}") Duration interval,
            @Value("${yiwang.workbench.events-lifetime:PT5M}") Duration lifetime) {
        this.lists = lists;
        this.identity = identity;
        this.lifetime = lifetime;
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

    /** Opens a stream for the calling clerk; the first event carries the current count. */
    SseEmitter open() {
        Stream stream = new Stream(new SseEmitter(lifetime.toMillis()), identity.current(), identity.currentSessionId());
        stream.emitter.onCompletion(() -> streams.remove(stream));
        stream.emitter.onTimeout(stream.emitter::complete);
        stream.emitter.onError(e -> streams.remove(stream));
        push(stream, true);
        streams.add(stream);
        return stream.emitter;
    }

    private void tick() {
        try {
            Set<String> live = identity.liveSessions(streams.stream().map(s -> s.sessionId).distinct().toList());
            streams.stream().filter(s -> !live.contains(s.sessionId)).forEach(this::end);
        } catch (RuntimeException e) {
            log.warn("cannot check the sessions of open to-do streams: {}", e.toString());
            return;
        }
        streams.forEach(s -> push(s, false));
    }

    /** Logout, or an administrator ending the account's sessions (new roles, reset, disabled), ends its streams. */
    @EventListener
    void sessionsEnded(IdentityService.SessionsEnded ended) {
        streams.stream().filter(s -> s.user.accountId() == ended.accountId()
                && (ended.sessionId() == null || ended.sessionId().equals(s.sessionId))).forEach(this::end);
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
            long count = lists.todoCount(s.user);
            if (count != s.last) {
                SseEmitter.SseEventBuilder event = SseEmitter.event().name("todo").data(count);
                s.emitter.send(first ? event.reconnectTime(RETRY_MILLIS) : event);
                s.last = count;
            } else {
                s.emitter.send(SseEmitter.event().comment("heartbeat"));
            }
        } catch (IOException | IllegalStateException e) {
            // The browser went away or the stream already ended.
            streams.remove(s);
        } catch (RuntimeException e) {
            log.warn("to-do count for {} failed: {}", s.user.username(), e.toString());
        }
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
        streams.forEach(s -> s.emitter.complete());
    }
}
