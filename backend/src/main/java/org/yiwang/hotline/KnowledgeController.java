package org.yiwang.hotline;

import org.apache.shiro.authz.annotation.Logical;
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
import org.yiwang.common.Public;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/hotline/knowledge")
@Tag(name = "hotline", description = "12345 知识库")
class KnowledgeController {

    private final KnowledgeBase knowledge;

    KnowledgeController(KnowledgeBase knowledge) {
        this.knowledge = knowledge;
    }

    @GetMapping
    @Public
    @Operation(summary = "Search the valid entries (the portal, and operators beside the intake form)")
    PageResult<KnowledgeEntry.Hit> search(@RequestParam(required = false) String q,
            @RequestParam(required = false) String classCode, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return knowledge.search(q, classCode, Paging.of(page, size));
    }

    @GetMapping("/{id}")
    @Public
    KnowledgeEntry.Hit get(@PathVariable long id) {
        return knowledge.get(id);
    }

    @GetMapping("/entries")
    @RequiresPermissions(value = { "hotline:dispatch", "hotline:handle" }, logical = Logical.OR)
    @Operation(summary = "Maintainers' list: every entry for the centre, the agency's own for its clerks; reviewDue = past the review date")
    PageResult<KnowledgeEntry> entries(@RequestParam(required = false) String q,
            @RequestParam(required = false) Boolean reviewDue, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return knowledge.entries(q, reviewDue, Paging.of(page, size));
    }

    @PostMapping("/entries")
    @RequiresPermissions(value = { "hotline:dispatch", "hotline:handle" }, logical = Logical.OR)
    @ResponseStatus(HttpStatus.CREATED)
    KnowledgeEntry create(@RequestBody KnowledgeBase.Change change) {
        return knowledge.create(change);
    }

    @PutMapping("/entries/{id}")
    @RequiresPermissions(value = { "hotline:dispatch", "hotline:handle" }, logical = Logical.OR)
    @Operation(summary = "Change an entry (with its version); a new review date clears its review flag")
    KnowledgeEntry update(@PathVariable long id, @RequestBody KnowledgeBase.Change change) {
        return knowledge.update(id, change);
    }
}
