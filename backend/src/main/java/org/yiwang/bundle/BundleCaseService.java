package org.yiwang.bundle;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;
import org.yiwang.application.ApplicationMaterials;
import org.yiwang.application.ApplicationService;
import org.yiwang.application.CaseSteps;
import org.yiwang.application.ApplicationStatus;
import org.yiwang.application.ApplicationView;
import org.yiwang.catalog.CatalogService;
import org.yiwang.catalog.FormDefinition;
import org.yiwang.catalog.Item;
import org.yiwang.catalog.Material;
import org.yiwang.common.ApiException;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.common.Transactions;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.region.RegionService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One application for a whole bundle (一件事一次办): the applicant answers the questions, fills one form, gives one
 * set of materials and submits once; the platform opens one child application per chosen item through
 * {@link ApplicationService}, each at its own agency with its own clock. Children whose item needs an earlier
 * item's licence wait, and {@link BundleProgress} starts them with that licence as their material.
 */
@Service
public class BundleCaseService {

    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BundleMapper mapper;
    private final BundleService bundles;
    private final ApplicationService applications;
    private final ApplicationMaterials materials;
    private final CaseSteps steps;
    private final CatalogService catalog;
    private final IdentityService identity;
    private final RegionService regions;
    private final Transactions transactions;
    private final ObjectMapper json;
    private final Clock clock;

