package org.yiwang.identity;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.shiro.authc.credential.PasswordService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.common.ApiException;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.region.Agency;
import org.yiwang.region.RegionService;
import org.yiwang.audit.AuditService;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Staff accounts, their agency and roles, managed by administrators within their own region: an account or
 * agency outside it is not disclosed (404 for an account, 400 for an agency named in a request), so a city's
 * administrator grants roles only at its own agencies and below, never at the province's or another city's.
 */
@Service
public class StaffService {

    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,31}");

    private final IdentityMapper mapper;
    private final IdentityService identity;
    private final PasswordService passwords;
    private final RegionService regions;
    private final AuditService audit;
    private final DatabaseSessionDao sessions;
    private final PersonalDataCipher cipher;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    StaffService(IdentityMapper mapper, IdentityService identity, PasswordService passwords, RegionService regions,
            AuditService audit, DatabaseSessionDao sessions, PersonalDataCipher cipher, Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.mapper = mapper;
        this.identity = identity;
        this.passwords = passwords;
        this.regions = regions;
        this.audit = audit;
        this.sessions = sessions;
        this.cipher = cipher;
        this.clock = clock;
    }

    public record NewStaff(String username, String displayName, Long agencyId, List<String> roles, String password,
            String email) {
    }

    public PageResult<StaffMember> list(Long agencyId, String q, Paging paging) {
        String scope = identity.current().regionCode();
        String query = q == null || q.isBlank() ? null : q.trim();
        return paging.result(mapper.findStaff(scope, agencyId, query, paging.offset(), paging.size()),
                mapper.countStaff(scope, agencyId, query));
    }

    @Transactional
    public StaffMember create(NewStaff s, HttpServletRequest http) {
        if (s.username() == null || !USERNAME.matcher(s.username()).matches()) {
            throw ApiException.badParameter("username", "登录名须为 3 到 32 位小写字母、数字或 . _ -，以字母开头");
        }
        if (s.displayName() == null || s.displayName().isBlank() || s.displayName().length() > 64) {
            throw ApiException.badParameter("displayName", "姓名须为 1 到 64 个字符");
        }
        if (s.agencyId() == null) {
            throw ApiException.badParameter("agencyId", "请选择所属实施主体");
        }
        Agency agency = agencyInScope(s.agencyId());
        Set<Role> roles = staffRoles(s.roles());
        PasswordPolicy.check(s.password(), s.username());
        IdentityMapper.NewAccount a = new IdentityMapper.NewAccount();
        a.username = s.username();
        a.kind = CurrentUser.Kind.STAFF.name();
        a.displayName = s.displayName().trim();
        a.regionCode = agency.regionCode();
        a.agencyId = agency.id();
        a.passwordHash = passwords.encryptPassword(s.password());
        a.mustChangePassword = true;
        a.emailEnc = cipher.encrypt(IdentityService.checkedEmail(s.email()));
        a.createdAt = LocalDateTime.now(clock);
        try {
            mapper.insertAccount(a);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("USERNAME_TAKEN", "登录名 " + s.username() + " 已被使用");
        }
        roles.forEach(r -> mapper.insertRole(a.id, r.name()));
        record(http, "STAFF_CREATED", s.username(), agency.name() + " " + roles);
        return mapper.findStaffMember(a.id);
    }

    @Transactional
    public StaffMember setRoles(long id, List<String> roleNames, HttpServletRequest http) {
        StaffMember member = inScope(id);
        if (member.id() == identity.current().accountId()) {
            // Separation of duties: nobody widens their own rights (e.g. an administrator reading cases).
            throw new ApiException(HttpStatus.FORBIDDEN, "SELF_ROLES", "不能修改自己的角色，请由其他管理员办理", null);
        }
        Set<Role> roles = staffRoles(roleNames);
        mapper.deleteRoles(id);
        roles.forEach(r -> mapper.insertRole(id, r.name()));
        // The session carries the roles, so the member logs in again to get the new ones.
        endSessions(id);
        record(http, "ROLES_CHANGED", member.username(), member.roles() + " -> " + roles);
        return mapper.findStaffMember(id);
    }

    @Transactional
    public StaffMember unlock(long id, HttpServletRequest http) {
        StaffMember member = inScope(id);
        mapper.resetFailures(id);
        record(http, "ACCOUNT_UNLOCKED", member.username(), null);
        return mapper.findStaffMember(id);
    }

    @Transactional
    public StaffMember resetPassword(long id, String password, HttpServletRequest http) {
        StaffMember member = inScope(id);
        PasswordPolicy.check(password, member.username());
        mapper.updatePassword(id, passwords.encryptPassword(password), true);
        mapper.resetFailures(id);
        endSessions(id);
        record(http, "PASSWORD_RESET", member.username(), null);
        return mapper.findStaffMember(id);
    }

    @Transactional
    public StaffMember setEnabled(long id, boolean enabled, HttpServletRequest http) {
        StaffMember member = inScope(id);
        if (member.id() == identity.current().accountId() && !enabled) {
            throw ApiException.badRequest("SELF_DISABLE", "不能停用自己的账户");
        }
        mapper.setEnabled(id, enabled);
        if (!enabled) {
            endSessions(id);
        }
        record(http, enabled ? "ACCOUNT_ENABLED" : "ACCOUNT_DISABLED", member.username(), null);
        return mapper.findStaffMember(id);
    }

    private void endSessions(long id) {
        sessions.deleteForAccount(id);
        events.publishEvent(new IdentityService.SessionsEnded(id, null));
    }

    /** 404 also for staff outside the administrator's region: their existence is not disclosed. */
    private StaffMember inScope(long id) {
        StaffMember member = mapper.findStaffMember(id);
        if (member == null || !regions.isWithin(member.regionCode(), identity.current().regionCode())) {
            throw ApiException.notFound("工作人员 " + id);
        }
        return member;
    }

    private Agency agencyInScope(long agencyId) {
        Agency agency = regions.agencyByIdIfExists(agencyId)
                .filter(a -> regions.isWithin(a.regionCode(), identity.current().regionCode()))
                .orElseThrow(() -> ApiException.badParameter("agencyId", "实施主体 " + agencyId + " 不存在或不在管辖范围内"));
        return agency;
    }

    private static Set<Role> staffRoles(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw ApiException.badParameter("roles", "请至少选择一个角色");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            Role role;
            try {
                role = Role.valueOf(name);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw ApiException.badParameter("roles", "未知角色 " + name);
            }
            if (!role.isStaffRole()) {
                throw ApiException.badParameter("roles", "工作人员不能拥有角色 " + name);
            }
            roles.add(role);
        }
        return roles;
    }

    private void record(HttpServletRequest http, String action, String target, String detail) {
        CurrentUser admin = identity.current();
        audit.record(new AuditService.Event(admin.accountId(), admin.username(), action, target, detail,
                IdentityService.clientAddress(http), admin.regionCode()));
    }
}
