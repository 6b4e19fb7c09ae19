package org.yiwang.modeling;

import java.io.IOException;
import java.util.List;

import org.apache.shiro.authz.annotation.RequiresPermissions;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.yiwang.common.LargeBody;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

@RestController
@RequestMapping("/api/v1/admin/models")
@RequiresPermissions("model:edit")
@Tag(name = "admin: models", description = "流程模型：导入、保存、校验与部署")
class ModelingController {

    private final ModelingService models;

    ModelingController(ModelingService models) {
        this.models = models;
    }

    @PostMapping("/import")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Store a BPMN 2.0 file as a draft model (at most 2 MB; DOCTYPE and entities refused)")
    ModelingService.ModelView importModel(@RequestPart("file") MultipartFile file,
            @RequestParam(required = false) String name, HttpServletRequest http) throws IOException {
        BpmnFile.checkSize(file.getSize());
        return models.importModel(file.getBytes(), file.getOriginalFilename(), name, http);
    }

    @GetMapping
    PageResult<ProcessModel> list(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return models.list(Paging.of(page, size));
    }

    @GetMapping("/templates")
    @Operation(summary = "The platform's process templates (processes/) in their latest deployed version")
    List<ModelingService.Template> templates() {
        return models.templates();
    }

    @GetMapping("/templates/{key}")
    @Operation(summary = "One template with its BPMN XML, to open in the modeller read-only")
    ModelingService.TemplateView template(@PathVariable String key) {
        return models.template(key);
    }

    @PostMapping("/templates/{key}/copy")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Copy a template into a new draft model of the caller's region, under a process key of its own")
    ModelingService.ModelView copyTemplate(@PathVariable String key, HttpServletRequest http) {
        return models.copyTemplate(key, http);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One model with its XML and the problems that stand between it and a deployment")
    ModelingService.ModelView get(@PathVariable long id) {
        return models.get(id);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Save the modeller's XML (and name) as the model's draft")
    @LargeBody(megabytes = 5)
    ModelingService.ModelView save(@PathVariable long id, @RequestBody ModelingService.Draft draft, HttpServletRequest http) {
        return models.save(id, draft, http);
    }

    @GetMapping("/{id}/validate")
    ModelingService.Validation validate(@PathVariable long id) {
        return models.validate(id);
    }

    @PostMapping("/{id}/deploy")
    @RequiresPermissions("model:deploy")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Validate and deploy as the next version of the process definition")
    ModelingService.Deployed deploy(@PathVariable long id, HttpServletRequest http) {
        return models.deploy(id, http);
    }

    /** A request that is not multipart/form-data, or has no file part. */
    @ExceptionHandler({ MultipartException.class, MissingServletRequestPartException.class })
    ResponseEntity<ProblemDetail> notAnUpload(Exception e) {
        return rejected(ModelRejected.invalidFile("请以 multipart/form-data 上传 BPMN 文件（字段 file）"));
    }

    @ExceptionHandler(ModelRejected.class)
    ResponseEntity<ProblemDetail> rejected(ModelRejected e) {
        return e.problem();
    }
}
