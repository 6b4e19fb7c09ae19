package org.yiwang.modeling;

/** One thing wrong with a model, on the element the modeller should highlight (null: the whole file). */
public record Problem(String elementId, String message, Severity severity) {

    public enum Severity {
        /** Blocks deployment. */
        ERROR,
        /** Worth a look; deployment goes ahead. */
        WARNING
    }

    static Problem error(String elementId, String message) {
        return new Problem(elementId, message, Severity.ERROR);
    }

    boolean blocking() {
        return severity == Severity.ERROR;
    }
}
