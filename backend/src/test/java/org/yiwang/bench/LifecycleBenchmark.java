package org.yiwang.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 4: the 承诺件 lifecycle through the whole stack with 8 workers, against the bare Flowable engine running
 * the same BPMN with the same number of task completions in the same run; the ratio is the figure that counts.
 */
final class LifecycleBenchmark implements Benchmark {

    private static final int WORKERS = 8;
    private static final double TARGET_PERCENT_OF_BARE = 60;
    private static final int SAMPLE = 10;
    /** What {@code org.yiwang.common.Transactions} logs when it runs a deadlock victim again. */
    private static final String DEADLOCK_RETRIED = "deadlock, retrying";

    @Override
    public String name() {
        return "lifecycle";
    }

    @Override
    public Result run(BenchContext ctx) throws Exception {
        AppServer server = ctx.server();
        long warmup = TimeUnit.SECONDS.toNanos(ctx.config.warmupSeconds());
        long measured = TimeUnit.SECONDS.toNanos(ctx.config.seconds());
        FullStackLifecycles.Item item = FullStackLifecycles.haikouLicensingItem(Session.anonymous(ctx.http, server.baseUrl));
        System.out.printf("lifecycle: full stack, %d workers, item %s with %d required materials%n", WORKERS, item.code(),
                item.requiredMaterials().size());
        long deadlocksBefore = serverLogLines(ctx, DEADLOCK_RETRIED);
        long errorsBefore = serverLogLines(ctx, " ERROR ");
        FullStackLifecycles.Stats full = FullStackLifecycles.run(server, ctx, item, WORKERS, warmup, measured);
        long deadlocks = serverLogLines(ctx, DEADLOCK_RETRIED) - deadlocksBefore;
        long errors = serverLogLines(ctx, " ERROR ") - errorsBefore;
        server.concludedApplications.addAll(full.concluded());
        int verified = verifySample(ctx, server, full.concluded());
        Double heap = server.heapUsedMib();

        // Never fewer than one lifecycle per thread, so that a full stack that completed nothing still gets a comparison.
        long count = Math.max(full.lifecycles(), WORKERS);
        System.out.printf("lifecycle: bare engine, %d threads, %d lifecycles%n", WORKERS, count);
        BareEngineLifecycles.Stats bare;
        try (BareEngineLifecycles engine = BareEngineLifecycles.start(ctx)) {
            bare = engine.run(WORKERS, warmup, count);
        }
        double percent = bare.throughput() == 0 ? 0 : 100 * full.throughput() / bare.throughput();

        List<Result.Figure> figures = new ArrayList<>();
        figures.add(Result.Figure.of("full stack: throughput", full.throughput(), "lifecycles/s"));
        figures.addAll(latencies("full stack: lifecycle", full.lifecycleMicros()));
        figures.add(Result.Figure.of("full stack: lifecycles measured", (double) full.lifecycles(), "count"));
        figures.add(Result.Figure.of("full stack: failed lifecycles (warm-up included)", (double) full.failures(), "count"));
        figures.add(Result.Figure.of("full stack: deadlocks retried (server log, warm-up included)", (double) deadlocks, "count"));
        figures.add(Result.Figure.of("full stack: ERROR lines in server log (warm-up included)", (double) errors, "count"));
        full.stepMicros().forEach((step, h) -> figures.addAll(latencies("full stack: " + step.label, h)));
        figures.add(Result.Figure.of("bare engine: throughput", bare.throughput(), "lifecycles/s"));
        figures.addAll(latencies("bare engine: lifecycle", bare.lifecycleMicros()));
        figures.add(Result.Figure.of("bare engine: lifecycles measured", (double) bare.lifecycles(), "count"));
        figures.add(Result.Figure.of("bare engine: deadlocks retried", (double) bare.deadlocksRetried(), "count"));
        figures.add(Result.Figure.of("full stack / bare engine", percent, "%"));
        figures.add(Result.Figure.of("server heap used after run", heap, "MiB"));

        int sample = Math.min(SAMPLE, full.concluded().size());
        List<String> notes = new ArrayList<>(full.firstFailures().stream()
                .map(f -> "failed lifecycle: `" + f.replace('`', '\'') + "`").toList());
        if (full.lifecycles() == 0) {
            notes.add("no lifecycle ended within the measured window, so there is no ratio: run with a longer `-Dbench.seconds`");
        }
        return new Result(name(), "Application lifecycle: full stack against the bare Flowable engine, " + WORKERS + " workers",
                setup(ctx, item, bare), figures,
                List.of(Result.Target.atLeast("full stack ≥ 60 % of the bare engine's lifecycles/s", TARGET_PERCENT_OF_BARE, percent),
                        Result.Target.atLeast("sampled applications CONCLUDED with an e-licence: all " + sample, sample, verified)),
                notes, null);
    }

