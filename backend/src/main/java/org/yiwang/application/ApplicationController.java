package org.yiwang.application;

import org.apache.shiro.authz.annotation.RequiresAuthentication;
import org.apache.shiro.authz.annotation.RequiresPermissions;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.yiwang.common.ApiException;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.common.Public;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

@RestController
@Tag(name = "applications", description = "办件：申报、材料、提交、撤回、补正、查询")
class ApplicationController {

    private final ApplicationService applications;
    private final ApplicationMaterials materials;
    private final PublicProgress publicProgress;

    ApplicationController(ApplicationService applications, ApplicationMaterials materials, PublicProgress publicProgress) {
        this.applications = applications;
        this.materials = materials;
        this.publicProgress = publicProgress;
    }

    @PostMapping("/api/v1/applications")
    @RequiresPermissions("application:apply")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a draft for an item")
    ApplicationView create(@RequestBody ApplicationService.ApplicationDraft draft) {
        return applications.create(draft);
    }

    @PutMapping("/api/v1/applications/{no}")
    @RequiresPermissions("application:apply")
    ApplicationView update(@PathVariable String no, @RequestBody ApplicationService.ApplicationDraft draft) {
        return applications.updateDraft(no, draft);
    }

    @PostMapping("/api/v1/applications/{no}/materials")
    @RequiresPermissions("application:apply")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Attach a material file (its type is checked by content, not by name)")
    ApplicationView.MaterialFile attach(@PathVariable String no, @RequestParam(required = false) Long materialId,
            @RequestPart(required = false) MultipartFile file) {
        return materials.add(no, materialId, file);
    }

    @GetMapping("/api/v1/applications/reusable-materials")
    @RequiresPermissions("application:apply")
    @Operation(summary = "The applicant's earlier files of a material with this name, to reuse (材料复用)")
    java.util.List<ApplicationMaterials.ReusableFile> reusable(@RequestParam(required = false) String materialName) {
        return materials.reusable(materialName);
    }

    record Reuse(Long materialId, Long fileId) {
    }

    @PostMapping("/api/v1/applications/{no}/materials/reuse")
    @RequiresPermissions("application:apply")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Attach a copy of an earlier file instead of uploading it again")
    ApplicationView.MaterialFile reuse(@PathVariable String no, @RequestBody Reuse reuse) {
        return materials.reuse(no, reuse.materialId(), reuse.fileId());
    }

    @GetMapping("/api/v1/applications/{no}/license-options")
    @RequiresPermissions("application:apply")
    @Operation(summary = "The applicant's valid e-licences that can stand for materials of this application (电子证照复用)")
    java.util.List<ApplicationMaterials.LicenseOption> licenseOptions(@PathVariable String no) {
        return materials.licenseOptions(no);
    }

    record LicenseMaterial(Long materialId, String licenseNo) {
    }

    @PostMapping("/api/v1/applications/{no}/materials/license")
    @RequiresPermissions("application:apply")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Attach the PDF of one of the applicant's own valid e-licences as a material, instead of uploading a scan")
    ApplicationView.MaterialFile attachLicense(@PathVariable String no, @RequestBody LicenseMaterial body) {
        return materials.attachLicense(no, body.materialId(), body.licenseNo());
    }

    @DeleteMapping("/api/v1/applications/{no}/materials/{id}")
    @RequiresPermissions("application:apply")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void detach(@PathVariable String no, @PathVariable long id) {
        materials.remove(no, id);
    }

    @PostMapping("/api/v1/applications/{no}/submit")
    @RequiresPermissions("application:apply")
    @Operation(summary = "Submit; a repeated submit with the same Idempotency-Key answers the same application")
    ApplicationView submit(@PathVariable String no,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        return applications.submit(no, idempotencyKey);
    }

    record Reason(String reason) {
    }

    @PostMapping("/api/v1/applications/{no}/withdraw")
    @RequiresPermissions("application:apply")
    ApplicationView withdraw(@PathVariable String no, @RequestBody(required = false) Reason reason) {
        return applications.withdraw(no, reason == null ? null : reason.reason());
    }

    record Opinion(String opinion) {
    }

    @PostMapping("/api/v1/applications/{no}/supplement")
    @RequiresPermissions("application:apply")
    @Operation(summary = "Answer the supplement notice once the listed materials are uploaded")
    ApplicationView supplement(@PathVariable String no, @RequestBody(required = false) Opinion opinion) {
        return applications.answerSupplement(no, opinion == null ? null : opinion.opinion());
    }

    @GetMapping("/api/v1/applications")
    @RequiresPermissions("application:read-own")
    @Operation(summary = "The applicant's own applications (mine=true)")
    PageResult<ApplicationSummary> mine(@RequestParam(defaultValue = "true") boolean mine,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        if (!mine) {
            throw ApiException.badParameter("mine", "申请人只能查询自己的办件（mine=true）；工作人员请使用工作台");
        }
        return applications.mine(Paging.of(page, size));
    }

    @GetMapping("/api/v1/applications/{no}")
    @RequiresAuthentication
    ApplicationView get(@PathVariable String no) {
        return applications.get(no);
    }

    @GetMapping("/api/v1/applications/{no}/materials/{id}/content")
    @RequiresAuthentication
    ResponseEntity<InputStreamResource> content(@PathVariable String no, @PathVariable long id) {
        ApplicationMaterials.MaterialContent m = materials.content(no, id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(m.contentType()))
                .contentLength(m.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(m.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .body(new InputStreamResource(m.content()));
    }

    @GetMapping("/api/v1/applications/{no}/diagram")
    @RequiresAuthentication
    @Operation(summary = "The BPMN diagram with the steps done and under way")
    org.yiwang.workflow.WorkflowService.Diagram diagram(@PathVariable String no) {
        return applications.diagram(no);
    }

    @GetMapping("/api/v1/portal/progress")
    @Public
    @Operation(summary = "Public progress of one application: its number and the last 6 characters of the applicant's identity number",
            description = "办件进度公开查询（无需登录，可嵌入门户）：办件编号 applicationNo 与申请人证件号码后 6 位 idSuffix 均须"
                    + "吻合，否则 404 且不透露办件是否存在；每个地址限速，同一办件编号多次答错后暂停查询（429，Retry-After）。答复事项、实施主体、状态、提交时间、办结期限、剩余工作日和各环节时间")
    ApplicationService.Progress progress(@RequestParam(required = false) String applicationNo,
            @RequestParam(required = false) String idSuffix, HttpServletRequest http) {
        return publicProgress.query(applicationNo, idSuffix, http.getRemoteAddr());
    }
}
