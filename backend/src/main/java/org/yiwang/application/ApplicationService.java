package org.yiwang.application;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;
import org.yiwang.catalog.CatalogService;
import org.yiwang.catalog.Item;
import org.yiwang.catalog.Material;
import org.yiwang.common.ApiException;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.common.Transactions;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.identity.Masking;
import org.yiwang.identity.PersonalDataCipher;
import org.yiwang.identity.Role;
import org.yiwang.license.License;
import org.yiwang.license.LicenseService;
import org.yiwang.notification.NotificationService;
import org.yiwang.region.Region;
import org.yiwang.region.RegionService;
import org.yiwang.region.ServiceLevel;
import org.yiwang.audit.AuditService;
import org.yiwang.timelimit.StatutoryClock;
import org.yiwang.workflow.WorkflowService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The application lifecycle (办件): drafts, materials, submission, the statutory clock and every state change,
 * each recorded in the timeline. The workflow engine decides which step comes next; this service keeps the
 * business record consistent with it in the same transaction.
 */
@Service
public class ApplicationService {

    private static final int MAX_FORM_BYTES = 64 * 1024;
    private static final String REMEDIES = "如不服本决定，可以自收到本决定之日起六十日内依法申请行政复议，"
            + "或者在六个月内依法向人民法院提起行政诉讼。";

    private final ApplicationMapper mapper;
    private final ApplicationNumbers numbers;
    private final MaterialFiles files;
    private final PersonalDataCipher cipher;
    private final CatalogService catalog;
    private final RegionService regions;
    private final IdentityService identity;
    private final WorkflowService workflow;
    private final StatutoryClock statutoryClock;
    private final LicenseService licenses;
    private final NotificationService notifications;
    private final ObjectMapper json;
    private final Clock clock;
    private final Transactions transactions;
    private final AuditService audit;

    ApplicationService(ApplicationMapper mapper, ApplicationNumbers numbers, MaterialFiles files, PersonalDataCipher cipher,
            CatalogService catalog, RegionService regions, IdentityService identity, WorkflowService workflow,
            StatutoryClock statutoryClock, LicenseService licenses, NotificationService notifications, ObjectMapper json,
            Clock clock, Transactions transactions, AuditService audit) {
        this.mapper = mapper;
        this.numbers = numbers;
        this.files = files;
        this.cipher = cipher;
        this.catalog = catalog;
        this.regions = regions;
        this.identity = identity;
        this.workflow = workflow;
        this.statutoryClock = statutoryClock;
        this.licenses = licenses;
        this.notifications = notifications;
        this.json = json;
        this.clock = clock;
        this.transactions = transactions;
        this.audit = audit;
    }

    public record ApplicationDraft(String itemCode, String regionCode, Map<String, Object> formData) {
    }

    /** Who did a step, as the timeline shows it. */
    public record Actor(Long accountId, String name, String role, String agencyName) {

        public static final Actor SYSTEM = new Actor(null, "系统", null, null);

        public static Actor of(CurrentUser user, Role role) {
            return new Actor(user.accountId(), user.displayName(), role == null ? null : role.label(), user.agencyName());
        }
    }

    public record MaterialContent(String fileName, String contentType, long size, InputStream content) {
    }

    public record Progress(String applicationNo, String itemName, String agencyName, ApplicationStatus status,
            String statusName, LocalDateTime submittedAt, LocalDate acceptanceDueDate, LocalDate dueDate,
            Integer remainingWorkingDays, List<Step> steps) {

        public record Step(LocalDateTime at, String actionName) {
        }
    }

    // ---- the applicant's side -------------------------------------------------------------------------------

    @Transactional
    public ApplicationView create(ApplicationDraft draft) {
        CurrentUser user = identity.current();
        if (draft.itemCode() == null || draft.itemCode().isBlank()) {
            throw ApiException.badParameter("itemCode", "请选择办理事项");
        }
        Item item = catalog.item(draft.itemCode());
        String region = checkedRegion(item, draft.regionCode());
        catalog.checkFormData(item, draft.formData());
        files.checkNewDraft(user.accountId());
        LocalDateTime now = LocalDateTime.now(clock);
        ApplicationMapper.NewApplication a = new ApplicationMapper.NewApplication();
        a.applicationNo = numbers.next(regions.agency(item.agencyId()).regionCode(), now.toLocalDate());
        a.itemId = item.id();
        a.agencyId = item.agencyId();
        a.regionCode = region;
        a.applicantId = user.accountId();
        a.formData = formJson(draft.formData());
        a.limitDays = item.instant() ? 0 : Math.min(item.promisedLimitDays(), StatutoryClock.DECISION_DAYS);
        a.now = now;
        mapper.insert(a);
        Application created = mapper.findById(a.id);
        event(created, "CREATE", applicantActor(user), null);
        return view(created);
    }

    @Transactional
    public ApplicationView updateDraft(String no, ApplicationDraft draft) {
        Application a = own(no);
        if (a.status != ApplicationStatus.DRAFT) {
            throw ApiException.conflict("NOT_A_DRAFT", "办件已提交，不能再修改");
        }
        Item item = catalog.item(a.itemCode);
        String region = checkedRegion(item, draft.regionCode() == null ? a.regionCode : draft.regionCode());
        if (draft.formData() != null) {
            catalog.checkFormData(item, draft.formData());
        }
        String form = draft.formData() == null ? a.formData : formJson(draft.formData());
        if (mapper.updateDraft(a.id, a.version, region, form, LocalDateTime.now(clock)) == 0) {
            throw concurrent();
        }
        return view(mapper.findById(a.id));
    }

    @Transactional
    public ApplicationView.MaterialFile addMaterial(String no, Long materialId, MultipartFile file) {
        Application a = own(no);
        Material material = uploadTarget(a, materialId);
        Upload upload = checkedUpload(file, material);
        return attach(a, material.id(), upload);
    }

    /** A file the applicant gave in an earlier application, to pick instead of uploading again (材料复用). */
    public record ReusableFile(long id, String applicationNo, String materialName, String fileName, String contentType,
            long sizeBytes, String sha256, LocalDateTime uploadedAt) {
    }

