package org.yiwang.workbench;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.yiwang.identity.IdentityService;
import org.yiwang.identity.LiveCounts;

import jakarta.annotation.PreDestroy;

/** Live to-do counts for open workbenches, counted as the to-do list counts them (events named {@code todo}). */
@Component
class WorkbenchEvents {

    private final LiveCounts counts;

    WorkbenchEvents(TaskLists lists, IdentityService identity,
            @Value("${yiwang.workbench.events-interval:PT5S}") Duration interval,
            @Value("${yiwang.workbench.events-lifetime:PT5M}") Duration lifetime) {
        this.counts = new LiveCounts("workbench-events", "todo", identity, lists::todoCount, interval, lifetime);
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