    BundleCaseService(BundleMapper mapper, BundleService bundles, ApplicationService applications, ApplicationMaterials materials, CaseSteps steps,
            CatalogService catalog,
            IdentityService identity, RegionService regions, Transactions transactions, ObjectMapper json, Clock clock) {
        this.mapper = mapper;
        this.bundles = bundles;
        this.applications = applications;
        this.materials = materials;
        this.steps = steps;
        this.catalog = catalog;
        this.identity = identity;
        this.regions = regions;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    public record NewCase(String bundleCode, String regionCode, Map<String, Boolean> answers, Map<String, Object> formData) {
    }

    /** A child as the bundle shows it: its application's state, clock, supplement notice and licence. */
    public record Child(String basicCode, String applicationNo, String itemName, String agencyName, boolean required,
            String state, ApplicationStatus status, String statusName, LocalDate dueDate, Integer remainingWorkingDays,
            ApplicationView.SupplementNotice supplementNotice, ApplicationView.Result result,
            ApplicationView.LicenseRef license, String note) {
    }

    /** A material of the merged list with the file given for it, if any. */
    public record CaseMaterial(String name, boolean required, List<String> items, String providedBy, String fileName,
            Long fileId) {
    }

    public record CaseView(String caseNo, String bundleCode, String bundleName, String status, String statusName,
            String regionCode, Map<String, Boolean> answers, String outcome, LocalDateTime createdAt,
            LocalDateTime submittedAt, LocalDateTime concludedAt, List<Child> children, List<CaseMaterial> materials,
            List<String> supplements, List<ApplicationView.LicenseRef> licenses) {
    }

    public record CaseSummary(String caseNo, String bundleCode, String bundleName, String status, String statusName,
            LocalDateTime createdAt, LocalDateTime submittedAt, LocalDateTime concludedAt) {
    }

    static String statusName(String status) {
        return switch (status) {
            case "DRAFT" -> "草稿";
            case "RUNNING" -> "办理中";
            case "CONCLUDED" -> "已办结";
            case "ENDED" -> "已终止";
            case "WITHDRAWN" -> "已撤回";
            default -> status;
        };
    }

    // ---- the applicant's side --------------------------------------------------------------------------------

    /** Opens the case: checks the answers and the merged form, and drafts one child per chosen item. */
    @Transactional
    public CaseView create(NewCase request) {
        CurrentUser user = identity.current();
        if (request == null || request.bundleCode() == null) {
            throw ApiException.badParameter("bundleCode", "请选择一件事");
        }
        BundleMapper.BundleRow row = bundles.row(request.bundleCode());
        BundleDefinition d = bundles.parse(row.definition());
        if (request.regionCode() == null || request.regionCode().isBlank()) {
            throw ApiException.badParameter("regionCode", "请选择办理地点");
        }
        String region = regions.existing("regionCode", request.regionCode()).code();
        Map<String, Boolean> answers = MergedForm.checkedAnswers(d, request.answers());
        Map<String, Object> form = request.formData() == null ? Map.of() : request.formData();
        List<BundleDefinition.Entry> chosen = d.chosen(answers);
        List<Item> items = new ArrayList<>();
        for (BundleDefinition.Entry e : chosen) {
            items.add(bundles.implementationIn(e.basicCode(), region).orElseThrow(() -> new ApiException(
                    HttpStatus.BAD_REQUEST, "BUNDLE_NOT_AVAILABLE", "所选办理地点没有实施事项 " + e.basicCode()
                            + "，请选择其他办理地点", "regionCode")));
        }
        MergedForm.check(d, form, requiredFields(d, chosen, items));
        Set<String> chosenCodes = chosen.stream().map(BundleDefinition.Entry::basicCode).collect(Collectors.toSet());
        LocalDateTime now = LocalDateTime.now(clock);
        BundleMapper.NewCase c = new BundleMapper.NewCase();
        c.caseNo = caseNo(now.toLocalDate());
        c.bundleId = row.id();
        c.bundleVersion = row.version();
        c.applicantId = user.accountId();
        c.regionCode = region;
        c.answers = write(answers);
        c.now = now;
        mapper.insertCase(c);
        for (int i = 0; i < chosen.size(); i++) {
            BundleDefinition.Entry e = chosen.get(i);
            // A later item's licence fields stay open until the earlier licence issues; the rest is checked now.
            Set<String> later = d.filledByLicences(e, chosenCodes, bundles::licenceKind);
            ApplicationView child;
            try {
                child = applications.create(new ApplicationService.ApplicationDraft(items.get(i).code(), region,
                        MergedForm.forItem(d, e.basicCode(), form)), later);
            } catch (ApiException bad) {
                throw MergedForm.inMergedTerms(d, e.basicCode(), bad);
            }
            mapper.insertChild(c.id, i + 1, e.basicCode(), child.summary().applicationNo(), !e.optional(), "DRAFT");
        }
        return view(mapper.findCaseById(c.id));
    }

    /**
     * One file for a material of the merged list: stored once with the first child that needs it and given to the
     * others as a copy; a file given before for it is replaced.
     */
    @Transactional
    public CaseView upload(String caseNo, String materialName, MultipartFile file) {
        BundleMapper.CaseRow c = own(caseNo);
        if (!"DRAFT".equals(c.status())) {
            throw ApiException.conflict("MATERIALS_CLOSED", "一件事已提交，材料请在对应事项的补正中提交");
        }
        if (materialName == null || materialName.isBlank()) {
            throw ApiException.badParameter("material", "请指明上传的是哪一项材料");
        }
        Long stored = null;
        for (Slot slot : slots(c)) {
            if (!slot.material().name().equals(materialName) || slot.byLicence()) {
                continue;
            }
            for (ApplicationView.MaterialFile old : slot.files()) {
                materials.remove(slot.applicationNo(), old.id());
            }
            stored = stored == null ? materials.add(slot.applicationNo(), slot.material().id(), file).id()
                    : materials.reuse(slot.applicationNo(), slot.material().id(), stored).id();
        }
        if (stored == null) {
            throw ApiException.badParameter("material", "本一件事没有需要上传的材料“" + materialName + "”");
        }
        return view(c);
    }

    /**
     * Submits once: the children that follow no other item are submitted now, the rest wait for the licences they
     * need. A repeated submit with the same Idempotency-Key answers the same case; a double submit makes one case.
     */
    public CaseView submit(String caseNo, String key) {
        if (key == null || key.isBlank() || key.length() > 40) {
            throw ApiException.badParameter("Idempotency-Key", "提交须带 Idempotency-Key 请求头（1 到 40 个字符）");
        }
        return transactions.retryingDeadlocks(() -> {
            BundleMapper.CaseRow c = own(caseNo);
            if (!"DRAFT".equals(c.status())) {
                return replay(c, key);
            }
            List<String> missing = slots(c).stream().filter(s -> s.material().required() && !s.byLicence() && s.files().isEmpty())
                    .map(s -> s.material().name()).distinct().toList();
            if (!missing.isEmpty()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "MATERIALS_MISSING", "缺少必需材料：" + String.join("、", missing),
                        "materials");
            }
            if (mapper.markSubmitted(c.id(), key, LocalDateTime.now(clock)) == 0) {
                return replay(mapper.findCaseById(c.id()), key);
            }
            BundleDefinition d = bundles.parse(mapper.findBundle(c.bundleCode()).definition());
            Set<String> chosen = chosenCodes(c);
            for (BundleMapper.ChildRow child : mapper.findChildren(c.id())) {
                boolean follows = entry(d, child.basicCode()).afterOrEmpty().stream().anyMatch(a -> chosen.contains(a.basicCode()));
                if (follows) {
                    mapper.moveChild(child.id(), "DRAFT", "WAITING", "等待前序事项办结发证");
                } else {
                    applications.submit(child.applicationNo(), key + "-" + child.seq());
                    mapper.moveChild(child.id(), "DRAFT", "STARTED", null);
                }
            }
            return view(mapper.findCaseById(c.id()));
        });
    }

