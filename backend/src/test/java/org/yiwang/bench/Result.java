package org.yiwang.bench;

import java.util.List;

/**
 * What one benchmark measured; {@code error} is set instead of figures when it failed. {@code notes} carry what
 * the figures alone do not say, e.g. the first answers of requests that failed under load.
 */
record Result(String name, String title, String setup, List<Figure> figures, List<Target> targets, List<String> notes,
        String error) {

    Result(String name, String title, String setup, List<Figure> figures, List<Target> targets, String error) {
        this(name, title, setup, figures, targets, List.of(), error);
    }

    static Result failed(Benchmark b, Throwable e) {
        return new Result(b.name(), null, null, List.of(), List.of(), e.toString());
    }

    /** A measured value; {@code value} is null when it could not be obtained (e.g. heap without actuator). */
    record Figure(String name, Double value, String unit) {

        static Figure of(String name, Double value, String unit) {
            return new Figure(name, value == null ? null : Math.round(value * 100) / 100.0, unit);
        }
    }

    /** A target of the issues, e.g. "p95 ≤ 25 ms", and whether this run met it. */
    record Target(String description, double limit, double actual, boolean met) {

        static Target atMost(String description, double limit, double actual) {
            return new Target(description, limit, Math.round(actual * 100) / 100.0, actual <= limit);
        }

        static Target atLeast(String description, double limit, double actual) {
            return new Target(description, limit, Math.round(actual * 100) / 100.0, actual >= limit);
        }
    }
}
