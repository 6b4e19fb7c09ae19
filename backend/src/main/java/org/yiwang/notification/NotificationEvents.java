package org.yiwang.notification;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.yiwang.identity.IdentityService;
import org.yiwang.identity.LiveCounts;

import jakarta.annotation.PreDestroy;

/**
 * Live unread counts for open portal pages (events named {@code unread}), so that a pushed message shows while the
 * page is open: Web Push needs a push service on the internet, which the platform does not reach.
 */
@Component
class NotificationEvents {

    private final LiveCounts counts;

    NotificationEvents(NotificationService notifications, IdentityService identity,
            @Value("${yiwang.notifications.events-interval:PT5S}") Duration interval,
            @Value("${yiwang.notifications.events-lifetime:PT5M}") Duration lifetime) {
        this.counts = new LiveCounts("notification-events", "unread", identity,
                user -> notifications.unread(user.accountId()), interval, lifetime);
    }

    SseEmitter open() {
        return counts.open();
    }

    @EventListener
    void sessionsEnded(IdentityService.SessionsEnded ended) {
        counts.sessionsEnded(ended);
    }

    @PreDestroy
    void stop() {
        counts.close();
    }
}
