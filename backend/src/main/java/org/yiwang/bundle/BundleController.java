package org.yiwang.bundle;

import java.util.List;

import org.apache.shiro.authz.annotation.RequiresPermissions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.common.Public;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Bundles in the public catalogue (DESIGN §6), and their composition by the province's item administrators. */
@RestController
@Tag(name = "bundles", description = "一件事一次办：一件事目录、情形引导、合并表单与材料")
class BundleController {

    private final BundleService bundles;

    BundleController(BundleService bundles) {
        this.bundles = bundles;
    }

    @GetMapping("/api/v1/catalog/bundles")
    @Public
    @Operation(summary = "Life-event bundles (一件事) with their items", description = "一件事列表（公开）：编码、名称、包含的事项")
    List<BundleService.Summary> list() {
        return bundles.list();
    }

    @GetMapping("/api/v1/catalog/bundles/{code}")
    @Public
    @Operation(summary = "One bundle's guide: questions, merged form and materials, its items in a place",
            description = "一件事指南（公开）：情形引导问题、合并表单、合并材料清单；regionCode 为办理地点（默认全省）")
    BundleService.Detail detail(@PathVariable String code, @RequestParam(required = false) String regionCode) {
        return bundles.detail(code, regionCode);
    }

    @PutMapping("/api/v1/admin/bundles/{code}")
    @RequiresPermissions("item:edit")
    @Operation(summary = "Create or replace a bundle; refused with every reason when it does not hold together",
            description = "保存一件事（省级事项管理员）：顺序成环、字段映射为两种类型、事项未发布等均拒绝并说明原因；修改时带 version")
    BundleService.Detail save(@PathVariable String code, @RequestParam(required = false) Integer version,
            @RequestBody(required = false) BundleDefinition definition) {
        return bundles.save(code, definition, version);
    }
}
