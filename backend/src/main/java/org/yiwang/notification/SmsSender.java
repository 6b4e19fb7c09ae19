package org.yiwang.notification;

/**
 * Sends a text message to a mainland mobile number. The platform has no SMS gateway of its own: an installation
 * that has one provides a bean of this type; without one, {@link LoggingSmsSender} only records that nothing was sent.
 */
public interface SmsSender {

    /** @return whether the message was handed to a gateway */
    boolean send(String mobile, String text);
}