    public List<ReusableFile> reusable(String materialName) {
        if (materialName == null || materialName.isBlank() || materialName.length() > 200) {
            throw ApiException.badParameter("materialName", "请指明材料名称");
        }
        Set<String> seen = new java.util.HashSet<>();
        return mapper.findReusable(identity.current().accountId(), materialName.trim()).stream()
                .filter(f -> seen.add(f.sha256())).limit(20).toList();
    }

    /** Attaches a copy of one of the applicant's earlier files, under the same rules as an upload. */
    @Transactional
    public ApplicationView.MaterialFile reuse(String no, Long materialId, Long fileId) {
        Application a = own(no);
        Material material = uploadTarget(a, materialId);
        ApplicationMapper.StoredMaterial earlier = fileId == null ? null : mapper.findOwnFile(a.applicantId, fileId);
        if (earlier == null) {
            throw ApiException.notFound("材料文件 " + fileId);
        }
        requireFits(material, earlier.fileName(), earlier.sizeBytes(), "fileId");
        String key = files.reuse(a, material.id(), earlier.storageKey());
        return insertMaterial(a, material.id(), earlier.fileName(), earlier.contentType(), earlier.sizeBytes(), earlier.sha256(), key);
    }

    /** Per material of the draft, the applicant's valid e-licences that can stand for it (电子证照复用). */
    public record LicenseOption(long materialId, String materialName, List<LicenseService.Usable> licenses) {
    }

    public List<LicenseOption> licenseOptions(String no) {
        Application a = own(no);
        List<Material> materials = catalog.materials(catalog.item(a.itemCode));
        Map<String, List<LicenseService.Usable>> usable = licenses.usableFor(a.applicantId,
                materials.stream().map(Material::name).toList());
        return materials.stream().filter(m -> usable.containsKey(m.name()))
                .map(m -> new LicenseOption(m.id(), m.name(), usable.get(m.name()))).toList();
    }

    /** Attaches the PDF of one of the applicant's own valid e-licences as a material, instead of a scan of it. */
    @Transactional
    public ApplicationView.MaterialFile attachLicense(String no, Long materialId, String licenseNo) {
        Application a = own(no);
        Material material = uploadTarget(a, materialId);
        LicenseService.AsMaterial licence = licenses.asMaterial(a.applicantId, licenseNo, material.name());
        String fileName = licence.licenseNo() + ".pdf";
        requireFits(material, fileName, licence.pdf().length, "licenseNo");
        ApplicationView.MaterialFile file = attach(a, material.id(),
                new Upload(fileName, "application/pdf", licence.pdf(), sha256(licence.pdf())));
        event(a, "LICENSE_MATERIAL", applicantActor(identity.current()), "以电子证照 " + licence.licenseNo() + " 作为“" + material.name() + "”");
        return file;
    }

    /** A message names its case: which application, of which item, so a list of them can be told apart. */
    private static String caseOf(Application a) {
        return "办件 " + a.applicationNo + "（" + a.itemName + "）";
    }

    private static String titled(String title, Application a) {
        String item = a.itemName.length() > 120 ? a.itemName.substring(0, 120) + "…" : a.itemName;
        return title + " · " + item;
    }

