package org.yiwang.search;

import java.util.List;

import org.apache.shiro.authz.annotation.RequiresPermissions;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

@RestController
@RequestMapping("/api/v1/admin/search")
@RequiresPermissions("item:edit")
@Tag(name = "admin: search", description = "搜索同义词表与无结果搜索词")
class SynonymAdminController {

    private final SynonymService synonyms;

    SynonymAdminController(SynonymService synonyms) {
        this.synonyms = synonyms;
    }

    @GetMapping("/synonyms")
    @Operation(summary = "The synonym list", description = "同义词与俗称表（全省通用）")
    List<Synonym> list() {
        return synonyms.list();
    }

    @PostMapping("/synonyms")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a synonym (province item administrators)", description = "新增同义词：term 俗称，expansion 规范用词")
    Synonym add(@RequestBody(required = false) SynonymService.NewSynonym request, HttpServletRequest http) {
        return synonyms.add(request, http);
    }

    @DeleteMapping("/synonyms/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a synonym (province item administrators)", description = "删除同义词")
    void remove(@PathVariable long id, HttpServletRequest http) {
        synonyms.remove(id, http);
    }

    @GetMapping("/misses")
    @Operation(summary = "Queries that found nothing, most frequent first", description = "无结果搜索词，按次数排序")
    PageResult<Miss> misses(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return synonyms.misses(Paging.of(page, size));
    }
}
