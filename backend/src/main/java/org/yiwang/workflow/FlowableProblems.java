package org.yiwang.workflow;

import org.flowable.common.engine.api.FlowableObjectNotFoundException;
import org.flowable.common.engine.api.FlowableOptimisticLockingException;
import org.flowable.common.engine.api.FlowableTaskAlreadyClaimedException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The engine's concurrency failures are the losing side of a race: a 409, never a 500; a refused expression a 422. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class FlowableProblems {

    @ExceptionHandler({ FlowableOptimisticLockingException.class, FlowableTaskAlreadyClaimedException.class })
    ResponseEntity<ProblemDetail> conflict(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, "CONCURRENT_UPDATE", "该任务已被他人处理或签收，请刷新后重试");
    }

    @ExceptionHandler(FlowableObjectNotFoundException.class)
    ResponseEntity<ProblemDetail> gone(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, "TASK_ALREADY_HANDLED", "该任务已被处理，请刷新待办列表");
    }

    /** A model's expression outside the platform's expression language: the model is at fault, not the server. */
    @ExceptionHandler(ForbiddenExpression.class)
    ResponseEntity<ProblemDetail> forbiddenExpression(ForbiddenExpression e) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "EXPRESSION_FORBIDDEN", e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        return ResponseEntity.status(status).body(problem);
    }
}
