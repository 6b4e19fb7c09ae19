package org.yiwang.workflow;

import org.apache.shiro.authz.annotation.Logical;
import org.apache.shiro.authz.annotation.RequiresPermissions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/workbench/tasks")
@RequiresPermissions(value = { "task:work", "task:supervise" }, logical = Logical.OR)
@Tag(name = "workbench", description = "工作台：待办、已办、辖区任务与办理操作")
class WorkbenchController {

    private final WorkbenchService workbench;

    WorkbenchController(WorkbenchService workbench) {
        this.workbench = workbench;
    }

    @GetMapping
    @Operation(summary = "The clerk's tasks: todo, done, or (supervisors) all in their region's subtree")
    PageResult<WorkbenchService.TaskView> list(@RequestParam(defaultValue = "todo") String view,
            @RequestParam(required = false) String applicationNo, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return workbench.list(view, applicationNo, Paging.of(page, size));
    }

    @GetMapping("/{taskId}")
    WorkbenchService.TaskDetail task(@PathVariable String taskId) {
        return workbench.detail(taskId);
    }

    @PostMapping("/{taskId}/{action}")
    @RequiresPermissions("task:work")
    @Operation(summary = "Act on a task: claim, unclaim, transfer, accept, refuse, supplement, review, approve, reject, "
            + "return, suspend, resume, extend")
    WorkbenchService.TaskDetail act(@PathVariable String taskId, @PathVariable String action,
            @RequestBody(required = false) WorkbenchService.ActionRequest request) {
        return workbench.act(taskId, action, request);
    }
}
