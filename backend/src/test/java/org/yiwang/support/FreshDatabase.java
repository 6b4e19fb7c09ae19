package org.yiwang.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts each test JVM on an empty MariaDB/MySQL database, so that every run loads the schema and the
 * reference data from scratch as a fresh installation would.
 */
public class FreshDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final AtomicBoolean done = new AtomicBoolean();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String url = context.getEnvironment().getProperty("spring.datasource.url", "");
        if (!url.startsWith("jdbc:mysql:") || !done.compareAndSet(false, true)) {
            return;
        }
        int slash = url.indexOf('/', "jdbc:mysql://".length());
        int query = url.indexOf('?', slash);
        String database = url.substring(slash + 1, query < 0 ? url.length() : query);
        String server = url.substring(0, slash + 1);
        try (Connection c = DriverManager.getConnection(server, context.getEnvironment().getProperty("spring.datasource.username"),
                context.getEnvironment().getProperty("spring.datasource.password", ""));
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + database + "`");
            s.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset test database " + database + " at " + server, e);
        }
    }
}
