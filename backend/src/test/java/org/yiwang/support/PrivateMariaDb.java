package org.yiwang.support;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A MariaDB server of a test's own (Debian's {@code mariadb-server}: {@code mariadb-install-db} and
 * {@code mariadbd}) on a free port of 127.0.0.1 with a throw-away data directory, so that a test can really
 * kill the database under a running application and start it again on the same port and data — without
 * touching the shared server on 3306. Root has an empty password, as on the shared server.
 */
public final class PrivateMariaDb implements AutoCloseable {

    private static final String SERVER = System.getProperty("yiwang.mariadbd", "/usr/sbin/mariadbd");

    private final Path dir;
    private final Path log;
    public final int port;
    private final String user;
    private final List<String> options;
    private Process server;

    private PrivateMariaDb(Path dir, Path log, int port, String user, List<String> options) {
        this.dir = dir;
        this.log = log;
        this.port = port;
        this.user = user;
        this.options = options;
    }

    /** Creates a fresh data directory and starts the server on it; its log goes to {@code log}. */
    public static PrivateMariaDb install(Path log) throws IOException, InterruptedException {
        PrivateMariaDb db = create(log, JarNode.freePort(), System.getProperty("user.name"), List.of());
        db.start();
        return db;
    }

    /**
     * Creates a fresh data directory for a server on {@code port}, run as the operating-system account {@code user}
     * with {@code options} beside the usual ones, without starting it.
     */
    static PrivateMariaDb create(Path log, int port, String user, List<String> options) throws IOException, InterruptedException {
        // A short temporary path: the server's Unix socket path must stay under 108 bytes.
        Path dir = Files.createTempDirectory("yiwang-db");
        Files.createDirectories(log.toAbsolutePath().getParent());
        if (!user.equals(System.getProperty("user.name"))) {
            run(log, "chown", user + ":", dir.toString());
        }
        run(log, "mariadb-install-db", "--no-defaults", "--datadir=" + dir.resolve("data"), "--user=" + user,
                "--auth-root-authentication-method=normal", "--skip-test-db");
        return new PrivateMariaDb(dir, log, port, user, options);
    }

    private static void run(Path log, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(command[0] + " failed (apt-get install mariadb-server), see " + log);
        }
    }

    /** Starts the server (again) on the same port and data directory; returns once it accepts connections. */
    public void start() throws IOException, InterruptedException {
        start(List.of());
    }

    /** Starts the server with {@code once} added for this start only (a Galera node's {@code --wsrep-new-cluster}). */
    void start(List<String> once) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SERVER, "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("sock"),
                "--pid-file=" + dir.resolve("pid"), "--user=" + user, "--skip-log-bin", "--skip-name-resolve",
                "--innodb-buffer-pool-size=128M", "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci", "--max-connections=300",
                // Commits reach the operating system at once, so they survive the server being killed; only a
                // crash of the whole machine could lose the last second, which no test here simulates.
                "--innodb-flush-log-at-trx-commit=2"));
        command.addAll(options);
        command.addAll(once);
        server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile())).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroyForcibly));
        // A Galera node joining a cluster copies the data first (state transfer) and only then accepts connections.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.isEmpty() ? 90 : 300);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("mariadbd exited with " + server.exitValue() + ", see " + log);
            }
            try (Connection c = connect("mysql")) {
                return;
            } catch (SQLException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("mariadbd not answering in time, see " + log);
    }

    /** SIGKILL: the server vanishes mid-transaction, as on a crash or a pulled cable; InnoDB recovers on start. */
    public void kill() throws InterruptedException {
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "root", "");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (server != null) {
            kill();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
