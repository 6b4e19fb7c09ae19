package org.yiwang.common;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Driver settings for MySQL and MariaDB through Connector/J, kept here rather than in the user's URL,
 * so that a plain {@code jdbc:mysql://host:3306/db} works. H2 refuses unknown settings, so they are
 * added only for MySQL URLs.
 */
@Component
class DatabaseSettings implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource ds && ds.getJdbcUrl() != null && ds.getJdbcUrl().startsWith("jdbc:mysql:")) {
            // Flowable looks up its tables in the current schema only, even when another schema holds them too.
            ds.addDataSourceProperty("nullCatalogMeansCurrent", "true");
            ds.addDataSourceProperty("useServerPrepStmts", "true");
            ds.addDataSourceProperty("cachePrepStmts", "true");
            ds.addDataSourceProperty("prepStmtCacheSize", "500");
            ds.addDataSourceProperty("prepStmtCacheSqlLimit", "4096");
            ds.addDataSourceProperty("rewriteBatchedStatements", "true");
            ds.addDataSourceProperty("characterEncoding", "UTF-8");
            ds.addDataSourceProperty("createDatabaseIfNotExist", "true");
            ds.addDataSourceProperty("useUnicode", "true");
        }
        return bean;
    }
}
