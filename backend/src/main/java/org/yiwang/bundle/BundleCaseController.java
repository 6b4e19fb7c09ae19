package org.yiwang.bundle;

import org.apache.shiro.authz.annotation.RequiresPermissions;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The applicant's bundle cases (我的一件事): one form, one set of materials, one submission. */
@RestController
@RequestMapping("/api/v1/bundle-cases")
@Tag(name = "bundle cases", description = "一件事办件：一表申请、一套材料、一次提交、统一查看进度")
class BundleCaseController {

    private final BundleCaseService cases;

    BundleCaseController(BundleCaseService cases) {
        this.cases = cases;
    }

    @PostMapping
    @RequiresPermissions("application:apply")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Open a bundle case: answers, place and the merged form; one draft per chosen item")
    BundleCaseService.CaseView create(@RequestBody(required = false) BundleCaseService.NewCase request) {
        return cases.create(request);
    }

    @GetMapping
    @RequiresPermissions("application:read-own")
    @Operation(summary = "The applicant's own bundle cases")
    PageResult<BundleCaseService.CaseSummary> mine(@RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return cases.mine(Paging.of(page, size));
    }

    @GetMapping("/{no}")
    @RequiresPermissions("application:read-own")
    @Operation(summary = "One bundle case with its children's states, supplement notices and licences")
    BundleCaseService.CaseView get(@PathVariable String no) {
        return cases.get(no);
    }

    @PostMapping("/{no}/materials")
    @RequiresPermissions("application:apply")
    @Operation(summary = "One file for a material of the merged list, given to every item that needs it")
    BundleCaseService.CaseView upload(@PathVariable String no, @RequestParam(required = false) String material,
            @RequestPart(required = false) MultipartFile file) {
        return cases.upload(no, material, file);
    }

    @PostMapping("/{no}/submit")
    @RequiresPermissions("application:apply")
    @Operation(summary = "Submit once; a repeated submit with the same Idempotency-Key answers the same case")
    BundleCaseService.CaseView submit(@PathVariable String no,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        return cases.submit(no, idempotencyKey);
    }

    record Reason(String reason) {
    }

    @PostMapping("/{no}/withdraw")
    @RequiresPermissions("application:apply")
    @Operation(summary = "Withdraw the whole case while no child has been decided")
    BundleCaseService.CaseView withdraw(@PathVariable String no, @RequestBody(required = false) Reason reason) {
        return cases.withdraw(no, reason == null ? null : reason.reason());
    }
}
