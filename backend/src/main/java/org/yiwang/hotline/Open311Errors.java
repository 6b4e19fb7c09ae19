package org.yiwang.hotline;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.yiwang.common.ApiException;

/** Open311's error format: an array of {@code {code, description}} with the HTTP status as the code. */
@RestControllerAdvice(assignableTypes = Open311Controller.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class Open311Errors {

    private static final Logger log = LoggerFactory.getLogger(Open311Errors.class);

    record Error311(int code, String description) {
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<List<Error311>> api(ApiException e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        if (e.retryAfterSeconds() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        }
        String field = e.parameter() == null ? "" : e.parameter() + ": ";
        return answer.body(List.of(new Error311(e.status().value(), field + e.getMessage())));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<List<Error311>> other(Exception e) {
        HttpStatusCode status = e instanceof ErrorResponse r ? r.getStatusCode() : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.is5xxServerError()) {
            log.error("Open311 request failed", e);
        }
        String description = status.is4xxClientError() ? "请求格式不正确" : "服务暂时不可用，请稍后重试";
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(List.of(new Error311(status.value(), description)));
    }
}
