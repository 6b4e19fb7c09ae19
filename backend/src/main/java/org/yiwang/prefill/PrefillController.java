package org.yiwang.prefill;

import org.apache.shiro.authz.annotation.RequiresPermissions;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "applications", description = "办件：申报、材料、提交、撤回、补正、查询")
class PrefillController {

    private final PrefillService prefill;

    PrefillController(PrefillService prefill) {
        this.prefill = prefill;
    }

    @GetMapping("/api/v1/applications/prefill")
    @RequiresPermissions("application:apply")
    @Operation(summary = "Values to pre-fill the item's form with, each with its source (account, e-licence, earlier application)",
            description = "表单预填：仅来自调用者本人的账户、电子证照与历史申报；value 为原值（供填表），shown 为脱敏显示")
    ResponseEntity<PrefillService.Prefill> prefill(@RequestParam String itemCode) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore().cachePrivate()).body(prefill.prefill(itemCode));
    }
}