    /**
     * Withdraws the whole case: every child not yet decided is withdrawn, waiting ones cancelled. A child decided
     * meanwhile refuses it as a whole (409), so nothing is left half-withdrawn.
     */
    public CaseView withdraw(String caseNo, String reason) {
        return transactions.retryingDeadlocks(() -> {
            BundleMapper.CaseRow c = own(caseNo);
            if (!"DRAFT".equals(c.status()) && !"RUNNING".equals(c.status())) {
                throw ApiException.conflict("NOT_WITHDRAWABLE", "一件事已办结或已终止，不能撤回");
            }
            List<BundleMapper.ChildRow> children = mapper.findChildren(c.id());
            for (BundleMapper.ChildRow child : children) {
                ApplicationStatus status = steps.handle(child.applicationNo()).status();
                if (!"CANCELLED".equals(child.state()) && !ApplicationStatus.WITHDRAWABLE.contains(status)
                        && status != ApplicationStatus.WITHDRAWN && status != ApplicationStatus.NOT_ACCEPTED) {
                    throw ApiException.conflict("NOT_WITHDRAWABLE", "事项“" + steps.handle(child.applicationNo()).itemName()
                            + "”已作出决定，一件事不能整体撤回");
                }
            }
            if (mapper.conclude(c.id(), c.status(), "WITHDRAWN", reason == null ? "申请人撤回" : limit(reason),
                    LocalDateTime.now(clock)) == 0) {
                throw ApiException.conflict("CONCURRENT_UPDATE", "一件事已变化，请刷新后重试");
            }
            for (BundleMapper.ChildRow child : children) {
                if (!"CANCELLED".equals(child.state())
                        && ApplicationStatus.WITHDRAWABLE.contains(steps.handle(child.applicationNo()).status())) {
                    applications.withdraw(child.applicationNo(), "一件事撤回");
                }
                mapper.moveChild(child.id(), child.state(), "CANCELLED", "一件事撤回");
            }
            return view(mapper.findCaseById(c.id()));
        });
    }

    public CaseView get(String caseNo) {
        return view(own(caseNo));
    }

