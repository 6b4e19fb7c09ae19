package org.yiwang.catalog;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.yiwang.common.ApiException;
import org.yiwang.common.ApiException.FieldProblem;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.region.Agency;
import org.yiwang.region.Region;
import org.yiwang.region.RegionService;
import org.yiwang.region.ServiceLevel;
import org.yiwang.audit.AuditService;
import org.yiwang.workflow.WorkflowService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Item administration (事项管理): administrators create and edit items with their whole guide, materials, process
 * and form, and publish or unpublish them. Every change makes the next version — the version a client read must
 * be sent back, so of two administrators editing one item the second gets a 409 — keeps a snapshot of it,
 * is audited, and reaches the search index as soon as it commits.
 * <p>
 * Most of its length is the check of a whole guide, field by field, kept beside the versioning it guards.
 */
@Service
public class ItemAdminService {

    private static final Pattern PHONE = Pattern.compile("[0-9][0-9-]{2,31}");
    private static final Pattern DEPARTMENT = Pattern.compile("[A-Z0-9]{1,8}");
    private static final Set<String> FILE_TYPES = Set.of("pdf", "jpg", "jpeg", "png");
    private static final int MAX_MATERIALS = 30;

    private final CatalogMapper mapper;
    private final CatalogService catalog;
    private final FormService forms;
    private final RegionService regions;
    private final WorkflowService workflow;
    private final ProcessOwners owners;
    private final IdentityService identity;
    private final AuditService audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ItemAdminService(CatalogMapper mapper, CatalogService catalog, FormService forms, RegionService regions,
            WorkflowService workflow, ProcessOwners owners, IdentityService identity, AuditService audit, ObjectMapper json,
            Clock clock, ApplicationEventPublisher events) {
        this.mapper = mapper;
        this.catalog = catalog;
        this.forms = forms;
        this.regions = regions;
        this.workflow = workflow;
        this.owners = owners;
        this.identity = identity;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.events = events;
    }

    /** Every guide element an administrator sets; {@code version} is the one they read (not for a new item). */
    public record ItemEdit(Integer version, String name, String mainItemName, Integer type, String level, String regionCode,
            Long agencyId, String departmentCode, String caseKind, String audience, Integer legalLimitDays,
            Integer promisedLimitDays, String fee, String feeBasis, Integer visits, Integer onlineDepth, String lawBasis,
            String consultPhone, String complaintPhone, String processDescription, String processKey, String formKey,
            Integer formVersion, List<MaterialEdit> materials) {
    }

    /** A material; {@code id} names one the item has, none adds a new one. */
    public record MaterialEdit(Long id, String name, String form, Integer copies, Boolean required, Boolean blankForm,
            Boolean sample, String acceptTypes, Integer maxSizeMb) {
    }

    public record VersionRef(Integer version) {
    }

    /** One entry of an item's history. */
    public record Version(int version, String action, String status, String changedBy, LocalDateTime changedAt) {
    }

    public PageResult<Item> list(String q, String status, Paging paging) {
        if (status != null && !status.isBlank() && !Set.of("PUBLISHED", "UNPUBLISHED").contains(status)) {
            throw ApiException.badParameter("status", "status 须为 PUBLISHED 或 UNPUBLISHED");
        }
        if (q != null && q.length() > 100) {
            throw ApiException.badParameter("q", "搜索词不能超过 100 个字符");
        }
        String query = q == null || q.isBlank() ? null : q.strip();
        String s = status == null || status.isBlank() ? null : status;
        String region = identity.current().regionCode();
        return paging.result(mapper.findForAdmin(query, s, region, paging.offset(), paging.size()),
                mapper.countForAdmin(query, s, region));
    }

    /** An item as its administrator sees it, published or not. */
    public ItemDetail get(String code) {
        return detail(existing(code));
    }

