package org.yiwang.common;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Driver settings for MySQL and MariaDB through Connector/J, kept here rather than in the user's URL so that a
 * plain {@code jdbc:mysql://host:3306/db} works. Applied to the environment before any bean exists, and only
 * for MySQL URLs: H2 refuses settings it does not know.
 */
public class DatabaseSettings implements EnvironmentPostProcessor {

    private static final String PREFIX = "spring.datasource.hikari.data-source-properties.";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("spring.datasource.url", "");
        if (!url.startsWith("jdbc:mysql:")) {
            return;
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        // Flowable looks up its tables in the current schema only, even when another schema holds them too.
        settings.put(PREFIX + "nullCatalogMeansCurrent", "true");
        settings.put(PREFIX + "useServerPrepStmts", "true");
        settings.put(PREFIX + "cachePrepStmts", "true");
        settings.put(PREFIX + "prepStmtCacheSize", "500");
        settings.put(PREFIX + "prepStmtCacheSqlLimit", "4096");
        settings.put(PREFIX + "rewriteBatchedStatements", "true");
        settings.put(PREFIX + "characterEncoding", "UTF-8");
        settings.put(PREFIX + "createDatabaseIfNotExist", "true");
        environment.getPropertySources().addLast(new MapPropertySource("yiwangDatabaseSettings", settings));
    }
}
