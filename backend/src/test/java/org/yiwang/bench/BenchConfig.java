package org.yiwang.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Settings from {@code -Dbench.*} system properties (the Maven profile passes them through). */
record BenchConfig(Path dir, Path jar, String dbHost, String dbUser, String dbPassword, int startRuns,
        int clients, int warmupSeconds, int seconds, List<String> only, String workbenchDatabase) {

    static BenchConfig fromSystemProperties() {
        String only = System.getProperty("bench.only", "").trim();
        return new BenchConfig(
                Path.of(System.getProperty("bench.dir", "target/bench")),
                Path.of(System.getProperty("bench.jar", "target/yiwang-backend-0.1.0-SNAPSHOT.jar")),
                System.getProperty("bench.db.host", "127.0.0.1:3306"),
                System.getProperty("bench.db.user", "root"),
                System.getProperty("bench.db.password", ""),
                Integer.getInteger("bench.startRuns", 1),
                Integer.getInteger("bench.clients", 16),
                Integer.getInteger("bench.warmupSeconds", 10),
                Integer.getInteger("bench.seconds", 30),
                only.isEmpty() ? List.of() : Arrays.stream(only.split(",")).map(String::trim).toList(),
                System.getProperty("bench.workbench.db", "yiwang_scale"));
    }

    String jdbcUrl(String database) {
        return "jdbc:mysql://" + dbHost + "/" + database;
    }
}
