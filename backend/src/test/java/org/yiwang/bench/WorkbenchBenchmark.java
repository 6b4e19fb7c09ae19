package org.yiwang.bench;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 5: the workbench lists at scale — {@value WorkbenchDataGenerator#OPEN} open tasks and
 * {@value WorkbenchDataGenerator#CONCLUDED} concluded applications in MariaDB. First the todo list of 16 different
 * clerks at once, then the supervisors' regional list ({@code view=all}). The data is generated once into the database
 * {@code -Dbench.workbench.db} (yiwang_scale) and reused by later runs with the same seed.
 */
final class WorkbenchBenchmark implements Benchmark {

    private static final double TODO_TARGET_P95_MS = 50;
    private static final double REGION_TARGET_P95_MS = 150;

    @Override
    public String name() {
        return "workbench";
    }

    @Override
    public Result run(BenchContext ctx) throws Exception {
        WorkbenchDataGenerator.OnScaleData scaled = WorkbenchDataGenerator.startServer(ctx, name());
        AppServer server = scaled.server();
        WorkbenchDataGenerator.Generated data = scaled.data();
        if (!data.reused()) {
            System.out.printf("workbench: data generated in %.1f s%n", data.seconds());
        }
        int clients = ctx.config.clients();
        List<String> clerks = data.busiestAcceptClerks().subList(0, Math.min(clients, data.busiestAcceptClerks().size()));
        List<Session> clerkSessions = new ArrayList<>();
        for (String clerk : clerks) {
            clerkSessions.add(Session.login(ctx.http, server.baseUrl, clerk,
                    clerk.startsWith("hk.") ? server.demoPassword : WorkbenchDataGenerator.CLERK_PASSWORD));
        }
        Double hkTodo = total(clerkSessions.get(0), "todo");
        String recent = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(2).toString();
        // Client c is clerk c; of every four requests two ask for the plain first page, one for the overdue tasks and
        // one for those received in the last two days.
        String[][] todoQueries = { {}, {}, { "clock", "RED" }, { "receivedFrom", recent } };
        Duration warmup = Duration.ofSeconds(ctx.config.warmupSeconds());
        Duration measured = Duration.ofSeconds(ctx.config.seconds());
        LoadGenerator.Stats todo = LoadGenerator.run(ctx.http, clerkSessions.size(), warmup, measured,
                (client, n) -> request(clerkSessions.get(client), "todo", todoQueries[(int) (n % todoQueries.length)]));

        // The same requests of one client alone: what a request costs without queueing behind the others.
        Duration aloneWarmup = Duration.ofSeconds(Math.min(3, ctx.config.warmupSeconds()));
        Duration aloneMeasured = Duration.ofSeconds(Math.max(5, ctx.config.seconds() / 3));
        LoadGenerator.Stats todoAlone = LoadGenerator.run(ctx.http, 1, aloneWarmup, aloneMeasured,
                (client, n) -> request(clerkSessions.get(0), "todo", todoQueries[(int) (n % todoQueries.length)]));

        // Half the clients are the province's supervisor (every open task), half Haikou's (the 4601 subtree).
        List<Session> supervisors = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            supervisors.add(Session.login(ctx.http, server.baseUrl, c % 2 == 0 ? "supervisor" : "hk.supervisor", server.demoPassword));
        }
        Double provinceTotal = total(supervisors.get(0), "all");
        String[][] regionQueries = { {}, {}, { "clock", "RED" }, { "level", "CITY_COUNTY", "page", "3" } };
        LoadGenerator.Stats region = LoadGenerator.run(ctx.http, clients, warmup, measured,
                (client, n) -> request(supervisors.get(client), "all", regionQueries[(int) (n % regionQueries.length)]));

        LoadGenerator.Stats regionAlone = LoadGenerator.run(ctx.http, 1, aloneWarmup, aloneMeasured,
                (client, n) -> request(supervisors.get(0), "all", regionQueries[(int) (n % regionQueries.length)]));

        List<Result.Figure> figures = new ArrayList<>();
        figures.add(Result.Figure.of("data generated in", data.reused() ? null : data.seconds(), "s"));
        figures.add(Result.Figure.of("hk.accept todo total", hkTodo, "count"));
        figures.add(Result.Figure.of("supervisor view=all total", provinceTotal, "count"));
        for (Result.Figure f : todo.figures()) {
            figures.add(Result.Figure.of("todo " + f.name(), f.value(), f.unit()));
        }
        for (Result.Figure f : region.figures()) {
            figures.add(Result.Figure.of("regional list " + f.name(), f.value(), f.unit()));
        }
        figures.add(Result.Figure.of("todo, hk.accept alone: p50", todoAlone.millis(50), "ms"));
        figures.add(Result.Figure.of("todo, hk.accept alone: p95", todoAlone.millis(95), "ms"));
        figures.add(Result.Figure.of("regional list, province supervisor alone: p50", regionAlone.millis(50), "ms"));
        figures.add(Result.Figure.of("regional list, province supervisor alone: p95", regionAlone.millis(95), "ms"));
        figures.add(Result.Figure.of("heap used after run", server.heapUsedMib(), "MiB"));
        return new Result(name(), "Workbench lists at scale, " + clients + " concurrent clerks / supervisors",
                "Database `" + ctx.config.workbenchDatabase() + "` with " + String.format("%,d", data.openTasks()) + " open tasks and "
                        + String.format("%,d", data.concluded()) + " concluded applications from `WorkbenchDataGenerator` (seed "
                        + WorkbenchDataGenerator.SEED + ", " + (data.reused() ? "reused from an earlier run" : "generated in this run")
                        + "). Todo: " + clerkSessions.size() + " clerks logged in at once (hk.accept and the accept clerks of the "
                        + "agencies with the most open acceptance tasks), each in a closed loop on `GET /api/v1/workbench/tasks?view=todo"
                        + "&page=1&size=20`, every fourth request with `clock=RED` and every fourth with `receivedFrom` two days "
                        + "ago. Regional list: " + clients + " clients, half `supervisor` (province), half `hk.supervisor` (海口), "
                        + "on `view=all&page=1&size=20`, with `clock=RED` or `level=CITY_COUNTY&page=3` every fourth request. "
                        + ctx.config.warmupSeconds() + " s warm-up, " + ctx.config.seconds() + " s measured each; then the same "
                        + "requests from hk.accept alone and from `supervisor` alone (" + aloneWarmup.toSeconds() + " s warm-up, "
                        + aloneMeasured.toSeconds() + " s). Clients on the same machine. Any answer but 200 is an error.",
                figures,
                List.of(p95AtMost("todo p95 ≤ 50 ms under " + clerkSessions.size() + " concurrent clerks", TODO_TARGET_P95_MS, todo),
                        p95AtMost("regional list p95 ≤ 150 ms under " + clients + " concurrent supervisors", REGION_TARGET_P95_MS,
                                region)),
                null);
    }

    /** Without a single answer started and finished in the window, every request took longer than the window: missed. */
    private static Result.Target p95AtMost(String description, double limitMs, LoadGenerator.Stats stats) {
        if (stats.requests() == 0) {
            return new Result.Target(description + "; no request finished within the measured window, so every one took longer",
                    limitMs, stats.seconds() * 1000, false);
        }
        return Result.Target.atMost(description, limitMs, stats.millis(95));
    }

    /** A list's total as the server answers it before the load, or null when it does not answer in time. */
    private static Double total(Session session, String view) {
        try {
            var answer = session.get("/api/v1/workbench/tasks", "view", view, "size", "1");
            return answer.statusCode() == 200 ? Session.expect(answer, 200, view).path("total").asDouble() : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The list's first page of 20, unless {@code filter} names another page. */
    private static HttpRequest request(Session session, String view, String[] filter) {
        Map<String, String> params = new LinkedHashMap<>(Map.of("view", view, "page", "1", "size", "20"));
        for (int i = 0; i + 1 < filter.length; i += 2) {
            params.put(filter[i], filter[i + 1]);
        }
        return session.getRequest("/api/v1/workbench/tasks", params.entrySet().stream()
                .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray(String[]::new));
    }
}
