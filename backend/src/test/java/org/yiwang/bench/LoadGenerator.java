package org.yiwang.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Closed-loop HTTP load: each client sends its next request when the previous one has answered. Requests
 * that start during the warm-up are not measured; latency is recorded in microseconds.
 */
final class LoadGenerator {

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(1);

    /** The n-th request of a client; must be deterministic so runs are comparable. */
    @FunctionalInterface
    interface Plan {
        HttpRequest request(int client, long n);
    }

    /** An answer outside 2xx (201 for what a POST creates) or no answer at all is an error. */
    record Stats(long requests, long errors, double seconds, Histogram latencyMicros) {

        double throughput() {
            return requests / seconds;
        }

        double millis(double percentile) {
            return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }

        List<Result.Figure> figures() {
            return List.of(
                    Result.Figure.of("throughput", throughput(), "req/s"),
                    Result.Figure.of("p50", millis(50), "ms"),
                    Result.Figure.of("p95", millis(95), "ms"),
                    Result.Figure.of("p99", millis(99), "ms"),
                    Result.Figure.of("max", latencyMicros.getMaxValue() / 1000.0, "ms"),
                    Result.Figure.of("requests", (double) requests, "count"),
                    Result.Figure.of("errors", (double) errors, "count"));
        }
    }

    private record Tally(Histogram histogram, long errors) {
    }

    static Stats run(HttpClient http, int clients, Duration warmup, Duration measured, Plan plan) throws Exception {
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long measureTo = measureFrom + measured.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Tally>> tallies = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                tallies.add(pool.submit(() -> client(http, plan, client, measureFrom, measureTo)));
            }
            Histogram all = new Histogram(MAX_MICROS, 3);
            long errors = 0;
            for (Future<Tally> t : tallies) {
                all.add(t.get().histogram());
                errors += t.get().errors();
            }
            return new Stats(all.getTotalCount(), errors, measured.toNanos() / 1e9, all);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Tally client(HttpClient http, Plan plan, int client, long measureFrom, long measureTo)
            throws InterruptedException {
        Histogram histogram = new Histogram(MAX_MICROS, 3);
        long errors = 0;
        for (long n = 0; ; n++) {
            long start = System.nanoTime();
            if (start >= measureTo) {
                return new Tally(histogram, errors);
            }
            boolean ok;
            try {
                ok = http.send(plan.request(client, n), BodyHandlers.discarding()).statusCode() / 100 == 2;
            } catch (IOException e) {
                ok = false;
            }
            if (start >= measureFrom) {
                histogram.recordValue(Math.min(MAX_MICROS, (System.nanoTime() - start) / 1000));
                if (!ok) {
                    errors++;
                }
            }
        }
    }
}
