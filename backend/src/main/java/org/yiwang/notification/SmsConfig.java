package org.yiwang.notification;

import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.yiwang.common.Throttle;

@Configuration(proxyBeanMethods = false)
class SmsConfig {

    /** Declared before the logging sender, so that the demo's outbox takes its place. */
    @Bean
    @Profile("demo")
    DemoOutbox demoOutbox(Clock clock, Throttle throttle,
            @Value("${yiwang.demo.password:${YIWANG_DEMO_PASSWORD:}}") String demoPassword) {
        return new DemoOutbox(clock, throttle, demoPassword);
    }

    /** Replaced by any other SmsSender bean, i.e. a real gateway's. */
    @Bean
    @ConditionalOnMissingBean(SmsSender.class)
    SmsSender loggingSmsSender() {
        return new LoggingSmsSender();
    }
}
