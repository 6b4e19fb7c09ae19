package org.yiwang.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Issue 2: the public catalogue search under concurrent clients, with the mix of queries the portal sends. */
final class CatalogSearchBenchmark implements Benchmark {

    private static final double TARGET_P95_MS = 25;

    /** Query strings after {@code /api/v1/catalog/items?}; paging is appended. Some match nothing, as real ones do. */
    private static final List<String> QUERIES = List.of(
            "q=食品", "q=经营许可", "q=最低生活保障", "q=社会保障卡", "q=建筑施工", "q=临时救助", "q=道路运输", "q=医疗机构",
            "q=食品经营许可", "q=spjy", "q=shbzk", "q=zdshbz", "q=shipin", "q=XK0042", "q=XK0044", "q=GG03",
            "level=VILLAGE", "type=1", "level=TOWNSHIP&type=20", "regionCode=469027&q=救助", "regionCode=469027&q=shbzk",
            "regionCode=4601&type=1", "q=", "");

    @Override
    public String name() {
        return "catalog-search";
    }

    @Override
    public Result run(BenchContext ctx) throws Exception {
        AppServer server = ctx.server();
        List<URI> uris = QUERIES.stream()
                .map(q -> URI.create(server.baseUrl + "/api/v1/catalog/items?" + encode(q) + (q.isEmpty() ? "" : "&") + "page=1&size=20"))
                .toList();
        int clients = ctx.config.clients();
        // Each client walks the same list from its own offset, so every run sends the same requests.
        LoadGenerator.Stats stats = LoadGenerator.run(ctx.http, clients,
                Duration.ofSeconds(ctx.config.warmupSeconds()), Duration.ofSeconds(ctx.config.seconds()),
                (client, n) -> HttpRequest.newBuilder(uris.get((int) ((client * 5L + n) % uris.size())))
                        .timeout(Duration.ofSeconds(10)).build());
        List<Result.Figure> figures = new ArrayList<>(stats.figures());
        figures.add(Result.Figure.of("heap used after run", server.heapUsedMib(), "MiB"));
        return new Result(name(), "Catalogue search, " + clients + " concurrent clients",
                "`GET /api/v1/catalog/items?...&page=1&size=20`, " + QUERIES.size() + " queries (Chinese words, pinyin, "
                        + "initials, item codes, filters, empty) in a fixed order; " + clients + " closed-loop HTTP/1.1 clients "
                        + "on the same machine; " + ctx.config.warmupSeconds() + " s warm-up, " + ctx.config.seconds() + " s measured.",
                figures, List.of(Result.Target.atMost("p95 ≤ 25 ms", TARGET_P95_MS, stats.millis(95))), null);
    }

    /** Percent-encodes the values of a query string, keeping its {@code =} and {@code &}. */
    private static String encode(String query) {
        StringBuilder out = new StringBuilder();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.append(out.isEmpty() ? "" : "&").append(pair, 0, eq + 1)
                    .append(URLEncoder.encode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out.toString();
    }
}
