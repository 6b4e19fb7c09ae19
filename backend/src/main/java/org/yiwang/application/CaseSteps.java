package org.yiwang.application;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.catalog.CatalogService;
import org.yiwang.catalog.Material;
import org.yiwang.common.ApiException;
import org.yiwang.identity.IdentityService;
import org.yiwang.identity.Masking;
import org.yiwang.identity.Role;
import org.yiwang.license.License;
import org.yiwang.license.LicenseService;
import org.yiwang.notification.NotificationService;
import org.yiwang.timelimit.StatutoryClock;

import static org.yiwang.application.CaseRecords.caseOf;
import static org.yiwang.application.CaseRecords.requireStatus;
import static org.yiwang.application.CaseRecords.titled;

/**
 * The steps of a case after submission (办理环节), taken by clerks through the workbench and by the engine: each
 * checks the state it starts from, moves the statutory clock as the law says, records the timeline and tells the
 * applicant. The workbench decides who may act; the engine decides which step comes next.
 */
@Service
public class CaseSteps {

    private final ApplicationMapper mapper;
    private final CaseRecords cases;
    private final CatalogService catalog;
    private final IdentityService identity;
    private final StatutoryClock statutoryClock;
    private final LicenseService licenses;
    private final NotificationService notifications;
    private final Clock clock;