    /** The processes an item of the caller's subtree may bind: those of its region, above it or below it. */
    public List<WorkflowService.Process> processes() {
        String caller = identity.current().regionCode();
        return workflow.processes().stream().filter(p -> owners.regionOf(p.key())
                .filter(owner -> regions.isWithin(owner, caller) || regions.isWithin(caller, owner)).isPresent()).toList();
    }

    @Transactional
    public ItemDetail create(ItemEdit edit, HttpServletRequest http) {
        Checked c = check(edit, null);
        CatalogMapper.ItemRow row = row(edit, c);
        String letters = CatalogGenerator.typeLetters(edit.type());
        Integer last = mapper.lastEntryNumber();
        row.basicCode = "%s%04d".formatted(letters, (last == null ? 0 : last) + 1);
        row.code = row.basicCode + "-" + c.region().code();
        row.id = mapper.nextItemId();
        row.status = "UNPUBLISHED";
        row.version = 1;
        try {
            mapper.insertItem(row);
            saveMaterials(row.id, edit.materials(), List.of());
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("CONCURRENT_UPDATE", "另一位管理员同时新增了事项，请重试");
        }
        return changed(row.code, "CREATED", http);
    }

    @Transactional
    public ItemDetail update(String code, ItemEdit edit, HttpServletRequest http) {
        Item item = existing(code);
        int expected = expectedVersion(edit == null ? null : edit.version());
        Checked c = check(edit, item);
        CatalogMapper.ItemRow row = row(edit, c);
        row.id = item.id();
        if (mapper.updateItem(row, expected) == 0) {
            throw stale(code);
        }
        try {
            saveMaterials(item.id(), edit.materials(), mapper.findMaterialIds(item.id()));
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("CONCURRENT_UPDATE", "另一位管理员同时修改了材料，请刷新后重试");
        }
        return changed(code, "EDITED", http);
    }

    @Transactional
    public ItemDetail publish(String code, VersionRef ref, boolean publish, HttpServletRequest http) {
        Item item = existing(code);
        int expected = expectedVersion(ref == null ? null : ref.version());
        if (publish && !workflow.isDeployed(item.processKey())) {
            throw ApiException.conflict("PROCESS_NOT_DEPLOYED", "事项绑定的流程 " + item.processKey() + " 未部署，不能发布");
        }
        if (mapper.updateStatus(item.id(), publish ? "PUBLISHED" : "UNPUBLISHED", expected, LocalDateTime.now(clock)) == 0) {
            throw stale(code);
        }
        return changed(code, publish ? "PUBLISHED" : "UNPUBLISHED", http);
    }

    public List<Version> versions(String code) {
        return mapper.findVersions(existing(code).id());
    }

