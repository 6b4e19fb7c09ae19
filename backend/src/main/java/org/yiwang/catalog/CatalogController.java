package org.yiwang.catalog;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.common.Public;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.region.ServiceLevel;
import org.yiwang.workflow.WorkflowService;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Public
@RequestMapping("/api/v1/catalog")
@Tag(name = "catalog", description = "事项目录与办事指南（公开）")
class CatalogController {

    private final CatalogService catalog;
    private final WorkflowService workflow;
    private final ItemGuide guides;

    CatalogController(CatalogService catalog, WorkflowService workflow, ItemGuide guides) {
        this.guides = guides;
        this.catalog = catalog;
        this.workflow = workflow;
    }

    @GetMapping("/items")
    @Operation(summary = "Search items by Chinese words, pinyin, initials or code, with filters",
            description = "事项搜索（公开，可嵌入门户）：q 为中文、拼音、首字母或事项编码；level 行使层级，regionCode 区划（含下级），"
                    + "agencyId 实施部门，type 事项类型代码，audience 服务对象（NATURAL_PERSON 个人、LEGAL_PERSON 法人），"
                    + "event 人生事件，near 办事地点（该地及上级的事项排前）；分页 page 从 1 起，size ≤ 100")
    PageResult<Item> search(@RequestParam(required = false) String q,
            @RequestParam(required = false) ServiceLevel level,
            @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) Long agencyId,
            @RequestParam(required = false) Integer type,
            @RequestParam(required = false) String audience,
            @RequestParam(required = false) String event,
            @RequestParam(required = false) String near,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return catalog.search(new CatalogQuery(q, level, regionCode, agencyId, type, audience, event, near),
                Paging.of(page, size));
    }

    @GetMapping("/facets")
    @Operation(summary = "How many matches each item type and level has, for grouping search results",
            description = "按事项类型与行使层级统计的命中数（公开），筛选参数同事项搜索")
    CatalogService.Facets facets(@RequestParam(required = false) String q,
            @RequestParam(required = false) ServiceLevel level,
            @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) Long agencyId,
            @RequestParam(required = false) Integer type,
            @RequestParam(required = false) String audience,
            @RequestParam(required = false) String event) {
        return catalog.facets(new CatalogQuery(q, level, regionCode, agencyId, type, audience, event, null));
    }

    @GetMapping("/life-events")
    @Operation(summary = "Life events (出生, 上学, 就业 …) with their item counts", description = "人生事件主题及其事项数（公开）")
    java.util.List<java.util.Map<String, Object>> lifeEvents() {
        return catalog.lifeEvents();
    }

    @GetMapping("/items/{code}")
    @Operation(summary = "One item's full guide", description = "办事指南：事项编码、名称、类型、实施主体、层级、时限、"
            + "办件类型、服务对象、申请材料、收费、到现场次数、网办深度、设定依据、咨询与投诉电话、办理流程")
    ItemDetail item(@PathVariable String code) {
        return catalog.get(code);
    }

    @GetMapping("/items/{code}/application-form")
    @Operation(summary = "The item's application form as a PDF: blank (空白表格), or with example values (示例样表) when sample=true",
            description = "由事项申请表单生成；未绑定表单的事项为通用申请表（申请事由、联系人、联系电话）")
    ResponseEntity<byte[]> applicationForm(@PathVariable String code, @RequestParam(defaultValue = "false") boolean sample) {
        byte[] pdf = catalog.applicationFormPdf(code, sample);
        String name = code + (sample ? "-示例样表.pdf" : "-空白表格.pdf");
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, (sample ? ContentDisposition.inline() : ContentDisposition.attachment())
                        .filename(name, StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600")
                .body(pdf);
    }

    @GetMapping("/items/{code}/guide")
    @Operation(summary = "The item's guide as a resident reads it: numbered steps with who and how long, conditions, office, fees, FAQ",
            description = "办事指南（居民版）：办理步骤（由流程模板的人工环节与事项时限得出：谁办理、约几个工作日）、受理条件、"
                    + "办理地点与时间、收费、常见问题。目录缺少的受理条件与常见问题按事项数据确定性生成")
    ItemGuide.Guide guide(@PathVariable String code) {
        return guides.of(code);
    }

    @GetMapping("/items/{code}/process")
    @Operation(summary = "The item's process as BPMN 2.0 XML, without any case in it, for drawing on the guide page",
            description = "办理流程图：事项所用流程模板（即办件、承诺件、联办、跨层级）的最新部署版本；completed 与 active 为空")
    WorkflowService.Diagram process(@PathVariable String code) {
        return workflow.template(catalog.item(code).processKey());
    }
}
