package org.yiwang.supervision.assessment;

import java.time.LocalDateTime;
import java.util.List;

/** The records the assessment routes answer and take. */
public final class Assessment {

    private Assessment() {
    }

    /** One indicator of a year's system: the measure, its weight (points) and the target that earns them in full. */
    public record Indicator(String code, String name, String formula, double weight, double target) {
    }

    /** A year's indicator system; {@code defaults} when nobody has set one for the year. */
    public record IndicatorSystem(int year, boolean defaults, String updatedBy, LocalDateTime updatedAt, List<Indicator> indicators) {
    }

    public record IndicatorInput(String code, Double weight, Double target) {
    }

    public record IndicatorsBody(List<IndicatorInput> indicators) {
    }

    /**
     * How one measure scored: its value, the points it gave ({@code weight × min(1, value ÷ target)}) and the facts
     * it was computed from. {@code value} and {@code points} are null when there were no facts.
     */
    public record Line(String code, String name, double weight, double target, Double value, Double points, String facts) {
    }

    /** A subject's score (0–100: its points over the weights of the measures it had facts for), rank and explanation. */
    public record Score(int rank, String subjectId, String subjectName, String regionCode, double score, List<Line> lines) {
    }

    /** A month's ranking of agencies or of 市县区; frozen once the month is closed. */
    public record Ranking(String month, String kind, boolean closed, LocalDateTime closedAt, String closedBy, List<Score> rows) {
    }
}
