package org.yiwang.bench;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's one benchmark suite, run by {@code ./mvnw -Pbench verify -DskipTests}: runs every
 * benchmark in order against one server and writes {@code target/bench/report.json} and {@code report.md}.
 * A missed target is reported, not fatal; a benchmark that fails makes the command fail after the report.
 */
public final class BenchSuite {

    static final String COMMAND = "./mvnw -Pbench verify -DskipTests";

    /**
     * In run order: the startup benchmark leaves its server running for the others, and the progress query reads
     * the applications the lifecycle benchmark concluded. The Galera benchmark stops the suite's server once it has
     * measured it and starts its own cluster; the workbench benchmark runs its own server on its own kept database, so
     * it comes after them, and the supervision benchmark reads the same kept database; the hotline benchmark keeps a
     * database of its own.
     */
    private static final List<Benchmark> BENCHMARKS = List.of(
            new StartupBenchmark(),
            new CatalogSearchBenchmark(),
            new SmartSearchBenchmark(),
            new LifecycleBenchmark(),
            new ProgressBenchmark(),
            new GaleraBenchmark(),
            new WorkbenchBenchmark(),
            new SupervisionBenchmark(),
            new HotlineBenchmark());

    private BenchSuite() {
    }

    public static void main(String[] args) throws Exception {
        BenchConfig config = BenchConfig.fromSystemProperties();
        List<String> names = BENCHMARKS.stream().map(Benchmark::name).toList();
        if (!names.containsAll(config.only())) {
            throw new IllegalArgumentException("-Dbench.only=" + String.join(",", config.only()) + ": the benchmarks are " + names);
        }
        BenchContext ctx = new BenchContext(config);
        // Asked first so that a database that is not answering fails the suite at once.
        Report.Database database = new Report.Database(ctx.databaseVersion(), ctx.jdbcUrl());
        Machine machine = Machine.current();
        // Stops the server on Ctrl-C too: the suite must never leave it running.
        Thread stopServer = new Thread(ctx::close, "stop-bench-server");
        Runtime.getRuntime().addShutdownHook(stopServer);
        List<Result> results = new ArrayList<>();
        try {
            for (Benchmark b : BENCHMARKS) {
                if (!config.only().isEmpty() && !config.only().contains(b.name())) {
                    continue;
                }
                System.out.println("benchmark " + b.name() + " ...");
                try {
                    results.add(b.run(ctx));
                } catch (Exception e) {
                    e.printStackTrace();
                    results.add(Result.failed(b, e));
                }
            }
        } finally {
            ctx.close();
            Runtime.getRuntime().removeShutdownHook(stopServer);
        }
        Report report = new Report(
                ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), COMMAND,
                machine, database, results);
        report.write(config.dir());
        System.out.println();
        System.out.println(report.markdown());
        System.out.println("written " + config.dir().resolve("report.md") + " and report.json");
        List<String> failed = results.stream().filter(r -> r.error() != null).map(Result::name).toList();
        if (!failed.isEmpty()) {
            // Thrown, not swallowed: Maven's exec step then fails the benchmark command.
            throw new IllegalStateException("benchmarks failed: " + failed);
        }
    }
}
