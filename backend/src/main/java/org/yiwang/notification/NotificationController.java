package org.yiwang.notification;

import java.util.Map;

import org.apache.shiro.authz.annotation.RequiresAuthentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.identity.IdentityService;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/notifications")
@RequiresAuthentication
@Tag(name = "notifications", description = "消息中心")
class NotificationController {

    private final NotificationService notifications;
    private final IdentityService identity;
    private final NotificationEvents events;

    NotificationController(NotificationService notifications, IdentityService identity, NotificationEvents events) {
        this.notifications = notifications;
        this.identity = identity;
        this.events = events;
    }

    @GetMapping(value = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-sent events: the caller's unread count (event unread) when it changes, heartbeats between; "
            + "the stream ends after a few minutes and the browser reconnects")
    SseEmitter events() {
        return events.open();
    }

    @GetMapping
    PageResult<Notification> inbox(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return notifications.inbox(identity.current().accountId(), Paging.of(page, size));
    }

    @GetMapping("/unread")
    Map<String, Long> unread() {
        return Map.of("unread", notifications.unread(identity.current().accountId()));
    }

    @PostMapping("/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void read(@PathVariable long id) {
        notifications.markRead(identity.current().accountId(), id);
    }
}
