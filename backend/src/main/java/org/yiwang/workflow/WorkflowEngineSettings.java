package org.yiwang.workflow;

import java.time.Clock;

import org.flowable.common.engine.impl.persistence.StrongUuidGenerator;
import org.flowable.common.engine.impl.persistence.deploy.DefaultDeploymentCache;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class WorkflowEngineSettings {

    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> engineSettings(
            @Value("${spring.datasource.url}") String url, Clock clock, ModelExpressions language,
            ObjectProvider<LifecycleDelegate> lifecycle, ObjectProvider<HotlineDeadlineCallbacks> hotline) {
        return engine -> {
            if (url.startsWith("jdbc:h2:")) {
                // H2 runs in MySQL mode, where Flowable's own H2 DDL fails ("Unknown data type: IDENTITY").
                engine.setDatabaseType("mysql");
            }
            // UUIDs instead of the block id generator, which takes an extra connection and can starve the pool.
            engine.setIdGenerator(new StrongUuidGenerator());
            engine.setClock(new EngineClock(clock));
            // Expressions reach variables and the platform's calls only, never the application context by bean name.
            SandboxedExpressions expressions = new SandboxedExpressions(language, lifecycle);
            expressions.setExpressionCache(new DefaultDeploymentCache<>(engine.getExpressionCacheSize()));
            expressions.setExpressionTextLengthCacheLimit(engine.getExpressionTextLengthCacheLimit());
            engine.setBeans(expressions.getBeans());
            engine.setExpressionManager(expressions);
            engine.setTypedEventListeners(java.util.Map.of(FlowableEngineEventType.TIMER_FIRED.name(),
                    java.util.List.of(new HotlineTimerListener(hotline))));
        };
    }
}
