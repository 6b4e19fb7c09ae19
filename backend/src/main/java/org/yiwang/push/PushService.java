package org.yiwang.push;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.yiwang.catalog.CatalogService;
import org.yiwang.catalog.Item;
import org.yiwang.catalog.ItemAdminService;
import org.yiwang.common.ApiException;
import org.yiwang.notification.NotificationService;

/**
 * 智能推送: people follow items, and a committed change of an item's guide becomes a message in each follower's
 * message centre (mailed too where the account gave an address). The applicant's own cases already notify them
 * through the message centre, so this adds only what they asked for.
 */
@Service
public class PushService {

    private static final Logger log = LoggerFactory.getLogger(PushService.class);

    private final PushMapper mapper;
    private final CatalogService catalog;
    private final NotificationService notifications;
    private final Clock clock;

    PushService(PushMapper mapper, CatalogService catalog, NotificationService notifications, Clock clock) {
        this.mapper = mapper;
        this.catalog = catalog;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** Whether the person follows the item, as the item's page shows it. */
    public record Following(String itemCode, boolean following) {
    }

    static final int MAX_FOLLOWED = 200;

    public List<Subscription> subscriptions(long accountId) {
        return mapper.findByAccount(accountId);
    }

    public Following following(long accountId, String itemCode) {
        catalog.item(itemCode);
        return new Following(itemCode, mapper.exists(accountId, itemCode));
    }

    /** Follows a published item; following it again changes nothing (two clicks at once: one row). */
    public Following subscribe(long accountId, String itemCode) {
        catalog.item(itemCode);
        if (!mapper.exists(accountId, itemCode)) {
            // Bounds the list a person reads back and the messages one guide change fans out to them.
            if (mapper.countByAccount(accountId) >= MAX_FOLLOWED) {
                throw new ApiException(HttpStatus.CONFLICT, "QUOTA_EXCEEDED", "最多关注 " + MAX_FOLLOWED + " 个事项，请先取消关注一些", null);
            }
            try {
                mapper.insert(accountId, itemCode, LocalDateTime.now(clock));
            } catch (DuplicateKeyException raced) {
                // The other click won; the person follows the item either way.
            }
        }
        return new Following(itemCode, true);
    }

    /** Stops following; an item no longer published can still be unfollowed. */
    public Following unsubscribe(long accountId, String itemCode) {
        if (itemCode == null || itemCode.length() > 40) {
            throw ApiException.notFound("事项 " + itemCode);
        }
        mapper.delete(accountId, itemCode);
        return new Following(itemCode, false);
    }

    /**
     * An administrator's edit of a guide, once committed, is pushed to the item's followers — in a transaction of its
     * own, since the edit's has ended and would not commit the messages.
     */
    @TransactionalEventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void itemChanged(ItemAdminService.ItemChanged changed) {
        if (!"EDITED".equals(changed.action())) {
            return;
        }
        List<Long> followers = mapper.findFollowers(changed.code());
        if (followers.isEmpty()) {
            return;
        }
        Item item;
        try {
            item = catalog.item(changed.code());
        } catch (ApiException unpublished) {
            return;
        }
        String title = "您关注的事项办事指南已更新：" + item.name();
        String body = item.regionName() + "「" + item.name() + "」的办事指南已更新，请在办理前查看最新的材料、时限和收费：/items/"
                + item.code() + "。不想再收到此类消息，可在该事项页面点击「取消关注」。";
        notifications.send(followers, title, body, null);
        log.info("guide change of {} pushed to {} followers", item.code(), followers.size());
    }
}
