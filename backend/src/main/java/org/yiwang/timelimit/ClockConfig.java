package org.yiwang.timelimit;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock every time limit reads, so tests can move time across holidays. Its zone ({@code yiwang.time-zone})
 * is the zone of every local time the platform keeps and shows: days of the statutory clock, timeline times, PDFs.
 */
@Configuration
class ClockConfig {

    @Bean
    Clock clock(@Value("${yiwang.time-zone:Asia/Shanghai}") String zone) {
        return Clock.system(ZoneId.of(zone));
    }
}
