package org.yiwang.modeling;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** A model the platform cannot store or deploy, answered as a problem detail listing each problem. */
class ModelRejected extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final transient List<Problem> errors;

    ModelRejected(HttpStatus status, String code, String message, List<Problem> errors) {
        super(message);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    /** The file itself is unusable: not XML, not BPMN, unsafe, empty. */
    static ModelRejected invalidFile(String message) {
        return new ModelRejected(HttpStatus.BAD_REQUEST, "INVALID_MODEL", "BPMN 模型无法读取：" + message,
                List.of(Problem.error(null, message)));
    }

    /** The problem detail answered for it, with each problem under {@code errors}. */
    ResponseEntity<ProblemDetail> problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        problem.setProperty("errors", errors);
        return ResponseEntity.status(status).body(problem);
    }
}
