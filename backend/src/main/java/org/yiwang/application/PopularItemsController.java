package org.yiwang.application;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.common.Public;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "portal", description = "门户公开数据")
class PopularItemsController {

    private final PopularItems popular;

    PopularItemsController(PopularItems popular) {
        this.popular = popular;
    }

    @GetMapping("/api/v1/portal/popular-items")
    @Public
    @Operation(summary = "热门事项: the items most applied for in the last days (a fixed everyday list only while there are no applications)",
            description = "按最近 days 天（1–365，默认 30）提交的办件数排序的事项，最多 limit 个（1–20，默认 8）；counted=false 表示尚无办件，"
                    + "答复的是常办事项的固定清单。答复缓存 5 分钟")
    ResponseEntity<PopularItems.Answer> popular(@RequestParam(required = false) Integer days,
            @RequestParam(required = false) Integer limit) {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic())
                .body(popular.popular(days, limit));
    }
}
