package org.yiwang.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 15: the smart search and the assistant on the residents' query set (src/test/resources/search/queries.tsv):
 * search hit@5, p95 of search and of suggestions at the configured clients (16), and the assistant's top-3 accuracy
 * and p95 over the same set asked as questions ("请问{query}怎么办理？"), one question at a time.
 */
final class SmartSearchBenchmark implements Benchmark {

    private static final double TARGET_SUGGEST_P95_MS = 30;
    private static final double TARGET_ASSISTANT_P95_MS = 200;
    private static final double TARGET_HIT_AT_5 = 0.9;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Query(String text, Set<String> names) {
    }

    @Override
    public String name() {
        return "smart-search";
    }

    @Override
    public Result run(BenchContext ctx) throws Exception {
        AppServer server = ctx.server();
        List<Query> queries = querySet();

        int searchHits = 0;
        int assistantHits = 0;
        Histogram assistantMicros = new Histogram(60_000_000L, 3);
        List<String> misses = new ArrayList<>();
        for (Query q : queries) {
            JsonNode found = get(ctx, server.baseUrl + "/api/v1/search?size=5&q=" + encode(q.text()));
            if (anyNamed(found.path("items"), 5, q.names())) {
                searchHits++;
            } else {
                misses.add(q.text());
            }
            String question = "请问" + q.text() + "怎么办理？";
            long start = System.nanoTime();
            JsonNode answer = post(ctx, server.baseUrl + "/api/v1/assistant/ask",
                    JSON.writeValueAsString(java.util.Map.of("question", question)));
            assistantMicros.recordValue((System.nanoTime() - start) / 1000);
            if (anyNamed(answer.path("items"), 3, q.names())) {
                assistantHits++;
            }
        }
        double hitAt5 = searchHits / (double) queries.size();
        double top3 = assistantHits / (double) queries.size();
        double assistantP95 = assistantMicros.getValueAtPercentile(95) / 1000.0;

        List<URI> searches = queries.stream().map(q -> URI.create(server.baseUrl + "/api/v1/search?q=" + encode(q.text()))).toList();
        // What is typed on the way to each query: its first one, two and three characters.
        List<URI> suggests = queries.stream().flatMap(q -> java.util.stream.IntStream.rangeClosed(1, Math.min(3, q.text().length()))
                .mapToObj(n -> URI.create(server.baseUrl + "/api/v1/search/suggest?q=" + encode(q.text().substring(0, n))))).toList();
        int clients = ctx.config.clients();
        LoadGenerator.Stats search = load(ctx, searches);
        LoadGenerator.Stats suggest = load(ctx, suggests);

        List<Result.Figure> figures = new ArrayList<>();
        figures.add(Result.Figure.of("search hit@5", hitAt5, "ratio"));
        figures.add(Result.Figure.of("assistant top-3 accuracy", top3, "ratio"));
        figures.add(Result.Figure.of("assistant p95 (1 client)", assistantP95, "ms"));
        figures.add(Result.Figure.of("search throughput", search.throughput(), "req/s"));
        figures.add(Result.Figure.of("search p95", search.millis(95), "ms"));
        figures.add(Result.Figure.of("search errors", (double) search.errors(), "count"));
        figures.add(Result.Figure.of("suggest throughput", suggest.throughput(), "req/s"));
        figures.add(Result.Figure.of("suggest p95", suggest.millis(95), "ms"));
        figures.add(Result.Figure.of("suggest errors", (double) suggest.errors(), "count"));
        return new Result(name(), "Smart search and assistant, " + clients + " concurrent clients",
                queries.size() + " residents' queries with the items they mean (search/queries.tsv): hit@5 of "
                        + "`GET /api/v1/search`, the assistant's top-3 over the same queries asked as questions "
                        + "(`POST /api/v1/assistant/ask`, one at a time); then " + clients + " closed-loop clients on "
                        + "`/api/v1/search?q=` (the queries) and `/api/v1/search/suggest?q=` (their first 1–3 characters), "
                        + ctx.config.warmupSeconds() + " s warm-up and " + ctx.config.seconds() + " s measured each.",
                figures,
                List.of(Result.Target.atLeast("search hit@5 ≥ 0.9", TARGET_HIT_AT_5, hitAt5),
                        Result.Target.atMost("suggest p95 ≤ 30 ms", TARGET_SUGGEST_P95_MS, suggest.millis(95)),
                        Result.Target.atMost("assistant p95 ≤ 200 ms", TARGET_ASSISTANT_P95_MS, assistantP95)),
                misses.isEmpty() ? List.of() : List.of("search misses: " + String.join("、", misses)), null);
    }

    private static LoadGenerator.Stats load(BenchContext ctx, List<URI> uris) throws Exception {
        return LoadGenerator.run(ctx.http, ctx.config.clients(), Duration.ofSeconds(ctx.config.warmupSeconds()),
                Duration.ofSeconds(ctx.config.seconds()),
                (client, n) -> HttpRequest.newBuilder(uris.get((int) ((client * 7L + n) % uris.size())))
                        .timeout(Duration.ofSeconds(10)).build());
    }

    private static boolean anyNamed(JsonNode items, int first, Set<String> names) {
        for (int i = 0; i < Math.min(first, items.size()); i++) {
            if (names.contains(items.get(i).path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode get(BenchContext ctx, String uri) throws IOException, InterruptedException {
        return JSON.readTree(ctx.http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
                BodyHandlers.ofString()).body());
    }

    private static JsonNode post(BenchContext ctx, String uri, String body) throws IOException, InterruptedException {
        return JSON.readTree(ctx.http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                BodyHandlers.ofString()).body());
    }

    private static List<Query> querySet() throws IOException {
        try (InputStream in = SmartSearchBenchmark.class.getResourceAsStream("/search/queries.tsv")) {
            if (in == null) {
                throw new IOException("search/queries.tsv is not on the benchmark's class path");
            }
            List<Query> queries = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] f = line.split("\t");
                    queries.add(new Query(f[0].trim(), Set.copyOf(Arrays.asList(f[1].trim().split("\\|")))));
                }
            }
            return queries;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
