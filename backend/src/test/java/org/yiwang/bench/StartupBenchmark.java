package org.yiwang.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Issue 2: time from process start to healthy on an empty MariaDB, which includes the Flyway schema, the
 * Flowable tables, 3,571 regions, the agencies and the 11,702 items. The last server stays up for the
 * benchmarks that follow.
 */
final class StartupBenchmark implements Benchmark {

    private static final double TARGET_SECONDS = 20;

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public Result run(BenchContext ctx) throws Exception {
        int runs = Math.max(1, ctx.config.startRuns());
        List<Double> seconds = new ArrayList<>();
        List<Result.Figure> figures = new ArrayList<>();
        Double heap = null;
        for (int i = 1; i <= runs; i++) {
            AppServer server = ctx.startServer();
            seconds.add(server.startToHealthy.toNanos() / 1e9);
            figures.add(Result.Figure.of("run " + i, seconds.get(i - 1), "s"));
            heap = server.heapUsedMib();
            System.out.printf("startup run %d: %.2f s%n", i, seconds.get(i - 1));
        }
        double median = median(seconds);
        figures.add(Result.Figure.of("median", median, "s"));
        figures.add(Result.Figure.of("heap used after start", heap, "MiB"));
        return new Result(name(), "Start to healthy on an empty MariaDB",
                runs + " run(s), each on a freshly created database `" + BenchContext.DATABASE + "`: `java -jar` of the built jar "
                        + "with the demo profile (its accounts are seeded before health answers UP) until `/actuator/health` "
                        + "answers UP (polled every 100 ms); server output in `server.log`.",
                figures, List.of(Result.Target.atMost("median start to healthy ≤ 20 s", TARGET_SECONDS, median)), null);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }
}