    /** A file not uploaded just now (reused, or an e-licence) must still meet the material's type and size rules. */
    private static void requireFits(Material material, String fileName, long sizeBytes, String parameter) {
        if (!FileTypes.accepted(material.acceptTypes(), FileTypes.extension(fileName))
                || sizeBytes > material.maxSizeMb() * 1024L * 1024L) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "FILE_TYPE_NOT_ALLOWED",
                    "该文件不符合本材料的格式或大小要求：" + material.acceptTypes() + "，" + material.maxSizeMb() + " MB", parameter);
        }
    }

    /** The material a file may be attached to now: a draft's, or one the supplement notice asked for. */
    private Material uploadTarget(Application a, Long materialId) {
        if (materialId == null) {
            throw ApiException.badParameter("materialId", "请指明上传的是哪一项材料");
        }
        Material material = catalog.materials(catalog.item(a.itemCode)).stream().filter(m -> m.id() == materialId)
                .findFirst().orElseThrow(() -> ApiException.badParameter("materialId", "该事项没有编号为 " + materialId + " 的材料"));
        if (a.status == ApplicationStatus.SUPPLEMENT_REQUIRED) {
            if (!supplementMaterialIds(a).contains(materialId)) {
                throw ApiException.badParameter("materialId", "补正告知未要求补充该材料");
            }
        } else if (a.status != ApplicationStatus.DRAFT) {
            throw ApiException.conflict("MATERIALS_CLOSED", "当前状态不能上传材料");
        }
        return material;
    }

    private ApplicationView.MaterialFile attach(Application a, long materialId, Upload upload) {
        String key = files.store(a, materialId, upload.bytes());
        return insertMaterial(a, materialId, upload.fileName(), upload.contentType(), upload.bytes().length, upload.sha256(), key);
    }

    /** Runs with the owner locked (MaterialFiles), so the draft cannot expire meanwhile unnoticed. */
    private ApplicationView.MaterialFile insertMaterial(Application a, long materialId, String fileName, String contentType,
            long size, String sha256, String key) {
        LocalDateTime now = LocalDateTime.now(clock);
        if (mapper.touchMaterials(a.id, now) == 0) {
            throw concurrent();
        }
        mapper.insertMaterial(a.id, materialId, fileName, contentType, size, sha256, key, now);
        return mapper.findMaterials(a.id).stream().filter(m -> m.storageKey().equals(key) && m.materialId() == materialId)
                .max(java.util.Comparator.comparingLong(ApplicationMapper.StoredMaterial::id))
                .map(ApplicationService::materialFile).orElseThrow();
    }

    @Transactional
    public void removeMaterial(String no, long id) {
        Application a = own(no);
        if (a.status != ApplicationStatus.DRAFT && a.status != ApplicationStatus.SUPPLEMENT_REQUIRED) {
            throw ApiException.conflict("MATERIALS_CLOSED", "当前状态不能删除材料");
        }
        ApplicationMapper.StoredMaterial m = mapper.findMaterials(a.id).stream().filter(x -> x.id() == id).findFirst()
                .orElseThrow(() -> ApiException.notFound("材料 " + id));
        if (a.status == ApplicationStatus.SUPPLEMENT_REQUIRED && m.id() <= a.supplementBaseline) {
            throw ApiException.conflict("MATERIALS_CLOSED", "已提交的材料不能删除");
        }
        // The application's row first, then the file's, in the order draft expiry takes them.
        if (mapper.touchMaterials(a.id, LocalDateTime.now(clock)) == 0) {
            throw concurrent();
        }
        if (mapper.deleteMaterial(a.id, id) == 0) {
            throw ApiException.notFound("材料 " + id);
        }
        files.releaseAfterCommit(a.applicantId, m.storageKey());
    }

    /**
     * Submits a draft and starts the statutory clock. A repeated submit with the same Idempotency-Key answers
     * the same application; only one submit ever counts.
     */
    public ApplicationView submit(String no, String idempotencyKey) {
        return transactions.retryingDeadlocks(() -> submitOnce(no, idempotencyKey));
    }

    private ApplicationView submitOnce(String no, String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 64) {
            throw ApiException.badParameter("Idempotency-Key", "提交须带 Idempotency-Key 请求头（1 到 64 个字符）");
        }
        Application a = own(no);
        if (a.status != ApplicationStatus.DRAFT) {
            return replay(a, idempotencyKey);
        }
        Item item = catalog.item(a.itemCode);
        // The item may have bound a new form since the draft was saved: what is submitted must fit the one in force.
        catalog.checkFormData(item, form(a.formData));
        List<String> missing = missingRequired(a, item);
        if (!missing.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "MATERIALS_MISSING", "缺少必需材料：" + String.join("、", missing), "materials");
        }
        LocalDateTime now = LocalDateTime.now(clock);
        a.status = ApplicationStatus.SUBMITTED;
        a.submitKey = idempotencyKey;
        a.submittedAt = now;
        if (item.instant()) {
            a.dueDate = now.toLocalDate();
        } else {
            a.acceptDeadline = statutoryClock.acceptDeadline(now.toLocalDate());
            a.dueDate = conclusionDue(a, now.toLocalDate());
        }
        a.yellowFrom = statutoryClock.yellowFrom(a.dueDate, a.limitDays + a.extendedDays);
        if (mapper.update(a, now) == 0) {
            return replay(mapper.findById(a.id), idempotencyKey);
        }
        a.version++;
        a.processInstanceId = workflow.start(new WorkflowService.Start(item.processKey(), a.applicationNo, a.agencyId,
                a.regionCode, item.regionCode(), item.departmentCode(), a.acceptDeadline));
        save(a);
        event(a, "SUBMIT", applicantActor(identity.current()), null);
        notifications.send(a.applicantId, titled("申请已提交", a), "您的" + caseOf(a) + "已提交，"
                + (item.instant() ? "即办件当场办结。" : "受理部门将在 " + a.acceptDeadline + " 前决定是否受理，承诺办结期限至 "
                        + a.dueDate + "。"), a.applicationNo);
        return view(a);
    }

    public ApplicationView withdraw(String no, String reason) {
        return transactions.retryingDeadlocks(() -> withdrawOnce(no, reason));
    }

    private ApplicationView withdrawOnce(String no, String reason) {
        Application a = own(no);
        if (!ApplicationStatus.WITHDRAWABLE.contains(a.status)) {
            throw ApiException.conflict("NOT_WITHDRAWABLE", "办件已作出决定或已结束，不能撤回");
        }
        if (a.processInstanceId != null) {
            workflow.cancel(a.processInstanceId, "withdrawn by the applicant");
        }
        a.status = ApplicationStatus.WITHDRAWN;
        a.concludedAt = LocalDateTime.now(clock);
        a.suspendedSince = null;
        save(a);
        event(a, "WITHDRAW", applicantActor(identity.current()), limit(reason));
        return view(a);
    }

    /** Answers the one supplement notice with everything it asked for; acceptance starts again. */
    public ApplicationView answerSupplement(String no, String opinion) {
        return transactions.retryingDeadlocks(() -> answerSupplementOnce(no, opinion));
    }

    private ApplicationView answerSupplementOnce(String no, String opinion) {
        Application a = own(no);
        if (a.status != ApplicationStatus.SUPPLEMENT_REQUIRED) {
            throw ApiException.conflict("NO_SUPPLEMENT_PENDING", "该办件没有待补正的告知");
        }
        Set<Long> supplied = mapper.findMaterials(a.id).stream().filter(m -> m.id() > a.supplementBaseline)
                .map(ApplicationMapper.StoredMaterial::materialId).collect(Collectors.toSet());
        Map<Long, String> names = catalog.materials(catalog.item(a.itemCode)).stream()
                .collect(Collectors.toMap(Material::id, Material::name));
        List<String> missing = supplementMaterialIds(a).stream().filter(id -> !supplied.contains(id)).map(names::get).toList();
        if (!missing.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "MATERIALS_MISSING", "补正告知要求的材料尚未上传：" + String.join("、", missing), "materials");
        }
        a.status = ApplicationStatus.SUBMITTED;
        a.acceptDeadline = statutoryClock.acceptDeadline(statutoryClock.today());
        save(a);
        workflow.supplementProvided(a.processInstanceId, a.acceptDeadline);
        event(a, "SUPPLEMENTED", applicantActor(identity.current()), limit(opinion));
        return view(a);
    }

    /** The caller's own latest forms, newest first, to pre-fill a new one from; never anyone else's. */
    public List<EarlierForm> ownEarlierForms(int limit) {
        CurrentUser user = identity.current();
        return mapper.findLatestByApplicant(user.accountId(), limit).stream()
                .map(a -> new EarlierForm(a.applicationNo, a.itemName, form(a.formData))).toList();
    }

    public record EarlierForm(String applicationNo, String itemName, Map<String, Object> formData) {
    }

    public PageResult<ApplicationSummary> mine(Paging paging) {
        CurrentUser user = identity.current();
        return paging.result(mapper.findByApplicant(user.accountId(), paging.offset(), paging.size()).stream()
                .map(this::summary).toList(), mapper.countByApplicant(user.accountId()));
    }

    /**
     * One application, for its applicant or for staff whose scope covers it; 404 for anyone else. Staff reading
     * it are audited (also through the workbench's task detail, which shows it).
     */
    public ApplicationView get(String no) {
        Application a = visible(no);
        ApplicationView view = view(a);
        auditStaffRead(a, "VIEW_APPLICATION", null);
        return view;
    }

    public MaterialContent material(String no, long id) {
        Application a = visible(no);
        ApplicationMapper.StoredMaterial m = mapper.findMaterials(a.id).stream().filter(x -> x.id() == id).findFirst()
                .orElseThrow(() -> ApiException.notFound("材料 " + id));
        auditStaffRead(a, "DOWNLOAD_MATERIAL", "材料 " + m.id() + "（" + m.materialName() + "）");
        return new MaterialContent(m.fileName(), m.contentType(), m.sizeBytes(), files.open(m.storageKey()));
    }

    /** A member of staff downloaded the e-licence issued for this application (its holder is not audited). */
    public void licenseReadByStaff(long applicationId, String licenseNo) {
        Application a = mapper.findById(applicationId);
        auditStaffRead(a, "DOWNLOAD_LICENSE", "电子证照 " + licenseNo);
    }

    /**
     * Staff reading a case's personal data leave an audit row (who, which case and data, when, from where);
     * applicants reading their own cases do not. Last in the caller's transaction, if any (see
     * {@link AuditService#recordCaseAct}).
     */
    private void auditStaffRead(Application a, String action, String detail) {
        CurrentUser user = identity.current();
        if (!user.isApplicant()) {
            audit.recordCaseAct(user.accountId(), user.username(), action, a.applicationNo, detail, a.regionCode);
        }
    }

    /** The public progress query: the number and the last six characters of the applicant's identity number. */
    public Progress progress(String no, String idSuffix) {
        if (no == null || !ApplicationNumbers.valid(no.trim().toUpperCase())) {
            throw ApiException.badParameter("applicationNo", "办件编号格式不正确");
        }
        if (idSuffix == null || !idSuffix.trim().matches("[0-9A-Za-z]{6}")) {
            throw ApiException.badParameter("idSuffix", "请输入证件号码后 6 位");
        }
        Application a = mapper.findByNo(no.trim().toUpperCase());
        String number = a == null ? null : identity.identityNumberOf(a.applicantId);
        if (a == null || a.testRun || a.status == ApplicationStatus.DRAFT || number == null
                || !number.toUpperCase().endsWith(idSuffix.trim().toUpperCase())) {
            throw ApiException.notFound("办件");
        }
        StatutoryClock.State clockState = clockOf(a);
        List<Progress.Step> steps = mapper.findEvents(a.id).stream()
                .map(e -> new Progress.Step(e.at(), e.actionName())).toList();
        return new Progress(a.applicationNo, a.itemName, a.agencyName, a.status, a.status.label(), a.submittedAt,
                acceptanceDue(a), clockState.dueDate(), clockState.remainingWorkingDays(), steps);
    }

    // ---- steps taken by clerks and by the engine ------------------------------------------------------------

    /** An application of the calling applicant, for features that hang off it (e.g. ratings). */
    public record Owned(long id, String applicationNo, long agencyId, ApplicationStatus status, long applicantId) {
    }

    /** The caller's own application; 404 for anyone else's. */
    public Owned owned(String no) {
        Application a = own(no);
        return new Owned(a.id, a.applicationNo, a.agencyId, a.status, a.applicantId);
    }

    /** An application the caller may see (applicant, or staff in scope); 404 otherwise. */
    public Owned visibleRef(String no) {
        Application a = visible(no);
        return new Owned(a.id, a.applicationNo, a.agencyId, a.status, a.applicantId);
    }

    /** What the workbench needs to know about the application behind a task. */
    public record Handle(String applicationNo, ApplicationStatus status, long agencyId, String regionCode,
            String itemName, int itemType, boolean suspended, boolean extended, int supplementCount,
            StatutoryClock.State clock) {
    }

    public Handle handle(String no) {
        Application a = byNo(no);
        return new Handle(a.applicationNo, a.status, a.agencyId, a.regionCode, a.itemName, a.itemType,
                a.suspendedSince != null, a.extendedDays > 0, a.supplementCount, clockOf(a));
    }

    @Transactional
    public void accepted(String no, Actor actor, String opinion) {
        Application a = byNo(no);
        requireStatus(a, ApplicationStatus.SUBMITTED);
        accept(a, LocalDateTime.now(clock));
        event(a, "ACCEPT", actor, opinion);
        notifications.send(a.applicantId, titled("申请已受理", a), caseOf(a) + "已受理，办结期限至 " + a.dueDate + "。", a.applicationNo);
    }

    /** No supplement notice within 5 working days: accepted as of the day the application was received. */
    @Transactional
    public void deemedAccepted(String no) {
        Application a = byNo(no);
        if (a.status != ApplicationStatus.SUBMITTED) {
            return;
        }
        accept(a, a.submittedAt);
        event(a, "DEEMED_ACCEPTED", Actor.SYSTEM, "逾期未告知补正，依《行政许可法》第三十二条自收到申请材料之日（"
                + a.submittedAt.toLocalDate() + "）起即为受理");
        if (a.testRun) {
            return;
        }
        notifications.send(a.applicantId, titled("申请视为已受理", a), caseOf(a) + "自收到之日起视为受理。", a.applicationNo);
    }

    @Transactional
    public void refused(String no, Actor actor, String opinion) {
        Application a = byNo(no);
        requireStatus(a, ApplicationStatus.SUBMITTED);
        decide(a, ApplicationStatus.NOT_ACCEPTED, opinion);
        a.concludedAt = a.decidedAt;
        save(a);
        event(a, "REFUSE", actor, opinion);
        notifications.send(a.applicantId, titled("申请不予受理", a), caseOf(a) + "不予受理：" + opinion, a.applicationNo);
    }

    @Transactional
    public void supplementRequested(String no, Actor actor, String opinion, List<Long> materialIds) {
        Application a = byNo(no);
        requireStatus(a, ApplicationStatus.SUBMITTED);
        if (a.supplementCount > 0) {
            throw ApiException.conflict("SUPPLEMENT_ONCE", "补正材料应一次性告知，本件已告知过一次");
        }
        Set<Long> known = catalog.materials(catalog.item(a.itemCode)).stream().map(Material::id).collect(Collectors.toSet());
        if (materialIds == null || materialIds.isEmpty() || !known.containsAll(materialIds)) {
            throw ApiException.badParameter("materialIds", "请列明需要补正的材料（须为本事项的材料）");
        }
        a.status = ApplicationStatus.SUPPLEMENT_REQUIRED;
        a.supplementCount++;
        // After a notice the limit counts from the acceptance of the completed application: not known yet.
        a.dueDate = null;
        a.supplementOpinion = opinion;
        a.supplementMaterials = materialIds.stream().distinct().map(String::valueOf).collect(Collectors.joining(","));
        a.supplementAt = LocalDateTime.now(clock);
        a.supplementBaseline = mapper.findMaterials(a.id).stream().mapToLong(ApplicationMapper.StoredMaterial::id).max().orElse(0);
        save(a);
        event(a, "SUPPLEMENT", actor, opinion);
        notifications.send(a.applicantId, titled("请补正材料", a), caseOf(a) + "需要补正材料：" + opinion, a.applicationNo);
    }

    @Transactional
    public void reviewed(String no, Actor actor, String opinion, String action) {
        Application a = byNo(no);
        requireStatus(a, ApplicationStatus.ACCEPTED, ApplicationStatus.UNDER_REVIEW);
        a.status = ApplicationStatus.UNDER_REVIEW;
        save(a);
        event(a, action, actor, opinion);
    }

    @Transactional
    public void decided(String no, Actor actor, boolean approve, String opinion) {
        Application a = byNo(no);
        requireStatus(a, ApplicationStatus.ACCEPTED, ApplicationStatus.UNDER_REVIEW);
        decide(a, approve ? ApplicationStatus.APPROVED : ApplicationStatus.REJECTED, opinion);
        save(a);
        event(a, approve ? "APPROVE" : "REJECT", actor, opinion);
    }

    /** The instant item's one step: accepted and decided on the spot. */
    @Transactional
    public void decidedOnTheSpot(String no, Actor actor, boolean approve, String opinion) {
        Application a = byNo(no);
        requireStatus(a, ApplicationStatus.SUBMITTED);
        accept(a, LocalDateTime.now(clock));
        event(a, "ACCEPT", actor, null);
        decided(no, actor, approve, opinion);
    }

    /** The engine's last step: conclude, issue the e-licence of an approved licensing item, tell the applicant. */
    @Transactional
    public void concluded(String no) {
        Application a = byNo(no);
        if (a.status == ApplicationStatus.CONCLUDED || a.status == ApplicationStatus.DELIVERED) {
            return;
        }
        if (a.testRun) {
            // The administrator walked the steps without deciding anything: no licence, nobody to tell.
            a.status = ApplicationStatus.CONCLUDED;
            a.concludedAt = LocalDateTime.now(clock);
            save(a);
            event(a, "CONCLUDE", Actor.SYSTEM, "试运行");
            return;
        }
        requireStatus(a, ApplicationStatus.APPROVED, ApplicationStatus.REJECTED);
        boolean approved = a.status == ApplicationStatus.APPROVED;
        if (approved && issuesLicense(a.itemType)) {
            Map<String, Object> filled = a.formData == null ? Map.of() : form(a.formData);
            License l = licenses.issue(new LicenseService.Issue(a.id, a.applicationNo, a.applicantId,
                    identity.displayNameOf(a.applicantId), Masking.idNumber(identity.identityNumberOf(a.applicantId)),
                    a.itemName, a.agencyName, a.agencyId, identity.isLegalPerson(a.applicantId),
                    LicenceFields.address(filled), LicenceFields.scope(filled)));
            event(a, "LICENSE", Actor.SYSTEM, "电子证照 " + l.licenseNo());
        }
        a.status = ApplicationStatus.CONCLUDED;
        a.concludedAt = LocalDateTime.now(clock);
        save(a);
        event(a, "CONCLUDE", Actor.SYSTEM, null);
        notifications.send(a.applicantId, titled(approved ? "办件已办结：准予" : "办件已办结：不予许可", a),
                caseOf(a) + "已办结，请在“我的办件”中查看结果" + (approved ? "和电子证照。" : "及救济途径。"),
                a.applicationNo);
    }

    /** The holder received the e-licence (电子送达): once; a second download, or a concurrent one, changes nothing. */
    @Transactional
    public void delivered(long applicationId) {
        Application a = mapper.findById(applicationId);
        if (a == null || a.status != ApplicationStatus.CONCLUDED) {
            return;
        }
        a.status = ApplicationStatus.DELIVERED;
        if (mapper.update(a, LocalDateTime.now(clock)) == 1) {
            event(a, "DELIVER", Actor.SYSTEM, "电子送达");
        }
    }

    /** 特别程序 (hearing, testing, expert review, inspection): the clock stops until it ends. */
    @Transactional
    public void suspended(String no, Actor actor, String procedure, String opinion) {
        Application a = byNo(no);
        requireStatus(a, ApplicationStatus.ACCEPTED, ApplicationStatus.UNDER_REVIEW);
        a.resumeStatus = a.status;
        a.status = ApplicationStatus.SUSPENDED;
        a.suspendedSince = statutoryClock.today();
        save(a);
        event(a, "SUSPEND", actor, procedure + (opinion == null ? "" : "：" + opinion));
    }

    @Transactional
    public void resumed(String no, Actor actor, String opinion) {
        Application a = byNo(no);
        requireStatus(a, ApplicationStatus.SUSPENDED);
        a.suspendedDays += statutoryClock.suspendedWorkingDays(a.suspendedSince, statutoryClock.today());
        a.suspendedSince = null;
        a.status = a.resumeStatus == null ? ApplicationStatus.UNDER_REVIEW : a.resumeStatus;
        a.resumeStatus = null;
        a.dueDate = conclusionDue(a, a.acceptedAt.toLocalDate());
        a.warnedLevel = null;
        save(a);
        event(a, "RESUME", actor, opinion);
    }

    /** One extension of up to 10 working days, by the agency's head, with a reason (第四十二条). */
    @Transactional
    public void extended(String no, Actor actor, int days, String reason) {
        Application a = byNo(no);
        requireStatus(a, ApplicationStatus.ACCEPTED, ApplicationStatus.UNDER_REVIEW, ApplicationStatus.SUSPENDED);
        if (a.extendedDays > 0) {
            throw ApiException.conflict("EXTENDED_ONCE", "本件已延期一次，不能再次延期");
        }
        if (days < 1 || days > StatutoryClock.MAX_EXTENSION_DAYS) {
            throw ApiException.badParameter("days", "延长期限须为 1 到 10 个工作日");
        }
        a.extendedDays = days;
        a.dueDate = conclusionDue(a, a.acceptedAt.toLocalDate());
        a.warnedLevel = null;
        save(a);
        event(a, "EXTEND", actor, "延长 " + days + " 个工作日：" + reason);
        notifications.send(a.applicantId, titled("办理期限延长", a), caseOf(a) + "经负责人批准延长 " + days
                + " 个工作日，新的期限为 " + a.dueDate + "。理由：" + reason, a.applicationNo);
    }

    /** A case returned or withdrawn to acceptance: acceptance is due again within 5 working days. */
    @Transactional
    public LocalDate returnedToAcceptance(String no, Actor actor, String action, String opinion) {
        Application a = byNo(no);
        requireStatus(a, ApplicationStatus.ACCEPTED, ApplicationStatus.UNDER_REVIEW);
        a.status = ApplicationStatus.SUBMITTED;
        a.acceptedAt = null;
        a.acceptDeadline = statutoryClock.acceptDeadline(statutoryClock.today());
        a.warnedLevel = null;
        save(a);
        event(a, action, actor, opinion);
        return a.acceptDeadline;
    }

    /** 抄送: staff get to read the application; they are told in their message centre. */
    @Transactional
    public void copied(String no, Actor actor, List<Long> accountIds, String opinion) {
        Application a = byNo(no);
        LocalDateTime now = LocalDateTime.now(clock);
        for (long id : accountIds) {
            if (mapper.insertCopy(a.id, id, actor.name(), now) > 0) {
                notifications.send(id, "抄送", actor.name() + " 将办件 " + a.applicationNo + "（" + a.itemName + "）抄送给您"
                        + (opinion == null || opinion.isBlank() ? "。" : "：" + opinion), a.applicationNo);
            }
        }
        event(a, "COPY", actor, opinion);
    }

    /** Applications copied to this member of staff, newest first. */
    public PageResult<ApplicationSummary> copiedTo(long accountId, Paging paging) {
        return paging.result(mapper.findCopiedTo(accountId, paging.offset(), paging.size()).stream().map(this::summary).toList(),
                mapper.countCopiedTo(accountId));
    }

    /** The process diagram with done and current steps, for whoever may see the application. */
    public WorkflowService.Diagram diagram(String no) {
        Application a = visible(no);
        if (a.processInstanceId == null) {
            throw ApiException.conflict("NOT_SUBMITTED", "办件尚未提交，还没有流程");
        }
        return workflow.diagram(a.processInstanceId);
    }

    /** A step that changes no state but belongs in the timeline (claim, transfer, return …). */
    @Transactional
    public void recorded(String no, Actor actor, String action, String opinion) {
        event(byNo(no), action, actor, opinion);
    }

    /**
     * Raises clock warnings: YELLOW when the configured share of the limit is used, RED when overdue. Each
     * level is raised once per application, by one node.
     */
    @Transactional
    public int raiseClockWarnings() {
        int raised = 0;
        long after = 0;
        for (List<Application> batch = mapper.findRunning(after, 500); !batch.isEmpty(); batch = mapper.findRunning(after, 500)) {
            for (Application a : batch) {
                after = a.id;
                StatutoryClock.Colour colour = clockOf(a).colour();
                String level = colour == StatutoryClock.Colour.RED || colour == StatutoryClock.Colour.YELLOW ? colour.name() : null;
                if (level == null || level.equals(a.warnedLevel) || "RED".equals(a.warnedLevel)) {
                    continue;
                }
                if (mapper.markWarned(a.id, a.warnedLevel, level) == 1) {
                    raised++;
                    event(a, "CLOCK_" + level, Actor.SYSTEM, "YELLOW".equals(level) ? "办理时限即将届满" : "已超过办理时限");
                    notifications.send(identity.staffOf(a.agencyId, Role.SUPERVISE),
                            "YELLOW".equals(level) ? "时限预警" : "超期督办",
                            "办件 " + a.applicationNo + "（" + a.itemName + "）" + ("YELLOW".equals(level)
                                    ? "即将到期，期限 " + a.dueDate : "已超过办理期限 " + a.dueDate) + "。", a.applicationNo);
                }
            }
        }
        return raised;
    }

    // ---- test runs (试运行) of process models ---------------------------------------------------------------

    /** A test application: its number and the process it runs. */
    /** How many applications were submitted for one catalogue entry (基本编码), in every place that offers it. */
    public record ItemCount(String basicCode, long applications) {
    }

    /** Submitted applications per basic code: how popular each item really is, for ranking search results. */
    public List<ItemCount> submittedPerBasicCode() {
        return mapper.countSubmittedByBasicCode();
    }

    public record TestRun(String applicationNo, String processInstanceId) {
    }

    /**
     * Starts a test application of an item on a sandbox process definition. It takes no number from the real
     * sequence and is invisible to applicants, clerks and every count; only the administrator walks it.
     */
    @Transactional
    public TestRun startTestRun(String itemCode, String processKey, String processDefinitionId) {
        CurrentUser admin = identity.current();
        Item item = catalog.item(itemCode);
        LocalDateTime now = LocalDateTime.now(clock);
        ApplicationMapper.NewApplication n = new ApplicationMapper.NewApplication();
        n.applicationNo = "TEST-" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        n.itemId = item.id();
        n.agencyId = item.agencyId();
        n.regionCode = item.regionCode();
        n.applicantId = admin.accountId();
        n.formData = "{}";
        n.limitDays = item.instant() ? 0 : Math.min(item.promisedLimitDays(), StatutoryClock.DECISION_DAYS);
        n.testRun = true;
        n.now = now;
        mapper.insert(n);
        Application a = mapper.findById(n.id);
        a.status = ApplicationStatus.SUBMITTED;
        a.submittedAt = now;
        a.acceptDeadline = item.instant() ? null : statutoryClock.acceptDeadline(now.toLocalDate());
        a.dueDate = item.instant() ? now.toLocalDate() : conclusionDue(a, now.toLocalDate());
        a.processInstanceId = workflow.startTestRun(new WorkflowService.Start(processKey, a.applicationNo, a.agencyId,
                a.regionCode, item.regionCode(), item.departmentCode(), a.acceptDeadline), processDefinitionId);
        save(a);
        event(a, "TEST_RUN", Actor.of(admin, null), processKey);
        return new TestRun(a.applicationNo, a.processInstanceId);
    }

    /** A test application with its timeline; 404 for a real one. */
    public ApplicationView testRun(String no) {
        Application a = no == null ? null : mapper.findByNo(no);
        if (a == null || !a.testRun) {
            throw ApiException.notFound("试运行办件 " + no);
        }
        return view(a);
    }

    /** Removes a test application and its timeline; a real application is never touched. */
    @Transactional
    public void endTestRun(String no) {
        Application a = no == null ? null : mapper.findByNo(no);
        if (a != null && a.testRun) {
            mapper.deleteTestRunEvents(a.id);
            mapper.deleteTestRun(a.id);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private void accept(Application a, LocalDateTime acceptedAt) {
        a.status = ApplicationStatus.ACCEPTED;
        a.acceptedAt = acceptedAt;
        a.dueDate = conclusionDue(a, acceptedAt.toLocalDate());
        a.warnedLevel = null;
        save(a);
    }

    /**
     * The day the decision is due (办结期限). Without a supplement notice the application counts as accepted from the
     * day it was received (第三十二条: an agency silent for 5 working days has accepted it then, so one that accepts
     * within them cannot gain time by it); after a notice, from the acceptance of the completed application.
     */
    private LocalDate conclusionDue(Application a, LocalDate acceptedOn) {
        LocalDate from = a.supplementCount == 0 ? a.submittedAt.toLocalDate() : acceptedOn;
        return statutoryClock.dueDate(from, a.limitDays, a.extendedDays, a.suspendedDays);
    }

    /** The day acceptance is due (受理期限), while the application waits for it. */
    private static LocalDate acceptanceDue(Application a) {
        return a.status == ApplicationStatus.SUBMITTED ? a.acceptDeadline : null;
    }

    private void decide(Application a, ApplicationStatus status, String reason) {
        a.status = status;
        a.decision = status.name();
        a.decisionReason = reason;
        a.decidedAt = LocalDateTime.now(clock);
    }

    private static boolean issuesLicense(int itemType) {
        // 行政许可 and 行政确认 result in a certificate; other types in a written decision only.
        return itemType == 1 || itemType == 7;
    }

    private ApplicationView replay(Application a, String key) {
        if (key.equals(a.submitKey)) {
            return view(a);
        }
        throw ApiException.conflict("ALREADY_SUBMITTED", "办件已提交，请勿重复提交");
    }

    private void save(Application a) {
        a.yellowFrom = statutoryClock.yellowFrom(a.dueDate, a.limitDays + a.extendedDays);
        if (mapper.update(a, LocalDateTime.now(clock)) == 0) {
            throw concurrent();
        }
        a.version++;
    }

    private static ApiException concurrent() {
        return ApiException.conflict("CONCURRENT_UPDATE", "办件已被他人处理，请刷新后重试");
    }

    private static void requireStatus(Application a, ApplicationStatus... allowed) {
        if (!Arrays.asList(allowed).contains(a.status)) {
            throw ApiException.conflict("WRONG_STATUS", "办件当前状态为“" + a.status.label() + "”，不能执行此操作");
        }
    }

    private Application byNo(String no) {
        Application a = no == null ? null : mapper.findByNo(no);
        if (a == null) {
            throw ApiException.notFound("办件 " + no);
        }
        return a;
    }

    /** The caller's own application; 404 for anyone else's, so its existence is not disclosed. */
    private Application own(String no) {
        CurrentUser user = identity.current();
        Application a = no == null ? null : mapper.findByNo(no);
        if (a == null || a.testRun || a.applicantId != user.accountId()) {
            throw ApiException.notFound("办件 " + no);
        }
        return a;
    }

    private Application visible(String no) {
        CurrentUser user = identity.current();
        Application a = no == null ? null : mapper.findByNo(no);
        if (a == null || a.testRun || !canSee(user, a)) {
            throw ApiException.notFound("办件 " + no);
        }
        return a;
    }

    private boolean canSee(CurrentUser user, Application a) {
        if (user.isApplicant()) {
            return a.applicantId == user.accountId();
        }
        if (a.status == ApplicationStatus.DRAFT || !user.readsCases()) {
            return false;
        }
        if (user.seesRegion()) {
            return regions.isWithin(regions.agency(a.agencyId).regionCode(), user.regionCode())
                    || regions.isWithin(a.regionCode, user.regionCode());
        }
        return user.agencyId() != null && (user.agencyId() == a.agencyId || mapper.isCopiedTo(a.id, user.accountId())
                || a.processInstanceId != null && workflow.involves(a.processInstanceId, user));
    }

    private String checkedRegion(Item item, String regionCode) {
        if (regionCode == null || regionCode.isBlank()) {
            throw ApiException.badParameter("regionCode", "请选择办理地点");
        }
        Region region = regions.find(regions.checkedCode("regionCode", regionCode))
                .orElseThrow(() -> ApiException.badParameter("regionCode", "行政区划 " + regionCode + " 不存在"));
        if (!regions.isWithin(region.code(), item.regionCode())) {
            throw ApiException.badParameter("regionCode", "该事项由" + item.regionName() + "办理，办理地点须在其辖区内");
        }
        if (item.level() == ServiceLevel.VILLAGE && !region.code().equals(item.regionCode())) {
            throw ApiException.badParameter("regionCode", "村（社区）代办事项须选择该村（社区）");
        }
        return region.code();
    }

    /** The form as stored: JSON, encrypted as a whole since any of its fields may be personal data. */
    private String formJson(Map<String, Object> formData) {
        try {
            String s = json.writeValueAsString(formData == null ? Map.of() : formData);
            if (s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_FORM_BYTES) {
                throw ApiException.badParameter("formData", "表单内容过大（上限 64 KB）");
            }
            return cipher.encrypt(s);
        } catch (JsonProcessingException e) {
            throw ApiException.badParameter("formData", "表单内容不是合法的 JSON 对象");
        }
    }

    /** Forms saved before encryption are plain JSON objects; encrypted ones start with the cipher's prefix. */
    private Map<String, Object> form(String formData) {
        try {
            return json.readValue(formData.startsWith("{") ? formData : cipher.decrypt(formData), new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored form data is not JSON", e);
        }
    }

    private record Upload(String fileName, String contentType, byte[] bytes, String sha256) {
    }

    private static Upload checkedUpload(MultipartFile file, Material material) {
        if (file == null || file.isEmpty()) {
            throw ApiException.badParameter("file", "文件为空");
        }
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().trim();
        if (name.isEmpty() || name.length() > 200 || name.contains("/") || name.contains("\\") || name.contains("..")
                || name.chars().anyMatch(c -> c < 0x20)) {
            throw ApiException.badParameter("file", "文件名不合法");
        }
        if (file.getSize() > material.maxSizeMb() * 1024L * 1024L) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "FILE_TOO_LARGE",
                    "文件超过该材料的大小上限 " + material.maxSizeMb() + " MB", "file");
        }
        String extension = FileTypes.extension(name);
        if (!FileTypes.accepted(material.acceptTypes(), extension)) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "FILE_TYPE_NOT_ALLOWED",
                    "该材料只接受以下格式：" + material.acceptTypes(), "file");
        }
        byte[] bytes;
        try {
            bytes = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String sniffed = FileTypes.sniff(bytes);
        if (sniffed == null || !FileTypes.sameKind(extension, sniffed)) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "FILE_CONTENT_MISMATCH",
                    "文件内容与扩展名 ." + extension + " 不符", "file");
        }
        return new Upload(name, FileTypes.contentType(sniffed), bytes, sha256(bytes));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> missingRequired(Application a, Item item) {
        Set<Long> uploaded = mapper.findMaterials(a.id).stream().map(ApplicationMapper.StoredMaterial::materialId)
                .collect(Collectors.toSet());
        return catalog.materials(item).stream().filter(m -> m.required() && !uploaded.contains(m.id()))
                .map(Material::name).toList();
    }

    private static List<Long> supplementMaterialIds(Application a) {
        if (a.supplementMaterials == null || a.supplementMaterials.isBlank()) {
            return List.of();
        }
        return Arrays.stream(a.supplementMaterials.split(",")).map(Long::valueOf).toList();
    }

    private Actor applicantActor(CurrentUser user) {
        return new Actor(user.accountId(), Masking.name(user.displayName()), Role.APPLICANT.label(), null);
    }

    private void event(Application a, String action, Actor actor, String opinion) {
        mapper.insertEvent(a.id, LocalDateTime.now(clock), action, actor.accountId(), actor.name(), actor.role(),
                actor.agencyName(), limit(opinion), a.status.name(), clockOf(a).remainingWorkingDays());
    }

    private static String limit(String text) {
        return text == null ? null : text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    private StatutoryClock.State clockOf(Application a) {
        if (!ApplicationStatus.CLOCK_RUNNING.contains(a.status) && a.status != ApplicationStatus.SUSPENDED) {
            return new StatutoryClock.State(a.dueDate, null, StatutoryClock.Colour.GREEN);
        }
        return statutoryClock.state(a.dueDate, a.limitDays + a.extendedDays, a.suspendedSince);
    }

    private ApplicationSummary summary(Application a) {
        StatutoryClock.State c = clockOf(a);
        return new ApplicationSummary(a.applicationNo, a.status, a.itemCode, a.itemName, a.caseKind, a.agencyName,
                a.regionCode, a.submittedAt, acceptanceDue(a), c.dueDate(), c.remainingWorkingDays(), c.colour(), a.createdAt);
    }

    private ApplicationView view(Application a) {
        ApplicationView.SupplementNotice notice = a.supplementAt == null ? null
                : new ApplicationView.SupplementNotice(a.supplementOpinion, supplementMaterialIds(a), a.supplementAt);
        ApplicationView.Result result = a.decision == null ? null
                : new ApplicationView.Result(a.decision, a.decisionReason,
                        "APPROVED".equals(a.decision) ? null : REMEDIES, a.decidedAt);
        ApplicationView.LicenseRef license = licenses.ofApplication(a.id)
                .map(l -> new ApplicationView.LicenseRef(l.licenseNo(), l.verificationCode(), l.validUntil())).orElse(null);
        List<ApplicationView.MaterialFile> materials = new ArrayList<>();
        mapper.findMaterials(a.id).forEach(m -> materials.add(materialFile(m)));
        return new ApplicationView(summary(a), regions.find(a.regionCode).map(Region::fullName).orElse(null),
                Masking.name(identity.displayNameOf(a.applicantId)), formFor(a), materials, a.acceptedAt,
                a.limitDays, a.extendedDays, a.suspendedSince != null, notice, mapper.findEvents(a.id), result, license);
    }

    /**
     * The form as the caller may see it: in full for the applicant and for staff of the agency handling it, who
     * work with it; for anyone else (supervisors, staff of other agencies it was copied to) with personal fields masked.
     */
    private Map<String, Object> formFor(Application a) {
        Map<String, Object> data = form(a.formData);
        CurrentUser user = identity.current();
        boolean full = user.isApplicant() ? a.applicantId == user.accountId()
                : user.agencyId() != null && user.agencyId() == a.agencyId;
        return full ? data : PersonalFormFields.masked(data);
    }

    private static ApplicationView.MaterialFile materialFile(ApplicationMapper.StoredMaterial m) {
        return new ApplicationView.MaterialFile(m.id(), m.materialId(), m.materialName(), m.fileName(), m.contentType(),
                m.sizeBytes(), m.sha256(), m.uploadedAt());
    }
}
