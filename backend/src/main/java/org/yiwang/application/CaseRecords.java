package org.yiwang.application;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.yiwang.audit.AuditService;
import org.yiwang.common.ApiException;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.identity.Masking;
import org.yiwang.identity.PersonalDataCipher;
import org.yiwang.identity.Role;
import org.yiwang.license.LicenseService;
import org.yiwang.region.Region;
import org.yiwang.region.RegionService;
import org.yiwang.timelimit.StatutoryClock;
import org.yiwang.workflow.WorkflowService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the application services share about one case (办件): finding it for a caller (own, visible, by number),
 * saving it with the clock's derived fields, the timeline, the stored form and the views of it.
 */
@Component
class CaseRecords {

    private static final int MAX_FORM_BYTES = 64 * 1024;
    private static final String REMEDIES = "如不服本决定，可以自收到本决定之日起六十日内依法申请行政复议，"
            + "或者在六个月内依法向人民法院提起行政诉讼。";

    private final ApplicationMapper mapper;
    private final PersonalDataCipher cipher;
    private final RegionService regions;
    private final IdentityService identity;
    private final WorkflowService workflow;
    private final StatutoryClock statutoryClock;
    private final LicenseService licenses;
    private final ObjectMapper json;
    private final Clock clock;
    private final AuditService audit;
    private final ApplicationEventPublisher events;

    CaseRecords(ApplicationMapper mapper, PersonalDataCipher cipher, RegionService regions, IdentityService identity,
            WorkflowService workflow, StatutoryClock statutoryClock, LicenseService licenses, ObjectMapper json, Clock clock,
            AuditService audit, ApplicationEventPublisher events) {
        this.mapper = mapper;
        this.cipher = cipher;
        this.regions = regions;
        this.identity = identity;
        this.workflow = workflow;
        this.statutoryClock = statutoryClock;
        this.licenses = licenses;
        this.json = json;
        this.clock = clock;
        this.audit = audit;
        this.events = events;
    }

    // ---- finding a case for a caller ------------------------------------------------------------------------

    Application byNo(String no) {
        Application a = no == null ? null : mapper.findByNo(no);
        if (a == null) {
            throw ApiException.notFound("办件 " + no);
        }
        return a;
    }

    /** The caller's own application; 404 for anyone else's, so its existence is not disclosed. */
    Application own(String no) {
        CurrentUser user = identity.current();
        Application a = no == null ? null : mapper.findByNo(no);
        if (a == null || a.testRun || a.applicantId != user.accountId()) {
            throw ApiException.notFound("办件 " + no);
        }
        return a;
    }

