package org.yiwang.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.List;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The demo profile resets the demo accounts' passwords to a known one: on a real database that would open it
 * to anyone who read the README. A database is a demo database when the demo marked it so, which it does only
 * while the database holds no accounts but its own; otherwise start-up fails before anything is served.
 * Accounts registered later on a demo database (journeys, tests) do not change what it is.
 */
@Component
@Profile("demo")
class DemoDatabaseGuard implements InitializingBean {

    static final String MARKER = "demo-database";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    DemoDatabaseGuard(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        check();
    }

    void check() {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM platform_marker WHERE name = ?", Long.class, MARKER) > 0) {
            return;
        }
        List<String> demo = DemoAccounts.USERNAMES;
        String marks = String.join(",", Collections.nCopies(demo.size(), "?"));
        long others = jdbc.queryForObject("SELECT COUNT(*) FROM account WHERE username IS NULL OR username NOT IN (" + marks + ")",
                Long.class, demo.toArray());
        if (others > 0) {
            throw new IllegalStateException("The demo profile refuses this database: it holds " + others
                    + " accounts the demo did not create, so it is no demo database, and the demo would reset the passwords"
                    + " of accounts named like its own. Start without the demo profile, or give the demo an empty database.");
        }
        try {
            jdbc.update("INSERT INTO platform_marker (name, created_at) VALUES (?, ?)", MARKER, Timestamp.valueOf(LocalDateTime.now(clock)));
        } catch (DuplicateKeyException e) {
            // Another node marked it at the same moment.
        }
    }
}
