package org.yiwang.notification;

import org.springframework.stereotype.Component;
import org.yiwang.identity.ResetChannels;

/** Password-reset links go out by the platform's mail server and SMS gateway. */
@Component
class ResetDelivery implements ResetChannels {

    private final NotificationService notifications;
    private final SmsSender sms;

    ResetDelivery(NotificationService notifications, SmsSender sms) {
        this.notifications = notifications;
        this.sms = sms;
    }

    @Override
    public boolean mail(String to, String title, String body) {
        return notifications.mailTo(to, title, body);
    }

    @Override
    public boolean sms(String phone, String text) {
        return sms.send(phone, text);
    }
}