    CaseSteps(ApplicationMapper mapper, CaseRecords cases, CatalogService catalog, IdentityService identity,
            StatutoryClock statutoryClock, LicenseService licenses, NotificationService notifications, Clock clock) {
        this.mapper = mapper;
        this.cases = cases;
        this.catalog = catalog;
        this.identity = identity;
        this.statutoryClock = statutoryClock;
        this.licenses = licenses;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** What the workbench needs to know about the application behind a task. */
    public record Handle(String applicationNo, ApplicationStatus status, long agencyId, String regionCode,
            String itemName, int itemType, boolean suspended, boolean extended, int supplementCount,
            StatutoryClock.State clock) {
    }

    public Handle handle(String no) {
        Application a = cases.byNo(no);
        return new Handle(a.applicationNo, a.status, a.agencyId, a.regionCode, a.itemName, a.itemType,
                a.suspendedSince != null, a.extendedDays > 0, a.supplementCount, cases.clockOf(a));
    }

    @Transactional
    public void accepted(String no, Actor actor, String opinion) {
        Application a = cases.byNo(no);
        requireStatus(a, ApplicationStatus.SUBMITTED);
        accept(a, LocalDateTime.now(clock));
        cases.event(a, "ACCEPT", actor, opinion);
        notifications.send(a.applicantId, titled("申请已受理", a), caseOf(a) + "已受理，办结期限至 " + a.dueDate + "。", a.applicationNo);
    }

    /** No supplement notice within 5 working days: accepted as of the day the application was received. */
    @Transactional
    public void deemedAccepted(String no) {
        Application a = cases.byNo(no);
        if (a.status != ApplicationStatus.SUBMITTED) {
            return;
        }
        accept(a, a.submittedAt);
        cases.event(a, "DEEMED_ACCEPTED", Actor.SYSTEM, "逾期未告知补正，依《行政许可法》第三十二条自收到申请材料之日（"
                + a.submittedAt.toLocalDate() + "）起即为受理");
        if (a.testRun) {
            return;
        }
        notifications.send(a.applicantId, titled("申请视为已受理", a), caseOf(a) + "自收到之日起视为受理。", a.applicationNo);
    }

    @Transactional
    public void refused(String no, Actor actor, String opinion) {
        Application a = cases.byNo(no);
        requireStatus(a, ApplicationStatus.SUBMITTED);
        decide(a, ApplicationStatus.NOT_ACCEPTED, opinion);
        a.concludedAt = a.decidedAt;
        cases.save(a);
        cases.event(a, "REFUSE", actor, opinion);
        notifications.send(a.applicantId, titled("申请不予受理", a), caseOf(a) + "不予受理：" + opinion, a.applicationNo);
    }

    @Transactional
    public void supplementRequested(String no, Actor actor, String opinion, List<Long> materialIds) {
        Application a = cases.byNo(no);
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
        cases.save(a);
        cases.event(a, "SUPPLEMENT", actor, opinion);
        notifications.send(a.applicantId, titled("请补正材料", a), caseOf(a) + "需要补正材料：" + opinion, a.applicationNo);
    }

    @Transactional
    public void reviewed(String no, Actor actor, String opinion, String action) {
        Application a = cases.byNo(no);
        requireStatus(a, ApplicationStatus.ACCEPTED, ApplicationStatus.UNDER_REVIEW);
        a.status = ApplicationStatus.UNDER_REVIEW;
        cases.save(a);
        cases.event(a, action, actor, opinion);
    }

    @Transactional
    public void decided(String no, Actor actor, boolean approve, String opinion) {
        Application a = cases.byNo(no);
        requireStatus(a, ApplicationStatus.ACCEPTED, ApplicationStatus.UNDER_REVIEW);
        decide(a, approve ? ApplicationStatus.APPROVED : ApplicationStatus.REJECTED, opinion);
        cases.save(a);
        cases.event(a, approve ? "APPROVE" : "REJECT", actor, opinion);
    }

    /** The instant item's one step: accepted and decided on the spot. */
    @Transactional
    public void decidedOnTheSpot(String no, Actor actor, boolean approve, String opinion) {
        Application a = cases.byNo(no);
        requireStatus(a, ApplicationStatus.SUBMITTED);
        accept(a, LocalDateTime.now(clock));
        cases.event(a, "ACCEPT", actor, null);
        decided(no, actor, approve, opinion);
    }

    /** The engine's last step: conclude, issue the e-licence of an approved licensing item, tell the applicant. */
    @Transactional
    public void concluded(String no) {
        Application a = cases.byNo(no);
        if (a.status == ApplicationStatus.CONCLUDED || a.status == ApplicationStatus.DELIVERED) {
            return;
        }
        if (a.testRun) {
            // The administrator walked the steps without deciding anything: no licence, nobody to tell.
            a.status = ApplicationStatus.CONCLUDED;
            a.concludedAt = LocalDateTime.now(clock);
            cases.save(a);
            cases.event(a, "CONCLUDE", Actor.SYSTEM, "试运行");
            return;
        }
        requireStatus(a, ApplicationStatus.APPROVED, ApplicationStatus.REJECTED);
        boolean approved = a.status == ApplicationStatus.APPROVED;
        if (approved && issuesLicense(a.itemType)) {
            Map<String, Object> filled = a.formData == null ? Map.of() : cases.form(a.formData);
            License l = licenses.issue(new LicenseService.Issue(a.id, a.applicationNo, a.applicantId,
                    identity.displayNameOf(a.applicantId), Masking.idNumber(identity.identityNumberOf(a.applicantId)),
                    a.itemName, a.agencyName, a.agencyId, identity.isLegalPerson(a.applicantId),
                    LicenceFields.address(filled), LicenceFields.scope(filled)));
            cases.event(a, "LICENSE", Actor.SYSTEM, "电子证照 " + l.licenseNo());
        }
        a.status = ApplicationStatus.CONCLUDED;
        a.concludedAt = LocalDateTime.now(clock);
        cases.save(a);
        cases.event(a, "CONCLUDE", Actor.SYSTEM, null);
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
            cases.event(a, "DELIVER", Actor.SYSTEM, "电子送达");
        }
    }

    /** 特别程序 (hearing, testing, expert review, inspection): the clock stops until it ends. */
    @Transactional
    public void suspended(String no, Actor actor, String procedure, String opinion) {
        Application a = cases.byNo(no);
        requireStatus(a, ApplicationStatus.ACCEPTED, ApplicationStatus.UNDER_REVIEW);
        a.resumeStatus = a.status;
        a.status = ApplicationStatus.SUSPENDED;
        a.suspendedSince = statutoryClock.today();
        cases.save(a);
        cases.event(a, "SUSPEND", actor, procedure + (opinion == null ? "" : "：" + opinion));
    }

    @Transactional
    public void resumed(String no, Actor actor, String opinion) {
        Application a = cases.byNo(no);
        requireStatus(a, ApplicationStatus.SUSPENDED);
        a.suspendedDays += statutoryClock.suspendedWorkingDays(a.suspendedSince, statutoryClock.today());
        a.suspendedSince = null;
        a.status = a.resumeStatus == null ? ApplicationStatus.UNDER_REVIEW : a.resumeStatus;
        a.resumeStatus = null;
        a.dueDate = cases.conclusionDue(a, a.acceptedAt.toLocalDate());
        a.warnedLevel = null;
        cases.save(a);
        cases.event(a, "RESUME", actor, opinion);
    }

