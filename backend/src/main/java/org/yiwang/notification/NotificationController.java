package org.yiwang.notification;

import java.util.Map;

import org.apache.shiro.authz.annotation.RequiresAuthentication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.identity.IdentityService;

import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/notifications")
@RequiresAuthentication
@Tag(name = "notifications", description = "消息中心")
class NotificationController {

    private final NotificationService notifications;
    private final IdentityService identity;

    NotificationController(NotificationService notifications, IdentityService identity) {
        this.notifications = notifications;
        this.identity = identity;
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