    /** An application the caller may see (applicant, or staff in scope); 404 otherwise. */
    Application visible(String no) {
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

    /**
     * Staff reading a case's personal data leave an audit row (who, which case and data, when, from where);
     * applicants reading their own cases do not. Last in the caller's transaction, if any (see
     * {@link AuditService#recordCaseAct}).
     */
    void auditStaffRead(Application a, String action, String detail) {
        CurrentUser user = identity.current();
        if (!user.isApplicant()) {
            audit.recordCaseAct(user.accountId(), user.username(), action, a.applicationNo, detail, a.regionCode);
        }
    }

    // ---- changing a case ------------------------------------------------------------------------------------

    /**
     * Saves a changed case under its version: a concurrent change wins, this one answers 409. Features that follow
     * cases (bundles) hear of it in the same transaction.
     */
    void save(Application a) {
        a.yellowFrom = statutoryClock.yellowFrom(a.dueDate, a.limitDays + a.extendedDays);
        if (mapper.update(a, LocalDateTime.now(clock)) == 0) {
            throw concurrent();
        }
        a.version++;
        events.publishEvent(new ApplicationService.Changed(a.id, a.applicationNo, a.applicantId, a.status));
    }

    static ApiException concurrent() {
        return ApiException.conflict("CONCURRENT_UPDATE", "办件已被他人处理，请刷新后重试");
    }

    static void requireStatus(Application a, ApplicationStatus... allowed) {
        if (!Arrays.asList(allowed).contains(a.status)) {
            throw ApiException.conflict("WRONG_STATUS", "办件当前状态为“" + a.status.label() + "”，不能执行此操作");
        }
    }

    void event(Application a, String action, Actor actor, String opinion) {
        mapper.insertEvent(a.id, LocalDateTime.now(clock), action, actor.accountId(), actor.name(), actor.role(),
                actor.agencyName(), limit(opinion), a.status.name(), clockOf(a).remainingWorkingDays());
    }

    Actor applicantActor(CurrentUser user) {
        return new Actor(user.accountId(), Masking.name(user.displayName()), Role.APPLICANT.label(), null);
    }

    static String limit(String text) {
        return text == null ? null : text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    /** A message names its case: which application, of which item, so a list of them can be told apart. */
    static String caseOf(Application a) {
        return "办件 " + a.applicationNo + "（" + a.itemName + "）";
    }

    static String titled(String title, Application a) {
        String item = a.itemName.length() > 120 ? a.itemName.substring(0, 120) + "…" : a.itemName;
        return title + " · " + item;
    }

    // ---- the statutory clock --------------------------------------------------------------------------------

    /**
     * The day the decision is due (办结期限). Without a supplement notice the application counts as accepted from the
     * day it was received (第三十二条: an agency silent for 5 working days has accepted it then, so one that accepts
     * within them cannot gain time by it); after a notice, from the acceptance of the completed application.
     */
    LocalDate conclusionDue(Application a, LocalDate acceptedOn) {
        LocalDate from = a.supplementCount == 0 ? a.submittedAt.toLocalDate() : acceptedOn;
        return statutoryClock.dueDate(from, a.limitDays, a.extendedDays, a.suspendedDays);
    }

    /** The day acceptance is due (受理期限), while the application waits for it. */
    static LocalDate acceptanceDue(Application a) {
        return a.status == ApplicationStatus.SUBMITTED ? a.acceptDeadline : null;
    }

    StatutoryClock.State clockOf(Application a) {
        if (!ApplicationStatus.CLOCK_RUNNING.contains(a.status) && a.status != ApplicationStatus.SUSPENDED) {
            return new StatutoryClock.State(a.dueDate, null, StatutoryClock.Colour.GREEN);
        }
        return statutoryClock.state(a.dueDate, a.limitDays + a.extendedDays, a.suspendedSince);
    }

    // ---- the form -------------------------------------------------------------------------------------------

    /** The form as stored: JSON, encrypted as a whole since any of its fields may be personal data. */
    String formJson(Map<String, Object> formData) {
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
    Map<String, Object> form(String formData) {
        try {
            return json.readValue(formData.startsWith("{") ? formData : cipher.decrypt(formData), new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored form data is not JSON", e);
        }
    }

    // ---- views ----------------------------------------------------------------------------------------------

    ApplicationSummary summary(Application a) {
        StatutoryClock.State c = clockOf(a);
        return new ApplicationSummary(a.applicationNo, a.status, a.itemCode, a.itemName, a.caseKind, a.agencyName,
                a.regionCode, a.submittedAt, acceptanceDue(a), c.dueDate(), c.remainingWorkingDays(), c.colour(), a.createdAt);
    }

    ApplicationView view(Application a) {
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

    static ApplicationView.MaterialFile materialFile(ApplicationMapper.StoredMaterial m) {
        return new ApplicationView.MaterialFile(m.id(), m.materialId(), m.materialName(), m.fileName(), m.contentType(),
                m.sizeBytes(), m.sha256(), m.uploadedAt());
    }

    static List<Long> supplementMaterialIds(Application a) {
        if (a.supplementMaterials == null || a.supplementMaterials.isBlank()) {
            return List.of();
        }
        return Arrays.stream(a.supplementMaterials.split(",")).map(Long::valueOf).toList();
    }
}
