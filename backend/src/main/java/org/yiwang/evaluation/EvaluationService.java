package org.yiwang.evaluation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.application.ApplicationService;
import org.yiwang.application.ApplicationStatus;
import org.yiwang.common.ApiException;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.identity.Role;
import org.yiwang.notification.NotificationService;
import org.yiwang.region.RegionService;
import org.yiwang.timelimit.WorkingCalendar;

/**
 * 好差评 (rating of government services): once per application after its outcome; an unsatisfied rating (不满意
 * or 非常不满意) opens a rectification for the agency's supervisors, due in 15 working days, closed by a call-back
 * to the applicant. The applicant sees every step.
 */
@Service
public class EvaluationService {

    static final int RECTIFICATION_DAYS = 15;
    private static final Set<ApplicationStatus> RATEABLE = EnumSet.of(ApplicationStatus.CONCLUDED, ApplicationStatus.DELIVERED,
            ApplicationStatus.NOT_ACCEPTED, ApplicationStatus.APPROVED, ApplicationStatus.REJECTED);

    private final EvaluationMapper mapper;
    private final ApplicationService applications;
    private final IdentityService identity;
    private final RegionService regions;
    private final NotificationService notifications;
    private final WorkingCalendar calendar;
    private final Clock clock;

    EvaluationService(EvaluationMapper mapper, ApplicationService applications, IdentityService identity,
            RegionService regions, NotificationService notifications, WorkingCalendar calendar, Clock clock) {
        this.mapper = mapper;
        this.applications = applications;
        this.identity = identity;
        this.regions = regions;
        this.notifications = notifications;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** The five levels and the four indicators, each 1 (worst) to 5 (best). */
    public record Rating(Integer level, Integer efficiency, Integer guideAccuracy, Integer convenience, Integer usability,
            String comment) {
    }

    @Transactional
    public Evaluation rate(String applicationNo, Rating r) {
        ApplicationService.Owned a = applications.owned(applicationNo);
        if (!RATEABLE.contains(a.status())) {
            throw ApiException.conflict("NOT_RATEABLE", "办件有结果后才能评价");
        }
        check("level", r.level());
        check("efficiency", r.efficiency());
        check("guideAccuracy", r.guideAccuracy());
        check("convenience", r.convenience());
        check("usability", r.usability());
        if (r.comment() != null && r.comment().length() > 500) {
            throw ApiException.badParameter("comment", "评价内容不能超过 500 个字");
        }
        boolean unsatisfied = r.level() <= 2;
        if (unsatisfied && (r.comment() == null || r.comment().isBlank())) {
            throw ApiException.badParameter("comment", "差评请说明不满意的原因，以便整改");
        }
        LocalDateTime now = LocalDateTime.now(clock);
        LocalDate due = unsatisfied ? calendar.addWorkingDays(now.toLocalDate(), RECTIFICATION_DAYS) : null;
        try {
            mapper.insert(a.id(), a.applicantId(), a.agencyId(), r, now, unsatisfied ? "OPEN" : "NONE", due);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("ALREADY_RATED", "该办件已经评价过");
        }
        if (unsatisfied) {
            notifications.send(identity.staffOf(a.agencyId(), Role.SUPERVISE), "差评整改",
                    "办件 " + a.applicationNo() + " 收到差评，请于 " + due + " 前完成整改并回访申请人。", a.applicationNo());
        }
        return mapper.findByApplication(a.id());
    }

    /** The rating of an application, for its applicant or staff who may see it; 404 when there is none. */
    public Evaluation of(String applicationNo) {
        Evaluation e = mapper.findByApplication(applications.visibleRef(applicationNo).id());
        if (e == null) {
            throw ApiException.notFound("评价");
        }
        return e;
    }

    public PageResult<Evaluation> rectifications(String status, Paging paging) {
        if (status != null && !Set.of("OPEN", "RECTIFIED", "CLOSED").contains(status)) {
            throw ApiException.badParameter("status", "status 须为 OPEN、RECTIFIED 或 CLOSED");
        }
        String scope = identity.current().regionCode();
        return paging.result(mapper.findRectifications(scope, status, paging.offset(), paging.size()),
                mapper.countRectifications(scope, status));
    }

    @Transactional
    public Evaluation rectified(long id, String note) {
        Evaluation e = inScope(id);
        CurrentUser user = identity.current();
        if (note == null || note.isBlank()) {
            throw ApiException.badParameter("note", "请填写整改情况");
        }
        if (mapper.rectify(id, e.version(), note.trim(), user.displayName()) == 0) {
            throw ApiException.conflict("WRONG_STATE", "该差评不在待整改状态，或已被他人处理");
        }
        notifications.send(e.applicantId(), "差评整改情况", "您对办件 " + e.applicationNo() + " 的评价已整改：" + note.trim(),
                e.applicationNo());
        return mapper.findById(id);
    }

    @Transactional
    public Evaluation calledBack(long id, String note) {
        Evaluation e = inScope(id);
        if (note == null || note.isBlank()) {
            throw ApiException.badParameter("note", "请填写回访情况");
        }
        if (mapper.close(id, e.version(), note.trim(), LocalDateTime.now(clock)) == 0) {
            throw ApiException.conflict("WRONG_STATE", "整改完成后才能回访，或已被他人处理");
        }
        return mapper.findById(id);
    }

    private Evaluation inScope(long id) {
        Evaluation e = mapper.findById(id);
        if (e == null || !regions.isWithin(regions.agency(e.agencyId()).regionCode(), identity.current().regionCode())) {
            throw ApiException.notFound("评价 " + id);
        }
        return e;
    }

    private static void check(String field, Integer value) {
        if (value == null || value < 1 || value > 5) {
            throw ApiException.badParameter(field, field + " 须为 1 到 5 的整数");
        }
    }
}
