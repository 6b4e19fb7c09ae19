package org.yiwang.workflow;

import java.time.Clock;

import org.flowable.common.engine.impl.persistence.StrongUuidGenerator;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class WorkflowEngineSettings {

    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> engineSettings(
            @Value("${spring.datasource.url}") String url, Clock clock) {
        return engine -> {
            if (url.startsWith("jdbc:h2:")) {
                // H2 runs in MySQL mode, where Flowable's own H2 DDL fails ("Unknown data type: IDENTITY").
                engine.setDatabaseType("mysql");
            }
            // UUIDs instead of the block id generator, which takes an extra connection and can starve the pool.
            engine.setIdGenerator(new StrongUuidGenerator());
            engine.setClock(new EngineClock(clock));
        };
    }
}
