package org.yiwang.notification;

import java.time.LocalDateTime;

/** A message in someone's message centre (消息中心). */
public record Notification(long id, LocalDateTime at, String title, String body, String applicationNo,
        LocalDateTime readAt) {
}
