package org.yiwang.workbench;

import org.apache.shiro.authz.annotation.Logical;
import org.apache.shiro.authz.annotation.RequiresPermissions;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/workbench")
@RequiresPermissions(value = { "task:work", "task:supervise" }, logical = Logical.OR)
@Tag(name = "workbench", description = "工作台：待办、已办、辖区任务与办理操作")
class WorkbenchController {

    private final WorkbenchService workbench;
    private final Substitutions substitutions;
    private final TaskLists lists;
    private final WorkbenchEvents events;

    WorkbenchController(WorkbenchService workbench, Substitutions substitutions, TaskLists lists, WorkbenchEvents events) {
        this.workbench = workbench;
        this.substitutions = substitutions;
        this.lists = lists;
        this.events = events;
    }

    @GetMapping(value = "/events", produces = org.springframework.http.MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-sent events: the caller's to-do count (event todo) when it changes, heartbeats between; "
            + "the stream ends after a few minutes and the browser reconnects; it ends with event ended when the session ends "
            + "(logout, roles changed)")
    org.springframework.web.servlet.mvc.method.annotation.SseEmitter events() {
        return events.open();
    }

    @GetMapping("/tasks")
    @Operation(summary = "The clerk's tasks: todo, done, cc (copied to me), or (supervisors) all in their region's subtree")
    PageResult<TaskLists.TaskView> list(@RequestParam(defaultValue = "todo") String view,
            @RequestParam(required = false) String applicationNo, @RequestParam(required = false) String itemName,
            @RequestParam(required = false) String status, @RequestParam(required = false) String clock,
            @RequestParam(required = false) java.time.LocalDate receivedFrom,
            @RequestParam(required = false) java.time.LocalDate receivedTo, @RequestParam(required = false) Long agencyId,
            @RequestParam(required = false) String level, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return lists.list(new TaskLists.ListQuery(view, applicationNo, itemName, status, clock, receivedFrom,
                receivedTo, agencyId, level), Paging.of(page, size));
    }

    @GetMapping("/tasks/{taskId}")
    WorkbenchService.TaskDetail task(@PathVariable String taskId) {
        return workbench.detail(taskId);
    }

    @GetMapping("/tasks/{taskId}/signers")
    @Operation(summary = "The signers of a countersign step (会签, 或签, 依次审查): agency, done, under way or still to come")
    Countersigns.Signers signers(@PathVariable String taskId) {
        return workbench.signers(taskId);
    }

    @PostMapping("/tasks/{taskId}/{action}")
    @RequiresPermissions("task:work")
    @Operation(summary = "Act on a task: claim, unclaim, transfer, delegate, resolve, copy, accept, refuse, supplement, "
            + "review, approve, reject, return, suspend, resume, extend, addSigner (position BEFORE or AFTER on a sequential step), "
            + "removeSigner; withdraw on a done task")
    WorkbenchService.TaskDetail act(@PathVariable String taskId, @PathVariable String action,
            @RequestBody(required = false) WorkbenchService.ActionRequest request) {
        return workbench.act(taskId, action, request);
    }

    record Batch(java.util.List<String> taskIds, String opinion) {
    }

    @PostMapping("/tasks/batch/{action}")
    @RequiresPermissions("task:work")
    @Operation(summary = "Accept and approve several instant items at once; one answer per task")
    java.util.List<WorkbenchService.BatchResult> batch(@PathVariable String action, @RequestBody Batch batch) {
        return workbench.batch(action, batch.taskIds(), batch.opinion());
    }

    @GetMapping("/substitute")
    @RequiresPermissions("task:work")
    @Operation(summary = "The caller's substitute while away (代理人), or nothing")
    org.springframework.http.ResponseEntity<Substitutions.Substitution> substitute() {
        Substitutions.Substitution s = substitutions.current();
        return s == null ? org.springframework.http.ResponseEntity.noContent().build() : org.springframework.http.ResponseEntity.ok(s);
    }

    @PutMapping("/substitute")
    @RequiresPermissions("task:work")
    Substitutions.Substitution setSubstitute(@RequestBody Substitutions.Substitution substitution) {
        return substitutions.set(substitution);
    }

    @DeleteMapping("/substitute")
    @RequiresPermissions("task:work")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clearSubstitute() {
        substitutions.clear();
    }
}
