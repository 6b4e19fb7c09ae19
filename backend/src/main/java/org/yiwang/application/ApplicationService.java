package org.yiwang.application;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.catalog.CatalogService;
import org.yiwang.catalog.Item;
import org.yiwang.catalog.Material;
import org.yiwang.common.ApiException;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.common.Transactions;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.notification.NotificationService;
import org.yiwang.region.Region;
import org.yiwang.region.RegionService;
import org.yiwang.region.ServiceLevel;
import org.yiwang.timelimit.StatutoryClock;
import org.yiwang.workflow.WorkflowService;

import static org.yiwang.application.CaseRecords.acceptanceDue;
import static org.yiwang.application.CaseRecords.caseOf;
import static org.yiwang.application.CaseRecords.limit;
import static org.yiwang.application.CaseRecords.titled;

/**
 * The application (办件) as its applicant handles it: drafts, submission with the statutory clock's start,
 * withdrawal, the answer to a supplement notice; and the reading of cases (own list, one case, public progress).
 * Materials are {@link ApplicationMaterials}, the steps after submission {@link CaseSteps}; the engine decides which
 * step comes next and the business record follows it in the same transaction.
 */
@Service
public class ApplicationService {

    private final ApplicationMapper mapper;
    private final CaseRecords cases;
    private final ApplicationMaterials materials;
    private final ApplicationNumbers numbers;
    private final MaterialFiles files;
    private final CatalogService catalog;
    private final RegionService regions;
    private final IdentityService identity;
    private final WorkflowService workflow;
    private final StatutoryClock statutoryClock;
    private final NotificationService notifications;
    private final Clock clock;
    private final Transactions transactions;

    ApplicationService(ApplicationMapper mapper, CaseRecords cases, ApplicationMaterials materials, ApplicationNumbers numbers,
            MaterialFiles files, CatalogService catalog, RegionService regions, IdentityService identity, WorkflowService workflow,
            StatutoryClock statutoryClock, NotificationService notifications, Clock clock, Transactions transactions) {
        this.mapper = mapper;
        this.cases = cases;
        this.materials = materials;
        this.numbers = numbers;
        this.files = files;
        this.catalog = catalog;
        this.regions = regions;
        this.identity = identity;
        this.workflow = workflow;
        this.statutoryClock = statutoryClock;
        this.notifications = notifications;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** Published in the transaction of every saved change of an application, for features that follow cases. */
    public record Changed(long applicationId, String applicationNo, long applicantId, ApplicationStatus status) {
    }

    public record ApplicationDraft(String itemCode, String regionCode, Map<String, Object> formData) {
    }

    public record Progress(String applicationNo, String itemName, String agencyName, ApplicationStatus status,
            String statusName, LocalDateTime submittedAt, LocalDate acceptanceDueDate, LocalDate dueDate,
            Integer remainingWorkingDays, List<Step> steps) {

        public record Step(LocalDateTime at, String actionName) {
        }
    }


    @Transactional
    public ApplicationView create(ApplicationDraft draft) {
        return create(draft, Set.of());
    }

    /**
     * A draft whose fields named in {@code filledLater} are filled before it is submitted (a bundle's later item,
     * from an earlier item's licence); submit checks the whole form as always.
     */
    @Transactional
    public ApplicationView create(ApplicationDraft draft, Set<String> filledLater) {
        CurrentUser user = identity.current();
        if (draft.itemCode() == null || draft.itemCode().isBlank()) {
            throw ApiException.badParameter("itemCode", "请选择办理事项");
        }
        Item item = catalog.item(draft.itemCode());
        String region = checkedRegion(item, draft.regionCode());
        catalog.checkFormData(item, draft.formData(), filledLater);
        files.checkNewDraft(user.accountId());
        LocalDateTime now = LocalDateTime.now(clock);
        ApplicationMapper.NewApplication a = new ApplicationMapper.NewApplication();
        a.applicationNo = numbers.next(regions.agency(item.agencyId()).regionCode(), now.toLocalDate());
        a.itemId = item.id();
        a.agencyId = item.agencyId();
        a.regionCode = region;
        a.applicantId = user.accountId();
        a.formData = cases.formJson(draft.formData());
        a.limitDays = item.instant() ? 0 : Math.min(item.promisedLimitDays(), StatutoryClock.DECISION_DAYS);
        a.awaitsLicence = !filledLater.isEmpty();
        a.now = now;
        mapper.insert(a);
        Application created = mapper.findById(a.id);
        cases.event(created, "CREATE", cases.applicantActor(user), null);
        return cases.view(created);
    }

    @Transactional
    public ApplicationView updateDraft(String no, ApplicationDraft draft) {
        Application a = cases.own(no);
        if (a.status != ApplicationStatus.DRAFT) {
            throw ApiException.conflict("NOT_A_DRAFT", "办件已提交，不能再修改");
        }
        Item item = catalog.item(a.itemCode);
        String region = checkedRegion(item, draft.regionCode() == null ? a.regionCode : draft.regionCode());
        if (draft.formData() != null) {
            catalog.checkFormData(item, draft.formData());
        }
        String form = draft.formData() == null ? a.formData : cases.formJson(draft.formData());
        if (mapper.updateDraft(a.id, a.version, region, form, LocalDateTime.now(clock)) == 0) {
            throw CaseRecords.concurrent();
        }
        return cases.view(mapper.findById(a.id));
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
        Application a = cases.own(no);
        if (a.status != ApplicationStatus.DRAFT) {
            return replay(a, idempotencyKey);
        }
        Item item = catalog.item(a.itemCode);
        // The item may have bound a new form since the draft was saved: what is submitted must fit the one in force.
        catalog.checkFormData(item, cases.form(a.formData));
        List<String> missing = materials.missingRequired(a, item);
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
            a.dueDate = cases.conclusionDue(a, now.toLocalDate());
        }
        a.yellowFrom = statutoryClock.yellowFrom(a.dueDate, a.limitDays + a.extendedDays);
        if (mapper.update(a, now) == 0) {
            return replay(mapper.findById(a.id), idempotencyKey);
        }
        a.version++;
        a.processInstanceId = workflow.start(new WorkflowService.Start(item.processKey(), a.applicationNo, a.agencyId,
                a.regionCode, item.regionCode(), item.departmentCode(), a.acceptDeadline));
        cases.save(a);
        cases.event(a, "SUBMIT", cases.applicantActor(identity.current()), null);
        notifications.send(a.applicantId, titled("申请已提交", a), "您的" + caseOf(a) + "已提交，"
                + (item.instant() ? "即办件当场办结。" : "受理部门将在 " + a.acceptDeadline + " 前决定是否受理，承诺办结期限至 "
                        + a.dueDate + "。"), a.applicationNo);
        return cases.view(a);
    }

