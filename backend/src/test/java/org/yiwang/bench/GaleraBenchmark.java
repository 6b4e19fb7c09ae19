package org.yiwang.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;
import org.yiwang.support.GaleraCluster;

/**
 * Issue 19: the full-stack lifecycle on a three-node Galera cluster against one MariaDB server, in the same run
 * with the same workers: first on the suite's single server, then with one application node on the cluster (every
 * commit certified and applied on three nodes), then with two application nodes on two different cluster nodes
 * (multi-master: concurrent writes on two nodes can fail certification and are retried like deadlocks).
 */
final class GaleraBenchmark implements Benchmark {

    private static final int WORKERS = 8;
    private static final String DATABASE = "yiwang_bench_galera";
    /** What {@code org.yiwang.common.Transactions} logs when it runs a deadlock (or certification) victim again. */
    private static final String RETRIED = "deadlock, retrying";

    @Override
    public String name() {
        return "galera";
    }

    @Override
    public Result run(BenchContext ctx) throws Exception {
        long warmup = TimeUnit.SECONDS.toNanos(ctx.config.warmupSeconds());
        long measured = TimeUnit.SECONDS.toNanos(ctx.config.seconds());

        AppServer single = ctx.server();
        FullStackLifecycles.Item item = FullStackLifecycles.haikouLicensingItem(Session.anonymous(ctx.http, single.baseUrl));
        System.out.printf("galera: single server, %d workers%n", WORKERS);
        long retriedBefore = lines(ctx.serverLog(), RETRIED);
        FullStackLifecycles.Stats one = FullStackLifecycles.run(single, ctx, item, WORKERS, warmup, measured);
        long oneRetried = lines(ctx.serverLog(), RETRIED) - retriedBefore;
        // The suite's server would otherwise share the two cores with the cluster.
        ctx.stopServer();

        Path logs = Files.createDirectories(ctx.config.dir().resolve("galera"));
        List<Result.Figure> figures = new ArrayList<>(figures("single server", one, oneRetried));
        double oneNodeThroughput;
        double twoNodesThroughput;
        try (GaleraCluster cluster = GaleraCluster.start(3, logs)) {
            try (Connection c = cluster.connect(0, "mysql"); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            }
            Path logA = logs.resolve("server-a.log");
            Path logB = logs.resolve("server-b.log");
            try (AppServer a = AppServer.start(ctx.config, cluster.jdbcUrl(DATABASE, 0, 2, 1), ctx.http, logA)) {
                System.out.printf("galera: one application node on a three-node cluster, %d workers%n", WORKERS);
                FullStackLifecycles.Stats clustered = FullStackLifecycles.run(a, ctx, item, WORKERS, warmup, measured);
                oneNodeThroughput = clustered.throughput();
                figures.addAll(figures("cluster, one application node", clustered, lines(logA, RETRIED)));

                try (AppServer b = a.another(cluster.jdbcUrl(DATABASE, 1, 2, 0), logB)) {
                    System.out.printf("galera: two application nodes on two cluster nodes, %d workers each half%n", WORKERS);
                    long retriedA = lines(logA, RETRIED);
                    ExecutorService both = Executors.newFixedThreadPool(2);
                    try {
                        Future<FullStackLifecycles.Stats> onA = both.submit(() -> FullStackLifecycles.run(a, ctx, item, WORKERS / 2, warmup, measured));
                        Future<FullStackLifecycles.Stats> onB = both.submit(() -> FullStackLifecycles.run(b, ctx, item, WORKERS / 2, warmup, measured));
                        FullStackLifecycles.Stats sa = onA.get();
                        FullStackLifecycles.Stats sb = onB.get();
                        Histogram lifecycle = sa.lifecycleMicros().copy();
                        lifecycle.add(sb.lifecycleMicros());
                        List<String> failures = new ArrayList<>(sa.firstFailures());
                        failures.addAll(sb.firstFailures());
                        FullStackLifecycles.Stats sum = new FullStackLifecycles.Stats(sa.lifecycles() + sb.lifecycles(),
                                sa.seconds(), lifecycle, sa.stepMicros(), sa.failures() + sb.failures(), failures, List.of());
                        twoNodesThroughput = sum.throughput();
                        figures.addAll(figures("cluster, two application nodes", sum,
                                lines(logA, RETRIED) - retriedA + lines(logB, RETRIED)));
                    } finally {
                        both.shutdownNow();
                    }
                }
            }
        }
        figures.add(Result.Figure.of("cluster (one application node) / single server",
                one.throughput() == 0 ? 0 : 100 * oneNodeThroughput / one.throughput(), "%"));
        figures.add(Result.Figure.of("cluster (two application nodes) / single server",
                one.throughput() == 0 ? 0 : 100 * twoNodesThroughput / one.throughput(), "%"));
        return new Result(name(), "Application lifecycle: a three-node Galera cluster against one MariaDB server, "
                + WORKERS + " workers", setup(ctx, item), figures, List.of(), List.of(), null);
    }

    private static List<Result.Figure> figures(String run, FullStackLifecycles.Stats s, long retried) {
        Histogram h = s.lifecycleMicros();
        return List.of(
                Result.Figure.of(run + ": throughput", s.throughput(), "lifecycles/s"),
                Result.Figure.of(run + ": lifecycle p50", h.getValueAtPercentile(50) / 1000.0, "ms"),
                Result.Figure.of(run + ": lifecycle p95", h.getValueAtPercentile(95) / 1000.0, "ms"),
                Result.Figure.of(run + ": lifecycles measured", (double) s.lifecycles(), "count"),
                Result.Figure.of(run + ": failed lifecycles (warm-up included)", (double) s.failures(), "count"),
                Result.Figure.of(run + ": deadlocks and certification failures retried (warm-up included)", (double) retried, "count"));
    }

    private static String setup(BenchContext ctx, FullStackLifecycles.Item item) {
        return "The lifecycle of the `lifecycle` benchmark (item " + item.code() + ", draft to e-licence, eleven requests) with "
                + WORKERS + " closed-loop workers, " + ctx.config.warmupSeconds() + " s warm-up and " + ctx.config.seconds()
                + " s measured, three times in one run: (1) the suite's server on the single MariaDB at "
                + ctx.config.dbHost() + "; then that server is stopped and a three-node Galera cluster of the benchmark's own "
                + "is bootstrapped on this machine (`support/GaleraCluster`: separate data directories and ports, "
                + "`wsrep_sync_wait=1`, row-based replication, rsync state transfer; the same mariadbd binary and default "
                + "buffer pool); (2) one application node on cluster node 1 (fail-over order 1, 3, 2), every commit "
                + "certified by and applied on all three nodes; (3) a second application node on cluster node 2 and the "
                + "workers split between the two, so that both database nodes take writes. All database nodes, application "
                + "nodes and clients share the machine's cores: the ratios show the cost of synchronous replication on one "
                + "machine, not the capacity of three real servers.";
    }

    private static long lines(Path log, String containing) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(containing)).count();
        }
    }
}
