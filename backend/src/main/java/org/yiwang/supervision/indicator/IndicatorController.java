package org.yiwang.supervision.indicator;

import org.apache.shiro.authz.annotation.RequiresPermissions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.ResponseEntity;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.common.Public;
import org.yiwang.supervision.export.Workbooks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "supervision", description = "电子监察指标与办件公示")
class IndicatorController {

    private final IndicatorService indicators;

    IndicatorController(IndicatorService indicators) {
        this.indicators = indicators;
    }

    @GetMapping("/api/v1/supervision/indicators")
    @RequiresPermissions("supervision:read")
    @Operation(summary = "Supervision figures of a region in the caller's subtree over a period (Asia/Shanghai days)")
    Indicators indicators(@RequestParam(required = false) String regionCode, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) Long agencyId) {
        return indicators.indicators(regionCode, from, to, agencyId);
    }

    @GetMapping("/api/v1/supervision/indicators/cases")
    @RequiresPermissions("supervision:read")
    @Operation(summary = "Drill-down: the cases behind one counting figure of the dashboard (same scope and period), newest first")
    PageResult<IndicatorService.DrillCase> cases(@RequestParam(required = false) String figure,
            @RequestParam(required = false) String regionCode, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) Long agencyId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return indicators.cases(figure, regionCode, from, to, agencyId, Paging.of(page, size));
    }

    @GetMapping("/api/v1/supervision/indicators/export")
    @RequiresPermissions("supervision:read")
    @Operation(summary = "The dashboard's figures (with their definitions), daily trend and agencies as an Excel workbook")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String regionCode, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) Long agencyId) {
        return Workbooks.download("电子监察指标.xlsx", indicators.export(regionCode, from, to, agencyId));
    }

    @GetMapping("/api/v1/portal/statistics")
    @Public
    @Operation(summary = "办件公示: today's received and concluded applications and this year's satisfaction, province-wide")
    Indicators.Public statistics() {
        return indicators.publicFigures();
    }
}