    /** One extension of up to 10 working days, by the agency's head, with a reason (第四十二条). */
    @Transactional
    public void extended(String no, Actor actor, int days, String reason) {
        Application a = cases.byNo(no);
        requireStatus(a, ApplicationStatus.ACCEPTED, ApplicationStatus.UNDER_REVIEW, ApplicationStatus.SUSPENDED);
        if (a.extendedDays > 0) {
            throw ApiException.conflict("EXTENDED_ONCE", "本件已延期一次，不能再次延期");
        }
        if (days < 1 || days > StatutoryClock.MAX_EXTENSION_DAYS) {
            throw ApiException.badParameter("days", "延长期限须为 1 到 10 个工作日");
        }
        a.extendedDays = days;
        a.dueDate = cases.conclusionDue(a, a.acceptedAt.toLocalDate());
        a.warnedLevel = null;
        cases.save(a);
        cases.event(a, "EXTEND", actor, "延长 " + days + " 个工作日：" + reason);
        notifications.send(a.applicantId, titled("办理期限延长", a), caseOf(a) + "经负责人批准延长 " + days
                + " 个工作日，新的期限为 " + a.dueDate + "。理由：" + reason, a.applicationNo);
    }

    /** A case returned or withdrawn to acceptance: acceptance is due again within 5 working days. */
    @Transactional
    public LocalDate returnedToAcceptance(String no, Actor actor, String action, String opinion) {
        Application a = cases.byNo(no);
        requireStatus(a, ApplicationStatus.ACCEPTED, ApplicationStatus.UNDER_REVIEW);
        a.status = ApplicationStatus.SUBMITTED;
        a.acceptedAt = null;
        a.acceptDeadline = statutoryClock.acceptDeadline(statutoryClock.today());
        a.warnedLevel = null;
        cases.save(a);
        cases.event(a, action, actor, opinion);
        return a.acceptDeadline;
    }

    /** 抄送: staff get to read the application; they are told in their message centre. */
    @Transactional
    public void copied(String no, Actor actor, List<Long> accountIds, String opinion) {
        Application a = cases.byNo(no);
        LocalDateTime now = LocalDateTime.now(clock);
        for (long id : accountIds) {
            if (mapper.insertCopy(a.id, id, actor.name(), now) > 0) {
                notifications.send(id, "抄送", actor.name() + " 将办件 " + a.applicationNo + "（" + a.itemName + "）抄送给您"
                        + (opinion == null || opinion.isBlank() ? "。" : "：" + opinion), a.applicationNo);
            }
        }
        cases.event(a, "COPY", actor, opinion);
    }

    /** A step that changes no state but belongs in the timeline (claim, transfer, return …). */
    @Transactional
    public void recorded(String no, Actor actor, String action, String opinion) {
        cases.event(cases.byNo(no), action, actor, opinion);
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
                StatutoryClock.Colour colour = cases.clockOf(a).colour();
                String level = colour == StatutoryClock.Colour.RED || colour == StatutoryClock.Colour.YELLOW ? colour.name() : null;
                if (level == null || level.equals(a.warnedLevel) || "RED".equals(a.warnedLevel)) {
                    continue;
                }
                if (mapper.markWarned(a.id, a.warnedLevel, level) == 1) {
                    raised++;
                    cases.event(a, "CLOCK_" + level, Actor.SYSTEM, "YELLOW".equals(level) ? "办理时限即将届满" : "已超过办理时限");
                    notifications.send(identity.staffOf(a.agencyId, Role.SUPERVISE),
                            "YELLOW".equals(level) ? "时限预警" : "超期督办",
                            "办件 " + a.applicationNo + "（" + a.itemName + "）" + ("YELLOW".equals(level)
                                    ? "即将到期，期限 " + a.dueDate : "已超过办理期限 " + a.dueDate) + "。", a.applicationNo);
                }
            }
        }
        return raised;
    }

    private void accept(Application a, LocalDateTime acceptedAt) {
        a.status = ApplicationStatus.ACCEPTED;
        a.acceptedAt = acceptedAt;
        a.dueDate = cases.conclusionDue(a, acceptedAt.toLocalDate());
        a.warnedLevel = null;
        cases.save(a);
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
}
