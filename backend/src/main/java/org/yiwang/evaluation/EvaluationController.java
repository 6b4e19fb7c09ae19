package org.yiwang.evaluation;

import org.apache.shiro.authz.annotation.RequiresAuthentication;
import org.apache.shiro.authz.annotation.RequiresPermissions;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "evaluation", description = "好差评与差评整改")
class EvaluationController {

    private final EvaluationService evaluations;

    EvaluationController(EvaluationService evaluations) {
        this.evaluations = evaluations;
    }

    @PostMapping("/api/v1/applications/{no}/evaluation")
    @RequiresPermissions("evaluation:rate")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Rate the service once the application has its outcome (5 非常满意 … 1 非常不满意)")
    Evaluation rate(@PathVariable String no, @RequestBody EvaluationService.Rating rating) {
        return evaluations.rate(no, rating);
    }

    @GetMapping("/api/v1/applications/{no}/evaluation")
    @RequiresAuthentication
    Evaluation rating(@PathVariable String no) {
        return evaluations.of(no);
    }

    @GetMapping("/api/v1/evaluations/rectifications")
    @RequiresPermissions("task:supervise")
    @Operation(summary = "Unsatisfied ratings to rectify in the supervisor's region")
    PageResult<Evaluation> rectifications(@RequestParam(required = false) String status,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return evaluations.rectifications(status == null || status.isBlank() ? null : status, Paging.of(page, size));
    }

    record Note(String note) {
    }

    @PostMapping("/api/v1/evaluations/{id}/rectify")
    @RequiresPermissions("task:supervise")
    Evaluation rectify(@PathVariable long id, @RequestBody Note note) {
        return evaluations.rectified(id, note.note());
    }

    @PostMapping("/api/v1/evaluations/{id}/callback")
    @RequiresPermissions("task:supervise")
    @Operation(summary = "Close a rectification with the call-back to the applicant (回访)")
    Evaluation callback(@PathVariable long id, @RequestBody Note note) {
        return evaluations.calledBack(id, note.note());
    }
}
