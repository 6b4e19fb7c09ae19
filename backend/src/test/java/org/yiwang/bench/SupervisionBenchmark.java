package org.yiwang.bench;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 14: the supervision dashboard and the assessment ranking over the workbench benchmark's data
 * ({@value WorkbenchDataGenerator#OPEN} open and {@value WorkbenchDataGenerator#CONCLUDED} concluded applications in the
 * kept database {@code -Dbench.workbench.db}, generated once as {@link WorkbenchBenchmark} does). The server builds the
 * daily aggregates itself (its first refresh rebuilds every day); the benchmark waits for them, then 16 supervisors —
 * half the province's, half 海口's — ask for the indicators, then for the month's ranking.
 */
final class SupervisionBenchmark implements Benchmark {

    private static final double TARGET_P95_MS = 200;
    private static final Duration AGGREGATES_TIMEOUT = Duration.ofMinutes(60);

    @Override
    public String name() {
        return "supervision";
    }

    @Override
    public Result run(BenchContext ctx) throws Exception {
        WorkbenchDataGenerator.OnScaleData scaled = WorkbenchDataGenerator.startServer(ctx, name());
        AppServer server = scaled.server();
        WorkbenchDataGenerator.Generated data = scaled.data();
        Session province = Session.login(ctx.http, server.baseUrl, "supervisor", server.demoPassword);
        long started = System.nanoTime();
        while (Session.expect(province.get("/api/v1/supervision/indicators"), 200, "indicators").path("refreshedAt").isNull()) {
            if (System.nanoTime() - started > AGGREGATES_TIMEOUT.toNanos()) {
                throw new IllegalStateException("the daily aggregates were not built within " + AGGREGATES_TIMEOUT);
            }
            Thread.sleep(2000);
        }
        double aggregatesSeconds = (System.nanoTime() - started) / 1e9;
        double received = Session.expect(province.get("/api/v1/supervision/indicators", "from",
                LocalDate.now(ZoneId.of("Asia/Shanghai")).minusYears(1).toString()), 200, "year").path("received").asDouble();

        int clients = ctx.config.clients();
        List<Session> supervisors = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            supervisors.add(c % 2 == 0 ? Session.login(ctx.http, server.baseUrl, "supervisor", server.demoPassword)
                    : Session.login(ctx.http, server.baseUrl, "hk.supervisor", server.demoPassword));
        }
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        // Of every four requests: the default 30 days, a year, a quarter of 海口 (the province's clients), this month.
        String[][] indicatorQueries = { {}, { "from", today.minusYears(1).plusDays(1).toString() },
                { "regionCode", "4601", "from", today.minusMonths(3).toString() }, { "from", today.withDayOfMonth(1).toString() } };
        String[][] rankingQueries = { { "kind", "REGION" }, { "kind", "AGENCY" } };
        Duration warmup = Duration.ofSeconds(ctx.config.warmupSeconds());
        Duration measured = Duration.ofSeconds(ctx.config.seconds());
        LoadGenerator.Stats indicators = LoadGenerator.run(ctx.http, clients, warmup, measured,
                (client, n) -> request(supervisors.get(client), "/api/v1/supervision/indicators",
                        indicatorQueries[(int) (n % indicatorQueries.length)]));
        LoadGenerator.Stats ranking = LoadGenerator.run(ctx.http, clients, warmup, measured,
                (client, n) -> request(supervisors.get(client), "/api/v1/supervision/assessment/ranking",
                        rankingQueries[(int) (n % rankingQueries.length)]));

        List<Result.Figure> figures = new ArrayList<>();
        figures.add(Result.Figure.of("aggregates built in (server's first refresh)", aggregatesSeconds, "s"));
        figures.add(Result.Figure.of("applications received in the last year (province)", received, "count"));
        for (Result.Figure f : indicators.figures()) {
            figures.add(Result.Figure.of("indicators " + f.name(), f.value(), f.unit()));
        }
        for (Result.Figure f : ranking.figures()) {
            figures.add(Result.Figure.of("ranking " + f.name(), f.value(), f.unit()));
        }
        figures.add(Result.Figure.of("heap used after run", server.heapUsedMib(), "MiB"));
        return new Result(name(), "Supervision dashboard and assessment ranking, " + clients + " concurrent supervisors",
                "Database `" + ctx.config.workbenchDatabase() + "` with " + String.format("%,d", data.openTasks()) + " open tasks and "
                        + String.format("%,d", data.concluded()) + " concluded applications from `WorkbenchDataGenerator`. "
                        + clients + " clients, half `supervisor` (province), half `hk.supervisor` (海口), in a closed loop: first "
                        + "`GET /api/v1/supervision/indicators` (30 days, a year, a quarter of 4601, this month in turn), then "
                        + "`GET /api/v1/supervision/assessment/ranking` (REGION and AGENCY in turn, this month, computed live). "
                        + ctx.config.warmupSeconds() + " s warm-up, " + ctx.config.seconds() + " s measured each. Any answer but "
                        + "200 is an error.",
                figures,
                List.of(Result.Target.atMost("indicators p95 ≤ 200 ms under " + clients + " supervisors", TARGET_P95_MS,
                        indicators.millis(95)),
                        Result.Target.atMost("ranking p95 ≤ 200 ms under " + clients + " supervisors", TARGET_P95_MS, ranking.millis(95))),
                null);
    }

    private static HttpRequest request(Session session, String path, String[] params) {
        return session.getRequest(path, params);
    }
}
