package org.yiwang.search;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.common.Paging;
import org.yiwang.common.Public;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Public
@RequestMapping("/api/v1/search")
@Tag(name = "search", description = "智能搜索（公开，可供其他政府网站调用）")
class SearchController {

    private final SearchService search;

    SearchController(SearchService search) {
        this.search = search;
    }

    @GetMapping
    @Operation(summary = "Search the catalogue: one result per catalogue entry with the places that offer it",
            description = "搜索即服务：q 为中文、俗称（驾照、开超市…）、拼音、首字母或事项编码；每个基本目录事项一条结果，"
                    + "regionCode（或登录用户的区划）所在地的实施事项排前；audience 服务对象（NATURAL_PERSON、LEGAL_PERSON）；lifeEvents 为结果所属的人生事件主题；expandedWith 为所用同义词，查无结果时 didYouMean 给出建议")
    SearchService.Answer search(@RequestParam(required = false) String q, @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) String audience, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return search.search(q, regionCode, audience, Paging.of(page, size));
    }

    @GetMapping("/suggest")
    @Operation(summary = "Item names completing what is being typed", description = "输入提示：与输入匹配的事项名称（至多 8 个）")
    Map<String, List<String>> suggest(@RequestParam(required = false) String q) {
        return Map.of("suggestions", search.suggest(q));
    }
}