    public JsonNode version(String code, int version) {
        String snapshot = mapper.findSnapshot(existing(code).id(), version);
        if (snapshot == null) {
            throw ApiException.notFound("事项 " + code + " 的第 " + version + " 版");
        }
        try {
            return json.readTree(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("item version snapshot is not JSON", e);
        }
    }

    /** Records the new version with its snapshot and audit entry, and refreshes search once it is committed. */
    private ItemDetail changed(String code, String action, HttpServletRequest http) {
        Item item = mapper.findByCode(code);
        ItemDetail detail = detail(item);
        CurrentUser admin = identity.current();
        try {
            mapper.insertVersion(item.id(), item.version(), action, item.status(), json.writeValueAsString(detail),
                    admin.username(), LocalDateTime.now(clock));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (DuplicateKeyException e) {
            throw stale(code);
        }
        audit.record(new AuditService.Event(admin.accountId(), admin.username(), "ITEM_" + action, "item:" + code,
                item.name() + " v" + item.version() + " " + item.status(), http.getRemoteAddr(), admin.regionCode()));
        events.publishEvent(new ItemChanged(code, action));
        return detail;
    }

    /** An item was saved ({@code EDITED}: its guide changed), published or withdrawn; push tells its followers. */
    public record ItemChanged(String code, String action) {
    }

    /** The portal's catalogue shows the change once it is committed. */
    @TransactionalEventListener
    void refreshCatalog(ItemChanged changed) {
        catalog.refresh();
    }

    private ItemDetail detail(Item item) {
        return new ItemDetail(item, mapper.findMaterials(item.id()),
                forms.find(item.formKey(), item.formVersion()).orElse(null));
    }

    /** An item within the administrator's region; others answer 404 as if they did not exist. */
    private Item existing(String code) {
        Item item = code == null || code.length() > 40 ? null : mapper.findByCode(code);
        if (item == null || !regions.isWithin(item.regionCode(), identity.current().regionCode())) {
            throw ApiException.notFound("事项 " + code);
        }
        return item;
    }

    private static int expectedVersion(Integer version) {
        if (version == null) {
            throw ApiException.badParameter("version", "请提供所编辑的版本号 version");
        }
        return version;
    }

    private static ApiException stale(String code) {
        return ApiException.conflict("STALE_VERSION", "事项 " + code + " 已被他人修改，请刷新后再编辑");
    }

    private record Checked(Region region, Agency agency, ServiceLevel level) {
    }

    /** Every field checked at once, so the editor can mark them all. */
    private Checked check(ItemEdit e, Item current) {
        if (e == null) {
            throw ApiException.badRequest("INVALID_BODY", "请提供事项内容");
        }
        List<FieldProblem> out = new ArrayList<>();
        text(out, "name", e.name(), 2, 160, true);
        text(out, "mainItemName", e.mainItemName(), 0, 160, false);
        if (e.type() == null || !ItemType.isKnown(e.type())) {
            out.add(new FieldProblem("type", "事项类型须为 1、5、7、8、9、10 或 20"));
        }
        ServiceLevel level = null;
        try {
            level = e.level() == null ? null : ServiceLevel.valueOf(e.level());
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        if (level == null) {
            out.add(new FieldProblem("level", "行使层级须为 PROVINCE、CITY_COUNTY、TOWNSHIP 或 VILLAGE"));
        }
        Region region = e.regionCode() == null || e.regionCode().length() > 12 ? null : regions.find(e.regionCode()).orElse(null);
        String adminRegion = identity.current().regionCode();
        if (region == null) {
            out.add(new FieldProblem("regionCode", "行政区划 " + e.regionCode() + " 不存在"));
        } else if (!regions.isWithin(region.code(), adminRegion)) {
            out.add(new FieldProblem("regionCode", "只能管理本辖区的事项"));
        } else if (level != null && region.level() != level) {
            out.add(new FieldProblem("level", "行使层级须与行政区划 " + region.fullName() + " 的层级 " + region.level() + " 一致"));
        }
        Agency agency = e.agencyId() == null ? null : regions.agencyByIdIfExists(e.agencyId()).orElse(null);
        if (agency == null) {
            out.add(new FieldProblem("agencyId", "请选择实施主体"));
        } else if (region != null && !agency.regionCode().equals(region.code())) {
            out.add(new FieldProblem("agencyId", "实施主体 " + agency.name() + " 不在行政区划 " + region.fullName()));
        }
        if (e.departmentCode() == null || !DEPARTMENT.matcher(e.departmentCode()).matches()) {
            out.add(new FieldProblem("departmentCode", "部门类别须为 1 到 8 个大写字母或数字，如 SCJGJ"));
        }
        if (!"INSTANT".equals(e.caseKind()) && !"PROMISED".equals(e.caseKind())) {
            out.add(new FieldProblem("caseKind", "办件类型须为 INSTANT（即办件）或 PROMISED（承诺件）"));
        }
        if (!Set.of("NATURAL_PERSON", "LEGAL_PERSON", "BOTH").contains(String.valueOf(e.audience()))) {
            out.add(new FieldProblem("audience", "服务对象须为 NATURAL_PERSON、LEGAL_PERSON 或 BOTH"));
        }
        limits(out, e);
        text(out, "fee", e.fee(), 1, 255, true);
        text(out, "feeBasis", e.feeBasis(), 0, 255, false);
        range(out, "visits", e.visits(), 0, 5, "到现场次数须在 0 到 5 之间");
        range(out, "onlineDepth", e.onlineDepth(), 1, 4, "网办深度须在 1 到 4 之间");
        text(out, "lawBasis", e.lawBasis(), 1, 1000, true);
        phone(out, "consultPhone", e.consultPhone());
        phone(out, "complaintPhone", e.complaintPhone());
        text(out, "processDescription", e.processDescription(), 1, 1000, true);
        if (e.processKey() == null || e.processKey().isBlank()) {
            out.add(new FieldProblem("processKey", "请选择办理流程"));
        } else if (!workflow.isDeployed(e.processKey())) {
            out.add(new FieldProblem("processKey", "流程 " + e.processKey() + " 尚未部署"));
        } else if (region != null && owners.regionOf(e.processKey()).filter(o -> regions.isWithin(region.code(), o)).isEmpty()) {
            out.add(new FieldProblem("processKey", "流程 " + e.processKey() + " 属于其他辖区，本辖区的事项不能绑定"));
        }
        if (e.formKey() != null && !e.formKey().isBlank() || e.formVersion() != null) {
            if (forms.find(e.formKey(), e.formVersion()).isEmpty()) {
                out.add(new FieldProblem("formKey", "表单 " + e.formKey() + " 第 " + e.formVersion() + " 版不存在"));
            }
        }
        materials(out, e.materials(), current == null ? Set.of() : new HashSet<>(mapper.findMaterialIds(current.id())));
        if (!out.isEmpty()) {
            throw ApiException.invalidFields("INVALID_BODY", "事项内容不合法", out);
        }
        return new Checked(region, agency, level);
    }

    private static void limits(List<FieldProblem> out, ItemEdit e) {
        range(out, "legalLimitDays", e.legalLimitDays(), 0, 365, "法定办结时限须在 0 到 365 个工作日之间");
        range(out, "promisedLimitDays", e.promisedLimitDays(), 0, 365, "承诺办结时限须在 0 到 365 个工作日之间");
        if (e.legalLimitDays() != null && e.promisedLimitDays() != null && e.promisedLimitDays() > e.legalLimitDays()) {
            out.add(new FieldProblem("promisedLimitDays", "承诺办结时限不能超过法定办结时限"));
        }
        if ("INSTANT".equals(e.caseKind()) && e.promisedLimitDays() != null && e.promisedLimitDays() != 0) {
            out.add(new FieldProblem("promisedLimitDays", "即办件的承诺办结时限为 0（当场办结）"));
        }
        if ("PROMISED".equals(e.caseKind()) && e.promisedLimitDays() != null && e.promisedLimitDays() < 1) {
            out.add(new FieldProblem("promisedLimitDays", "承诺件的承诺办结时限至少 1 个工作日"));
        }
    }

    private static void materials(List<FieldProblem> out, List<MaterialEdit> materials, Set<Long> known) {
        if (materials == null || materials.size() > MAX_MATERIALS) {
            out.add(new FieldProblem("materials", "申请材料须为至多 " + MAX_MATERIALS + " 项的列表"));
            return;
        }
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < materials.size(); i++) {
            String at = "materials[" + i + "].";
            MaterialEdit m = materials.get(i);
            if (m == null) {
                out.add(new FieldProblem(at + "name", "材料不能为空"));
                continue;
            }
            if (m.id() != null && (!known.contains(m.id()) || !seen.add(m.id()))) {
                out.add(new FieldProblem(at + "id", "材料 " + m.id() + " 不属于该事项"));
            }
            text(out, at + "name", m.name(), 1, 200, true);
            if (!Set.of("ORIGINAL", "COPY", "ORIGINAL_AND_COPY").contains(String.valueOf(m.form()))) {
                out.add(new FieldProblem(at + "form", "材料形式须为 ORIGINAL、COPY 或 ORIGINAL_AND_COPY"));
            }
            range(out, at + "copies", m.copies(), 1, 99, "份数须在 1 到 99 之间");
            yesOrNo(out, at + "required", m.required());
            yesOrNo(out, at + "blankForm", m.blankForm());
            yesOrNo(out, at + "sample", m.sample());
            if (m.acceptTypes() == null || m.acceptTypes().isBlank()
                    || !FILE_TYPES.containsAll(List.of(m.acceptTypes().replace(" ", "").split(",")))) {
                out.add(new FieldProblem(at + "acceptTypes", "可上传的文件类型须为 pdf、jpg、jpeg、png 中的一种或几种，以逗号分隔"));
            }
            range(out, at + "maxSizeMb", m.maxSizeMb(), 1, 50, "单个文件大小上限须在 1 到 50 MB 之间");
        }
    }

    private static void yesOrNo(List<FieldProblem> out, String field, Boolean value) {
        if (value == null) {
            out.add(new FieldProblem(field, "请选择是或否"));
        }
    }

    private static void text(List<FieldProblem> out, String field, String value, int min, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                out.add(new FieldProblem(field, "请填写该项"));
            }
        } else if (value.strip().length() < min || value.strip().length() > max) {
            out.add(new FieldProblem(field, "长度须在 " + min + " 到 " + max + " 个字符之间"));
        }
    }

