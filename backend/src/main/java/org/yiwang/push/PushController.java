package org.yiwang.push;

import java.util.List;

import org.apache.shiro.authz.annotation.RequiresPermissions;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.identity.IdentityService;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/push/subscriptions")
@RequiresPermissions("push:subscribe")
@Tag(name = "push", description = "智能推送：关注事项，办事指南变更推送到消息中心")
class PushController {

    private final PushService push;
    private final IdentityService identity;

    PushController(PushService push, IdentityService identity) {
        this.push = push;
        this.identity = identity;
    }

    @GetMapping
    @Operation(summary = "The items the applicant follows")
    List<Subscription> mine() {
        return push.subscriptions(identity.current().accountId());
    }

    @GetMapping("/{code}")
    @Operation(summary = "Whether the applicant follows this item")
    PushService.Following one(@PathVariable String code) {
        return push.following(identity.current().accountId(), code);
    }

    @PutMapping("/{code}")
    @Operation(summary = "Follow an item: changes of its guide arrive in the message centre (idempotent)")
    PushService.Following subscribe(@PathVariable String code) {
        return push.subscribe(identity.current().accountId(), code);
    }

    @DeleteMapping("/{code}")
    @Operation(summary = "Stop following an item (idempotent)")
    PushService.Following unsubscribe(@PathVariable String code) {
        return push.unsubscribe(identity.current().accountId(), code);
    }
}
