package org.yiwang.identity;

/**
 * How a password-reset link reaches its owner. Delivered by notification/ (mail and SMS), which sits above
 * identity because it addresses accounts.
 */
public interface ResetChannels {

    /** Whether the mail was handed to a configured mail server. */
    boolean mail(String to, String title, String body);

    /** Whether the text was handed to a configured SMS gateway. */
    boolean sms(String phone, String text);
}
