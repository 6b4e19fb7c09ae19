package org.yiwang.common;

import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A failure the client can act on. Rendered as an RFC 9457 problem detail whose {@code code} is stable
 * and whose message is meant for people (Chinese first).
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String parameter;
    private final transient List<FieldProblem> errors;
    /** When the client may try again (the Retry-After header), for refusals that lift by themselves. */
    private final Duration retryAfter;

    /** One bad field of a request body, e.g. {@code materials[2].copies}. */
    public record FieldProblem(String field, String message) {
    }

    public ApiException(HttpStatus status, String code, String message, String parameter) {
        this(status, code, message, parameter, List.of());
    }

    private ApiException(HttpStatus status, String code, String message, String parameter, List<FieldProblem> errors) {
        this(status, code, message, parameter, errors, null);
    }

    private ApiException(HttpStatus status, String code, String message, String parameter, List<FieldProblem> errors,
            Duration retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.parameter = parameter;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** A refusal that lifts by itself (429 throttled, 503 busy): the answer says when to try again. */
    public static ApiException retryLater(HttpStatus status, String code, String message, Duration after) {
        return new ApiException(status, code, message, null, List.of(), after);
    }

    /** A 400 naming every bad field at once, so a form can mark them all; {@code parameter} is the first. */
    public static ApiException invalidFields(String code, String message, List<FieldProblem> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, message + "：" + errors.get(0).message(),
                errors.get(0).field(), errors);
    }

    public static ApiException badParameter(String parameter, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", message, parameter);
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, message, null);
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "NOT_FOUND", what + " 不存在", null);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(HttpStatus.CONFLICT, code, message, null);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", message, null);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String parameter() {
        return parameter;
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    /** Whole seconds, at least one; null when the refusal does not lift by itself. */
    public Long retryAfterSeconds() {
        return retryAfter == null ? null : Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
