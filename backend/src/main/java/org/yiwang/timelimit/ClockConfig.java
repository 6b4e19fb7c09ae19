package org.yiwang.timelimit;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock every time limit reads, so tests can move time across holidays. */
@Configuration
class ClockConfig {

    @Bean
    Clock clock(@Value("${yiwang.zone:Asia/Shanghai}") String zone) {
        return Clock.system(ZoneId.of(zone));
    }
}
