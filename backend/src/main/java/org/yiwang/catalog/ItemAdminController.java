package org.yiwang.catalog;

import java.util.List;
import java.util.Map;

import org.apache.shiro.authz.annotation.RequiresPermissions;
import org.springframework.http.HttpStatus;
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
import org.yiwang.workflow.WorkflowService;

import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

@RestController
@RequestMapping("/api/v1/admin")
@RequiresPermissions("item:edit")
@Tag(name = "admin: items", description = "事项管理：办事指南、材料、流程与表单的绑定、发布与版本；申请表单")
class ItemAdminController {

    private final ItemAdminService items;
    private final FormService forms;

    ItemAdminController(ItemAdminService items, FormService forms) {
        this.items = items;
        this.forms = forms;
    }

    @GetMapping("/items")
    @Operation(summary = "Items of the administrator's region, published or not, by name or code")
    PageResult<Item> list(@RequestParam(required = false) String q, @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return items.list(q, status, Paging.of(page, size));
    }

    @PostMapping("/items")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an item (unpublished, version 1) with a code in the catalogue's scheme")
    ItemDetail create(@RequestBody ItemAdminService.ItemEdit edit, HttpServletRequest http) {
        return items.create(edit, http);
    }

    @GetMapping("/items/process-options")
    @Operation(summary = "The deployed processes an item may bind: templates and deployed models")
    List<WorkflowService.Process> processes() {
        return items.processes();
    }

    @GetMapping("/items/{code}")
    ItemDetail get(@PathVariable String code) {
        return items.get(code);
    }

    @PutMapping("/items/{code}")
    @Operation(summary = "Edit an item; send the version you read (a stale one answers 409)")
    ItemDetail update(@PathVariable String code, @RequestBody ItemAdminService.ItemEdit edit, HttpServletRequest http) {
        return items.update(code, edit, http);
    }

    @PostMapping("/items/{code}/publish")
    ItemDetail publish(@PathVariable String code, @RequestBody ItemAdminService.VersionRef ref, HttpServletRequest http) {
        return items.publish(code, ref, true, http);
    }

    @PostMapping("/items/{code}/unpublish")
    ItemDetail unpublish(@PathVariable String code, @RequestBody ItemAdminService.VersionRef ref, HttpServletRequest http) {
        return items.publish(code, ref, false, http);
    }

    @GetMapping("/items/{code}/versions")
    @Operation(summary = "The item's history, newest first")
    List<ItemAdminService.Version> versions(@PathVariable String code) {
        return items.versions(code);
    }

    @GetMapping("/items/{code}/versions/{version}")
    @Operation(summary = "The item as it was in one version")
    JsonNode version(@PathVariable String code, @PathVariable int version) {
        return items.version(code, version);
    }

    @GetMapping("/forms")
    @Operation(summary = "The latest version of every application form")
    List<FormDefinition> forms() {
        return forms.latest();
    }

    @PostMapping("/forms")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Save a form: a new key starts at version 1, a known key gets its next version")
    FormDefinition saveForm(@RequestBody FormService.FormDraft draft, HttpServletRequest http) {
        return forms.save(draft, http);
    }

    @GetMapping("/forms/patterns")
    @Operation(summary = "The named patterns a text field may be checked against: mobile (手机号码), idCard (身份证号), uscc (统一社会信用代码) …")
    Map<String, String> formPatterns() {
        return StandardForms.get().patterns();
    }

    @GetMapping("/forms/{key}")
    @Operation(summary = "Every version of one form, newest first")
    List<FormDefinition> formVersions(@PathVariable String key) {
        return forms.versions(key);
    }

    @GetMapping("/forms/{key}/versions/{version}")
    FormDefinition form(@PathVariable String key, @PathVariable int version) {
        return forms.get(key, version);
    }
}
