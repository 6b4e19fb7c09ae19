package org.yiwang.identity;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Log lines never carry identity or mobile numbers in the clear, whoever wrote the message. */
public class MaskedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Masking.text(super.convert(event));
    }
}
