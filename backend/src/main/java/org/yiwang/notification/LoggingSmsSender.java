package org.yiwang.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yiwang.identity.Masking;

/**
 * The default {@link SmsSender} while no gateway is configured: sends nothing and logs the masked number only —
 * never the text, which may carry a password reset link.
 */
class LoggingSmsSender implements SmsSender {

    private static final Logger log = LoggerFactory.getLogger(LoggingSmsSender.class);

    @Override
    public boolean send(String mobile, String text) {
        log.warn("no SMS gateway configured: a text message to {} was not sent", Masking.phone(mobile));
        return false;
    }
}
