package org.yiwang.supervision.assessment;

import org.apache.shiro.authz.annotation.RequiresPermissions;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.supervision.export.Workbooks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "supervision", description = "绩效考核")
@RequiresPermissions("supervision:read")
class AssessmentController {

    private final AssessmentService assessment;

    AssessmentController(AssessmentService assessment) {
        this.assessment = assessment;
    }

    @GetMapping("/api/v1/supervision/assessment/indicators")
    @Operation(summary = "A year's indicator system: measures with weights and targets (defaults until the province sets them)")
    Assessment.IndicatorSystem indicators(@RequestParam(required = false) Integer year) {
        return assessment.indicatorSystem(year);
    }

    @PutMapping("/api/v1/supervision/assessment/indicators")
    @Operation(summary = "Set a year's indicator system (the province's supervisors)")
    Assessment.IndicatorSystem setIndicators(@RequestParam(required = false) Integer year, @RequestBody Assessment.IndicatorsBody body) {
        return assessment.setIndicatorSystem(year, body);
    }

    @GetMapping("/api/v1/supervision/assessment/ranking")
    @Operation(summary = "A month's ranking of 市县区 (kind=REGION) or agencies (kind=AGENCY) with each score's explanation")
    Assessment.Ranking ranking(@RequestParam(required = false) String month, @RequestParam(required = false) String kind) {
        return assessment.ranking(month, kind);
    }

    @GetMapping("/api/v1/supervision/assessment/ranking/export")
    @Operation(summary = "A month's ranking as an Excel workbook")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String month, @RequestParam(required = false) String kind) {
        return Workbooks.download("绩效考核排名.xlsx", assessment.export(month, kind));
    }

    @PostMapping("/api/v1/supervision/assessment/months/{month}/close")
    @Operation(summary = "Close a month (the province, once): its scores are frozen with their explanations")
    Assessment.Ranking close(@PathVariable String month) {
        return assessment.close(month);
    }
}
