package org.yiwang.bench;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.yiwang.identity.DemoAccountsAccess;

/**
 * The public progress query (查询办件进度) under concurrent anonymous clients, over the applications the lifecycle
 * benchmark concluded; run on its own, it first concludes a few applications itself.
 */
final class ProgressBenchmark implements Benchmark {

    /** When run without the lifecycle benchmark: enough applications that the queries do not all hit one row. */
    private static final int OWN_WORKERS = 4;
    private static final long OWN_SECONDS = 5;

    @Override
    public String name() {
        return "progress";
    }

    @Override
    public Result run(BenchContext ctx) throws Exception {
        AppServer server = ctx.server();
        if (server.concludedApplications.isEmpty()) {
            System.out.println("progress: no applications yet, concluding some first");
            FullStackLifecycles.Item item = FullStackLifecycles.haikouLicensingItem(Session.anonymous(ctx.http, server.baseUrl));
            server.concludedApplications.addAll(FullStackLifecycles.run(server, ctx, item, OWN_WORKERS, 0,
                    TimeUnit.SECONDS.toNanos(OWN_SECONDS)).concluded());
        }
        List<String> applications = List.copyOf(server.concludedApplications);
        if (applications.isEmpty()) {
            throw new IllegalStateException("no concluded application to query");
        }
        String idSuffix = DemoAccountsAccess.applicantId().substring(DemoAccountsAccess.applicantId().length() - 6);
        Session anonymous = Session.anonymous(ctx.http, server.baseUrl);
        int clients = ctx.config.clients();
        // Client c asks for application c, c + 7, c + 14, ...: every client walks all of them, in its own order.
        LoadGenerator.Stats stats = LoadGenerator.run(ctx.http, clients,
                Duration.ofSeconds(ctx.config.warmupSeconds()), Duration.ofSeconds(ctx.config.seconds()),
                (client, n) -> HttpRequest.newBuilder(anonymous.uri("/api/v1/portal/progress",
                        "applicationNo", applications.get((int) ((client + 7 * n) % applications.size())), "idSuffix", idSuffix))
                        .timeout(Duration.ofSeconds(10)).build());
        List<Result.Figure> figures = new ArrayList<>(stats.figures());
        figures.add(Result.Figure.of("applications queried", (double) applications.size(), "count"));
        figures.add(Result.Figure.of("heap used after run", server.heapUsedMib(), "MiB"));
        return new Result(name(), "Public progress query, " + clients + " concurrent clients",
                "`GET /api/v1/portal/progress?applicationNo=…&idSuffix=…` (anonymous; the last 6 characters of the demo "
                        + "applicant's identity number) over the " + applications.size() + " concluded applications of this "
                        + "server, each answer with its timeline; " + clients + " closed-loop HTTP/1.1 clients on the same machine; "
                        + ctx.config.warmupSeconds() + " s warm-up, " + ctx.config.seconds() + " s measured. Any answer but 200 "
                        + "is an error.",
                figures, List.of(), null);
    }
}