    public ApplicationView withdraw(String no, String reason) {
        return transactions.retryingDeadlocks(() -> withdrawOnce(no, reason));
    }

    private ApplicationView withdrawOnce(String no, String reason) {
        Application a = cases.own(no);
        if (!ApplicationStatus.WITHDRAWABLE.contains(a.status)) {
            throw ApiException.conflict("NOT_WITHDRAWABLE", "办件已作出决定或已结束，不能撤回");
        }
        if (a.processInstanceId != null) {
            workflow.cancel(a.processInstanceId, "withdrawn by the applicant");
        }
        a.status = ApplicationStatus.WITHDRAWN;
        a.concludedAt = LocalDateTime.now(clock);
        a.suspendedSince = null;
        cases.save(a);
        cases.event(a, "WITHDRAW", cases.applicantActor(identity.current()), limit(reason));
        return cases.view(a);
    }

    /** Answers the one supplement notice with everything it asked for; acceptance starts again. */
    public ApplicationView answerSupplement(String no, String opinion) {
        return transactions.retryingDeadlocks(() -> answerSupplementOnce(no, opinion));
    }

    private ApplicationView answerSupplementOnce(String no, String opinion) {
        Application a = cases.own(no);
        if (a.status != ApplicationStatus.SUPPLEMENT_REQUIRED) {
            throw ApiException.conflict("NO_SUPPLEMENT_PENDING", "该办件没有待补正的告知");
        }
        Set<Long> supplied = mapper.findMaterials(a.id).stream().filter(m -> m.id() > a.supplementBaseline)
                .map(ApplicationMapper.StoredMaterial::materialId).collect(Collectors.toSet());
        Map<Long, String> names = catalog.materials(catalog.item(a.itemCode)).stream()
                .collect(Collectors.toMap(Material::id, Material::name));
        List<String> missing = CaseRecords.supplementMaterialIds(a).stream().filter(id -> !supplied.contains(id)).map(names::get).toList();
        if (!missing.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "MATERIALS_MISSING", "补正告知要求的材料尚未上传：" + String.join("、", missing), "materials");
        }
        a.status = ApplicationStatus.SUBMITTED;
        a.acceptDeadline = statutoryClock.acceptDeadline(statutoryClock.today());
        cases.save(a);
        workflow.supplementProvided(a.processInstanceId, a.acceptDeadline);
        cases.event(a, "SUPPLEMENTED", cases.applicantActor(identity.current()), limit(opinion));
        return cases.view(a);
    }

    /** The caller's own latest forms, newest first, to pre-fill a new one from; never anyone else's. */
    public List<EarlierForm> ownEarlierForms(int limit) {
        CurrentUser user = identity.current();
        return mapper.findLatestByApplicant(user.accountId(), limit).stream()
                .map(a -> new EarlierForm(a.applicationNo, a.itemName, cases.form(a.formData))).toList();
    }

    public record EarlierForm(String applicationNo, String itemName, Map<String, Object> formData) {
    }

    public PageResult<ApplicationSummary> mine(Paging paging) {
        CurrentUser user = identity.current();
        return paging.result(mapper.findByApplicant(user.accountId(), paging.offset(), paging.size()).stream()
                .map(cases::summary).toList(), mapper.countByApplicant(user.accountId()));
    }

    /**
     * One application, for its applicant or for staff whose scope covers it; 404 for anyone else. Staff reading
     * it are audited (also through the workbench's task detail, which shows it).
     */
    public ApplicationView get(String no) {
        Application a = cases.visible(no);
        ApplicationView view = cases.view(a);
        cases.auditStaffRead(a, "VIEW_APPLICATION", null);
        return view;
    }

    /** A member of staff downloaded the e-licence issued for this application (its holder is not audited). */
    public void licenseReadByStaff(long applicationId, String licenseNo) {
        Application a = mapper.findById(applicationId);
        cases.auditStaffRead(a, "DOWNLOAD_LICENSE", "电子证照 " + licenseNo);
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
        StatutoryClock.State clockState = cases.clockOf(a);
        List<Progress.Step> steps = mapper.findEvents(a.id).stream()
                .map(e -> new Progress.Step(e.at(), e.actionName())).toList();
        return new Progress(a.applicationNo, a.itemName, a.agencyName, a.status, a.status.label(), a.submittedAt,
                acceptanceDue(a), clockState.dueDate(), clockState.remainingWorkingDays(), steps);
    }

    /** An application of the calling applicant, for features that hang off it (e.g. ratings). */
    public record Owned(long id, String applicationNo, long agencyId, ApplicationStatus status, long applicantId) {
    }

    /** The caller's own application; 404 for anyone else's. */
    public Owned owned(String no) {
        Application a = cases.own(no);
        return new Owned(a.id, a.applicationNo, a.agencyId, a.status, a.applicantId);
    }

    /** An application the caller may see (applicant, or staff in scope); 404 otherwise. */
    public Owned visibleRef(String no) {
        Application a = cases.visible(no);
        return new Owned(a.id, a.applicationNo, a.agencyId, a.status, a.applicantId);
    }

    /** Applications copied to this member of staff, newest first. */
    public PageResult<ApplicationSummary> copiedTo(long accountId, Paging paging) {
        return paging.result(mapper.findCopiedTo(accountId, paging.offset(), paging.size()).stream().map(cases::summary).toList(),
                mapper.countCopiedTo(accountId));
    }

    /** The process diagram with done and current steps, for whoever may see the application. */
    public WorkflowService.Diagram diagram(String no) {
        Application a = cases.visible(no);
        if (a.processInstanceId == null) {
            throw ApiException.conflict("NOT_SUBMITTED", "办件尚未提交，还没有流程");
        }
        return workflow.diagram(a.processInstanceId);
    }

    /** How many applications were submitted for one catalogue entry (基本编码), in every place that offers it. */
    public record ItemCount(String basicCode, long applications) {
    }

    /** Submitted applications per basic code: how popular each item really is, for ranking search results. */
    public List<ItemCount> submittedPerBasicCode() {
        return mapper.countSubmittedByBasicCode();
    }

    private ApplicationView replay(Application a, String key) {
        if (key.equals(a.submitKey)) {
            return cases.view(a);
        }
        throw ApiException.conflict("ALREADY_SUBMITTED", "办件已提交，请勿重复提交");
    }

    private String checkedRegion(Item item, String regionCode) {
        if (regionCode == null || regionCode.isBlank()) {
            throw ApiException.badParameter("regionCode", "请选择办理地点");
        }
        Region region = regions.existing("regionCode", regionCode);
        if (!regions.isWithin(region.code(), item.regionCode())) {
            throw ApiException.badParameter("regionCode", "该事项由" + item.regionName() + "办理，办理地点须在其辖区内");
        }
        if (item.level() == ServiceLevel.VILLAGE && !region.code().equals(item.regionCode())) {
            throw ApiException.badParameter("regionCode", "村（社区）代办事项须选择该村（社区）");
        }
        return region.code();
    }
}