    private static String setup(BenchContext ctx, FullStackLifecycles.Item item, BareEngineLifecycles.Stats bare) {
        return "**Full stack**: the built jar (demo profile) on MariaDB database `" + BenchContext.DATABASE + "`, " + WORKERS
                + " closed-loop workers on the same machine, each logged in once as `applicant`, `hk.accept`, `hk.review` and "
                + "`hk.approve` before the clock starts. A lifecycle is: create a draft of item " + item.code() + " (" + item.name()
                + ", 海口市市场监督管理局, template `standard`), upload its " + item.requiredMaterials().size()
                + " required material(s) (a tiny PNG each), submit with an `Idempotency-Key`, then for each clerk find the task "
                + "in the todo list by application number and accept / review / approve it, which concludes the application. "
                + ctx.config.warmupSeconds() + " s warm-up, then lifecycles that end within " + ctx.config.seconds()
                + " s are counted. Beyond the engine, the full stack does: HTTP and JSON, sessions and the CSRF check, "
                + "permission and agency/region scope checks, the item's rules and form, material upload with content "
                + "sniffing and SHA-256 on disk, application and material rows, the application number, idempotent submit, "
                + "statutory-clock due dates from the working-day calendar, candidate groups resolved from the agency, the "
                + "todo query, timeline events, in-app notifications and the e-licence issued on approval.\n\n"
                + "**Bare engine**: Flowable in the suite's JVM (`StandaloneProcessEngineConfiguration`) on its own database "
                + "`" + BareEngineLifecycles.DATABASE + "` (created and dropped by the benchmark) with the application's "
                + "Hikari pool size, READ COMMITTED, Connector/J settings (server-side prepared statements with cache, "
                + "`nullCatalogMeansCurrent`), UUID ids, history `audit`, async executor off, deploying the same "
                + "`processes/standard.bpmn20.xml` with a `lifecycle` bean that does nothing. " + WORKERS + " threads: start "
                + "an instance with the candidate-group and deadline variables, then query the task by process instance and "
                + "complete it with `outcome` accept, review, approve. " + ctx.config.warmupSeconds() + " s warm-up, then the "
                + "same number of lifecycles as the full stack counted (" + bare.lifecycles() + ", i.e. " + 3 * bare.lifecycles()
                + " task completions), timed from the first start to the last completion. A transaction chosen as a deadlock "
                + "victim is run again in both (DESIGN §8): by the application's submit and task actions, and by the benchmark "
                + "around each engine call.";
    }

    /** Fetches an even sample of the concluded applications as the applicant and counts those CONCLUDED with a licence. */
    private static int verifySample(BenchContext ctx, AppServer server, List<String> concluded) throws Exception {
        if (concluded.isEmpty()) {
            return 0;
        }
        Session applicant = Session.login(ctx.http, server.baseUrl, "applicant", server.demoPassword);
        int sample = Math.min(SAMPLE, concluded.size());
        int verified = 0;
        for (int i = 0; i < sample; i++) {
            String no = concluded.get(i * concluded.size() / sample);
            JsonNode application = Session.expect(applicant.get("/api/v1/applications/" + no), 200, "application " + no);
            List<String> actions = new ArrayList<>();
            application.path("timeline").forEach(e -> actions.add(e.path("action").asText()));
            if (application.path("status").asText().equals("CONCLUDED") && actions.contains("LICENSE") && actions.contains("CONCLUDE")) {
                verified++;
            } else {
                System.out.println("lifecycle: " + no + " is " + application.path("status").asText() + " with steps " + actions);
            }
        }
        return verified;
    }

    private static long serverLogLines(BenchContext ctx, String containing) throws IOException {
        try (Stream<String> lines = Files.lines(ctx.serverLog())) {
            return lines.filter(l -> l.contains(containing)).count();
        }
    }

    private static List<Result.Figure> latencies(String what, Histogram micros) {
        return List.of(
                Result.Figure.of(what + " p50", micros.getValueAtPercentile(50) / 1000.0, "ms"),
                Result.Figure.of(what + " p95", micros.getValueAtPercentile(95) / 1000.0, "ms"),
                Result.Figure.of(what + " p99", micros.getValueAtPercentile(99) / 1000.0, "ms"));
    }
}
