package org.yiwang.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What benchmarks share: the settings, one HTTP client, the benchmark database and the running server,
 * which stays up from one benchmark to the next so that the suite starts the application only once.
 */
final class BenchContext implements AutoCloseable {

    static final String DATABASE = "yiwang_bench";

    final BenchConfig config;
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private AppServer server;
    /** Databases benchmarks made for themselves, dropped on close whatever happened. */
    private final Set<String> scratchDatabases = new LinkedHashSet<>();

    BenchContext(BenchConfig config) throws IOException {
        this.config = config;
        Files.createDirectories(config.dir());
        Files.deleteIfExists(serverLog());
    }

    Path serverLog() {
        return config.dir().resolve("server.log");
    }

    String jdbcUrl() {
        return config.jdbcUrl(DATABASE);
    }

    /** Drops and recreates the benchmark database, so the application starts as on a fresh installation. */
    void resetDatabase() throws SQLException {
        createDatabase(DATABASE);
    }

    /** A fresh database of a benchmark's own (e.g. the bare engine's), dropped when the suite ends. */
    synchronized String scratchDatabase(String name) throws SQLException {
        scratchDatabases.add(name);
        createDatabase(name);
        return config.jdbcUrl(name);
    }

    synchronized void dropScratchDatabase(String name) throws SQLException {
        dropDatabase(name);
        scratchDatabases.remove(name);
    }

    private void createDatabase(String name) throws SQLException {
        dropDatabase(name);
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }

    private void dropDatabase(String name) throws SQLException {
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
        }
    }

    String databaseVersion() throws SQLException {
        try (Connection c = adminConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(config.jdbcUrl(""), config.dbUser(), config.dbPassword());
    }

    /** Starts the server on a fresh database, replacing a running one. */
    synchronized AppServer startServer() throws Exception {
        stopServer();
        resetDatabase();
        server = AppServer.start(config, jdbcUrl(), http, serverLog());
        return server;
    }

    /**
     * Starts the server on a database kept between runs (never dropped by the suite), replacing a running one;
     * {@code fresh} drops and recreates it first.
     */
    synchronized AppServer startServerOnKept(String database, boolean fresh, String dataKey, String hashKey) throws Exception {
        stopServer();
        if (fresh) {
            createDatabase(database);
        }
        server = AppServer.start(config, config.jdbcUrl(database), http, serverLog(), dataKey, hashKey);
        return server;
    }

    /** Whether the database exists on the server. */
    boolean databaseExists(String name) throws SQLException {
        try (Connection c = adminConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + name + "'")) {
            return rs.next();
        }
    }

    /** The running server; a benchmark run on its own ({@code -Dbench.only}) gets one started. */
    synchronized AppServer server() throws Exception {
        return server != null ? server : startServer();
    }

    synchronized void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /**
     * Stops the server and drops its database and the scratch ones: a second schema holding Flowable tables on
     * the same server is exactly what confuses Flowable when a driver setting is missing, so the suite leaves
     * none behind.
     */
    @Override
    public synchronized void close() {
        stopServer();
        List<String> databases = new ArrayList<>(scratchDatabases);
        databases.add(DATABASE);
        for (String name : databases) {
            try {
                dropDatabase(name);
            } catch (SQLException e) {
                System.err.println("could not drop " + name + ": " + e);
            }
        }
        scratchDatabases.clear();
    }
}
