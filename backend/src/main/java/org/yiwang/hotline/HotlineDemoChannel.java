package org.yiwang.hotline;

import java.time.Clock;
import java.time.LocalDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/** The demo profile's Open311 channel (DESIGN §6): its api_key is the demo password. */
@Component
@Profile("demo")
class HotlineDemoChannel {

    private static final Logger log = LoggerFactory.getLogger(HotlineDemoChannel.class);
    static final String CODE = "demo-app";

    private final HotlineMapper mapper;
    private final Clock clock;
    private final String password;

    HotlineDemoChannel(HotlineMapper mapper, Clock clock,
            @Value("${yiwang.demo.password:${YIWANG_DEMO_PASSWORD:}}") String password) {
        this.mapper = mapper;
        this.clock = clock;
        this.password = password;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(2)
    public void seed() {
        if (password.isBlank()) {
            log.info("no YIWANG_DEMO_PASSWORD: the demo Open311 channel is not created");
            return;
        }
        String hash = Open311Service.hash(password);
        if (mapper.updateChannelKey(CODE, hash) == 0) {
            try {
                mapper.insertChannel(CODE, "演示合作渠道（海易办小程序）", hash, LocalDateTime.now(clock));
            } catch (DuplicateKeyException e) {
                log.debug("the demo channel was created by another node");
            }
        }
    }
}
