package org.yiwang.modeling;

import java.util.List;

import org.apache.shiro.authz.annotation.RequiresPermissions;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

@RestController
@RequestMapping("/api/v1/admin/models")
@RequiresPermissions("model:edit")
@Tag(name = "admin: model versions", description = "流程版本：运行中办件的迁移、版本回退、试运行")
class ModelVersionsController {

    private final ModelVersions versions;
    private final TestRuns testRuns;

    ModelVersionsController(ModelVersions versions, TestRuns testRuns) {
        this.versions = versions;
        this.testRuns = testRuns;
    }

    @GetMapping("/{id}/versions")
    @Operation(summary = "The deployed versions, newest first, with who deployed each and how many applications run on it")
    List<ModelVersions.Version> versions(@PathVariable long id) {
        return versions.versions(id);
    }

    @PostMapping("/{id}/migrations/dry-run")
    @RequiresPermissions("model:deploy")
    @Operation(summary = "Per running application of the old version: can it move to the new one, and if not, why (changes nothing)")
    ModelVersions.DryRun dryRun(@PathVariable long id, @RequestBody(required = false) ModelVersions.MigrationRequest request) {
        return versions.dryRun(id, request);
    }

    @PostMapping("/{id}/migrations")
    @RequiresPermissions("model:deploy")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Start migrating the running applications in the background; poll the job. 409 while another runs")
    ModelVersions.JobView migrate(@PathVariable long id, @RequestBody(required = false) ModelVersions.MigrationRequest request,
            HttpServletRequest http) {
        return versions.startMigration(id, request, http);
    }

    @GetMapping("/jobs/{id}")
    @Operation(summary = "A background job's progress: total, done, failed, and why each failure failed")
    ModelVersions.JobView job(@PathVariable long id) {
        return versions.job(id);
    }

    @PostMapping("/{id}/rollback")
    @RequiresPermissions("model:deploy")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Deploy an earlier version again as the newest, so new applications use it")
    ModelingService.Deployed rollback(@PathVariable long id, @RequestBody(required = false) ModelVersions.Rollback request,
            HttpServletRequest http) {
        return versions.rollback(id, request, http);
    }

    @GetMapping("/{id}/test-runs")
    @Operation(summary = "The model's test runs (试运行) under way")
    List<TestRuns.Row> testRuns(@PathVariable long id) {
        return testRuns.list(id);
    }

    @PostMapping("/{id}/test-runs")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Start a test run of the draft in a sandbox: a hidden test application on a separate deployment")
    TestRuns.View startTestRun(@PathVariable long id, @RequestBody(required = false) TestRuns.Start request,
            HttpServletRequest http) {
        return testRuns.start(id, request, http);
    }

    @GetMapping("/test-runs/{id}")
    @Operation(summary = "A test run: its open steps with their outcomes, the diagram with done and current steps, the timeline")
    TestRuns.View testRun(@PathVariable long id) {
        return testRuns.view(id);
    }

    @PostMapping("/test-runs/{id}/tasks/{taskId}/complete")
    @Operation(summary = "Complete an open step of a test run with one of its outcomes")
    TestRuns.View completeStep(@PathVariable long id, @PathVariable String taskId,
            @RequestBody(required = false) TestRuns.Completion request) {
        return testRuns.complete(id, taskId, request);
    }

    @DeleteMapping("/test-runs/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End a test run: its application, process and deployment are removed")
    void endTestRun(@PathVariable long id, HttpServletRequest http) {
        testRuns.end(id, http);
    }

    @ExceptionHandler(ModelRejected.class)
    ResponseEntity<ProblemDetail> rejected(ModelRejected e) {
        return e.problem();
    }
}
