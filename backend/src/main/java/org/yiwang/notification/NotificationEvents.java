package org.yiwang.notification;

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
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.yiwang.identity.IdentityService;

import jakarta.annotation.PreDestroy;

/**
 * Live unread counts for open portal pages (server-sent events), so that a pushed message shows while the page is
 * open; Web Push needs a push service on the internet, which the platform does not reach. Each tick counts from
 * the database, so a message written on another node shows too. A stream ends after a while and the browser
 * reconnects through the session check again; a stream whose session ended is closed at the next tick.
 */
@Component
class NotificationEvents {

    private static final Logger log = LoggerFactory.getLogger(NotificationEvents.class);
    private static final long RETRY_MILLIS = 10_000;

    private final NotificationService notifications;
    private final IdentityService identity;
    private final Duration lifetime;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "notification-events");
        t.setDaemon(true);
        return t;
    });

    NotificationEvents(NotificationService notifications, IdentityService identity,
            @Value("${yiwang.notifications.events-interval:PT5S}") Duration interval,
            @Value("${yiwang.notifications.events-lifetime:PT5M}") Duration lifetime) {
        this.notifications = notifications;
        this.identity = identity;
        this.lifetime = lifetime;
        ticker.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static final class Stream {
        final SseEmitter emitter;
        final long accountId;
        final String sessionId;
        long last = -1;

        Stream(SseEmitter emitter, long accountId, String sessionId) {
            this.emitter = emitter;
            this.accountId = accountId;
            this.sessionId = sessionId;
        }
    }

    /** Opens a stream for the caller; the first event carries the current unread count. */
    SseEmitter open() {
        Stream stream = new Stream(new SseEmitter(lifetime.toMillis()), identity.current().accountId(),
                identity.currentSessionId());
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
            streams.stream().filter(s -> !live.contains(s.sessionId)).forEach(s -> {
                streams.remove(s);
                s.emitter.complete();
            });
        } catch (RuntimeException e) {
            log.warn("cannot check the sessions of open message streams: {}", e.toString());
            return;
        }
        streams.forEach(s -> push(s, false));
    }

    private void push(Stream s, boolean first) {
        try {
            long unread = notifications.unread(s.accountId);
            if (unread != s.last) {
                SseEmitter.SseEventBuilder event = SseEmitter.event().name("unread").data(unread);
                s.emitter.send(first ? event.reconnectTime(RETRY_MILLIS) : event);
                s.last = unread;
            } else {
                s.emitter.send(SseEmitter.event().comment("heartbeat"));
            }
        } catch (IOException | IllegalStateException e) {
            streams.remove(s);
        } catch (RuntimeException e) {
            log.warn("unread count for account {} failed: {}", s.accountId, e.toString());
        }
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
        streams.forEach(s -> s.emitter.complete());
    }
}