    private static void range(List<FieldProblem> out, String field, Integer value, int min, int max, String message) {
        if (value == null || value < min || value > max) {
            out.add(new FieldProblem(field, message));
        }
    }

    private static void phone(List<FieldProblem> out, String field, String value) {
        if (value == null || !PHONE.matcher(value).matches()) {
            out.add(new FieldProblem(field, "电话须为 3 到 32 位数字或连字符，如 0898-12345 或 12345"));
        }
    }

    private CatalogMapper.ItemRow row(ItemEdit e, Checked c) {
        CatalogMapper.ItemRow row = new CatalogMapper.ItemRow();
        row.name = e.name().strip();
        row.mainItemName = blankToNull(e.mainItemName());
        row.type = e.type();
        row.level = c.level().name();
        row.regionCode = c.region().code();
        row.agencyId = c.agency().id();
        row.departmentCode = e.departmentCode();
        row.caseKind = e.caseKind();
        row.audience = e.audience();
        row.legalLimitDays = e.legalLimitDays();
        row.promisedLimitDays = e.promisedLimitDays();
        row.fee = e.fee().strip();
        row.feeBasis = blankToNull(e.feeBasis());
        row.visits = e.visits();
        row.onlineDepth = e.onlineDepth();
        row.lawBasis = e.lawBasis().strip();
        row.consultPhone = e.consultPhone();
        row.complaintPhone = e.complaintPhone();
        row.processDescription = e.processDescription().strip();
        row.processKey = e.processKey();
        row.formKey = blankToNull(e.formKey());
        row.formVersion = row.formKey == null ? null : e.formVersion();
        Pinyin.Spelling spelling = Pinyin.of(row.name);
        row.pinyin = spelling.full();
        row.initials = spelling.initials();
        row.updatedAt = LocalDateTime.now(clock);
        return row;
    }

    /** Materials in the order given: known ones updated, new ones added, missing ones retired. */
    private void saveMaterials(long itemId, List<MaterialEdit> materials, List<Long> existing) {
        mapper.parkMaterials(itemId);
        Set<Long> kept = new HashSet<>();
        long next = mapper.nextMaterialId();
        for (int i = 0; i < materials.size(); i++) {
            MaterialEdit m = materials.get(i);
            Material material = new Material(m.id() == null ? next++ : m.id(), i + 1, m.name().strip(), m.form(),
                    m.copies(), m.required(), m.blankForm(), m.sample(), m.acceptTypes().replace(" ", ""), m.maxSizeMb());
            if (m.id() == null) {
                mapper.insertMaterial(itemId, material);
            } else {
                kept.add(m.id());
                mapper.updateMaterial(material);
            }
        }
        existing.stream().filter(id -> !kept.contains(id)).forEach(mapper::retireMaterial);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