    public PageResult<CaseSummary> mine(Paging paging) {
        long applicant = identity.current().accountId();
        return paging.result(mapper.findCasesOf(applicant, paging.offset(), paging.size()).stream()
                .map(c -> new CaseSummary(c.caseNo(), c.bundleCode(), c.bundleName(), c.status(), statusName(c.status()),
                        c.createdAt(), c.submittedAt(), c.concludedAt()))
                .toList(), mapper.countCasesOf(applicant));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private CaseView replay(BundleMapper.CaseRow c, String key) {
        if (key.equals(c.submitKey())) {
            return view(c);
        }
        throw ApiException.conflict("ALREADY_SUBMITTED", "一件事已提交，请勿重复提交");
    }

    /** One material of one child: whether an earlier item's licence gives it, and the files given for it. */
    record Slot(String applicationNo, String basicCode, Material material, boolean byLicence,
            List<ApplicationView.MaterialFile> files) {
    }

    private List<Slot> slots(BundleMapper.CaseRow c) {
        BundleDefinition d = bundles.parse(mapper.findBundle(c.bundleCode()).definition());
        Set<String> chosen = chosenCodes(c);
        List<Slot> slots = new ArrayList<>();
        for (BundleMapper.ChildRow child : mapper.findChildren(c.id())) {
            ApplicationView app = applications.get(child.applicationNo());
            BundleDefinition.Entry e = entry(d, child.basicCode());
            for (Material m : catalog.materials(catalog.item(app.summary().itemCode()))) {
                boolean byLicence = e.afterOrEmpty().stream().anyMatch(a -> chosen.contains(a.basicCode())
                        && m.name().equals(a.material()));
                slots.add(new Slot(child.applicationNo(), child.basicCode(), m, byLicence,
                        app.materials().stream().filter(f -> f.materialId() == m.id()).toList()));
            }
        }
        return slots;
    }

    CaseView view(BundleMapper.CaseRow c) {
        List<Child> children = new ArrayList<>();
        List<String> supplements = new ArrayList<>();
        List<ApplicationView.LicenseRef> licences = new ArrayList<>();
        for (BundleMapper.ChildRow k : mapper.findChildren(c.id())) {
            ApplicationView a = applications.get(k.applicationNo());
            children.add(new Child(k.basicCode(), k.applicationNo(), a.summary().itemName(), a.summary().agencyName(),
                    k.required(), k.state(), a.summary().status(), a.summary().statusName(), a.summary().dueDate(),
                    a.summary().remainingWorkingDays(), a.supplementNotice(), a.result(), a.license(), k.note()));
            if (a.summary().status() == ApplicationStatus.SUPPLEMENT_REQUIRED && a.supplementNotice() != null) {
                supplements.add(a.summary().itemName() + "（" + a.summary().agencyName() + "）：" + a.supplementNotice().opinion());
            }
            if (a.license() != null) {
                licences.add(a.license());
            }
        }
        Map<String, CaseMaterial> oneSet = new LinkedHashMap<>();
        for (Slot s : slots(c)) {
            CaseMaterial m = oneSet.get(s.material().name());
            ApplicationView.MaterialFile file = s.files().isEmpty() ? null : s.files().get(s.files().size() - 1);
            List<String> items = new ArrayList<>(m == null ? List.of() : m.items());
            items.add(s.basicCode());
            oneSet.put(s.material().name(), new CaseMaterial(s.material().name(),
                    s.material().required() || m != null && m.required(), items,
                    s.byLicence() && (m == null || m.providedBy() != null) ? "前序事项电子证照" : null,
                    file != null ? file.fileName() : m == null ? null : m.fileName(),
                    file != null ? Long.valueOf(file.id()) : m == null ? null : m.fileId()));
        }
        // 统一发证: the licences are handed over together once the whole case is concluded.
        return new CaseView(c.caseNo(), c.bundleCode(), c.bundleName(), c.status(), statusName(c.status()), c.regionCode(),
                read(c.answers()), c.outcome(), c.createdAt(), c.submittedAt(), c.concludedAt(), children,
                List.copyOf(oneSet.values()), supplements, "CONCLUDED".equals(c.status()) ? licences : List.of());
    }

    private BundleMapper.CaseRow own(String caseNo) {
        CurrentUser user = identity.current();
        BundleMapper.CaseRow c = caseNo == null || caseNo.length() > 32 ? null : mapper.findCase(caseNo);
        if (c == null || c.applicantId() != user.accountId()) {
            throw ApiException.notFound("一件事办件 " + caseNo);
        }
        return c;
    }

    private Set<String> chosenCodes(BundleMapper.CaseRow c) {
        return mapper.findChildren(c.id()).stream().map(BundleMapper.ChildRow::basicCode)
                .collect(Collectors.toSet());
    }

    static BundleDefinition.Entry entry(BundleDefinition d, String basicCode) {
        return d.items().stream().filter(e -> e.basicCode().equals(basicCode)).findFirst()
                .orElseThrow(() -> new IllegalStateException("bundle has no item " + basicCode));
    }

    /** The merged fields that fill a required field of a chosen item's form: required too, for these answers. */
    private Set<String> requiredFields(BundleDefinition d, List<BundleDefinition.Entry> chosen, List<Item> items) {
        Set<String> required = new HashSet<>();
        for (int i = 0; i < chosen.size(); i++) {
            String code = chosen.get(i).basicCode();
            Set<String> own = catalog.formFields(items.get(i)).stream().filter(FormDefinition.Field::required)
                    .map(FormDefinition.Field::key).collect(Collectors.toSet());
            for (BundleDefinition.Field f : d.fields()) {
                if (f.mapsTo() != null && f.mapsTo().stream().anyMatch(t -> t.basicCode().equals(code) && own.contains(t.field()))) {
                    required.add(f.key());
                }
            }
        }
        return required;
    }

    private static String caseNo(LocalDate day) {
        StringBuilder sb = new StringBuilder("YJS").append(day.format(DateTimeFormatter.BASIC_ISO_DATE));
        for (int i = 0; i < 8; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static String limit(String s) {
        return s.length() > 1000 ? s.substring(0, 1000) : s;
    }

    private String write(Map<String, Boolean> answers) {
        try {
            return json.writeValueAsString(answers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Boolean> read(String answers) {
        try {
            return json.readValue(answers, new TypeReference<LinkedHashMap<String, Boolean>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
