package org.yiwang.modeling;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing wrong with a model, on the element the modeller should highlight (null: the whole file) and, where one
 * attribute is at fault, that attribute as written in the XML (e.g. {@code flowable:candidateGroups}, or the child
 * element {@code conditionExpression}).
 */
public record Problem(String elementId, @JsonInclude(JsonInclude.Include.NON_NULL) String attribute, String message,
        Severity severity) {

    public enum Severity {
        /** Blocks deployment. */
        ERROR,
        /** Worth a look; deployment goes ahead. */
        WARNING
    }

    public Problem(String elementId, String message, Severity severity) {
        this(elementId, null, message, severity);
    }

    static Problem error(String elementId, String message) {
        return new Problem(elementId, message, Severity.ERROR);
    }

    boolean blocking() {
        return severity == Severity.ERROR;
    }
}
