package org.yiwang.push;

import java.time.LocalDateTime;

/** An item a person follows: a change of its guide is pushed to their message centre. */
public record Subscription(String itemCode, String itemName, String regionName, LocalDateTime createdAt) {
}
