package org.yiwang.identity;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.apache.shiro.SecurityUtils;
import org.apache.shiro.authz.annotation.Logical;
import org.apache.shiro.authz.annotation.RequiresAuthentication;
import org.apache.shiro.authz.annotation.RequiresPermissions;
import org.apache.shiro.session.Session;
import org.apache.shiro.subject.Subject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.yiwang.common.ApiException;
import org.yiwang.common.Public;
import org.yiwang.audit.AuditService;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The one place where routes are guarded. Each API handler declares its access with {@link Public},
 * {@link RequiresAuthentication} or {@link RequiresPermissions}; a handler that declares nothing is refused,
 * so a new route cannot be exposed by accident. State changes on protected routes must carry the session's
 * CSRF token.
 */
@Component
class AccessInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AccessInterceptor.class);
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String CSRF_ATTRIBUTE = "yiwang.csrf";
    /** Set on sessions of accounts whose password an administrator set; removed when the holder changes it. */
    static final String MUST_CHANGE_ATTRIBUTE = "yiwang.must-change-password";
    /** What an account that must change its password may still do. */
    private static final Set<String> WHILE_MUST_CHANGE = Set.of("/api/v1/auth/me", "/api/v1/auth/logout", "/api/v1/auth/password");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final AuditService audit;

    AccessInterceptor(AuditService audit) {
        this.audit = audit;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        boolean isPublic = declared(method, Public.class);
        RequiresPermissions permissions = find(method, RequiresPermissions.class);
        if (!isPublic && permissions == null && !declared(method, RequiresAuthentication.class)) {
            log.error("route {} declares no access rule and is refused", method.getShortLogMessage());
            throw ApiException.forbidden("该接口未声明访问规则");
        }
        Subject subject = SecurityUtils.getSubject();
        boolean authenticated = subject.isAuthenticated();
        if (!isPublic) {
            if (!authenticated) {
                throw new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "请先登录", null);
            }
            if (mustChangePassword(subject) && !WHILE_MUST_CHANGE.contains(request.getRequestURI())) {
                throw new ApiException(HttpStatus.FORBIDDEN, "PASSWORD_CHANGE_REQUIRED", "密码由管理员设置，请先修改密码", null);
            }
            if (permissions != null && !permitted(subject, permissions)) {
                CurrentUser user = (CurrentUser) subject.getPrincipal();
                audit.record(new AuditService.Event(user.accountId(), user.username(), "PERMISSION_DENIED",
                        request.getMethod() + " " + request.getRequestURI(), String.join(",", permissions.value()),
                        IdentityService.clientAddress(request), user.regionCode()));
                throw ApiException.forbidden("没有执行此操作的权限");
            }
        }
        // Public routes act for nobody's session (login itself is covered by the SameSite cookie).
        if (!isPublic && !SAFE_METHODS.contains(request.getMethod()) && !csrfValid(subject, request)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "CSRF_TOKEN_INVALID", "缺少或无效的 CSRF 令牌，请刷新页面后重试", null);
        }
        return true;
    }

    private static boolean permitted(Subject subject, RequiresPermissions rule) {
        return rule.logical() == Logical.AND ? subject.isPermittedAll(rule.value())
                : java.util.Arrays.stream(rule.value()).anyMatch(subject::isPermitted);
    }

    private static boolean mustChangePassword(Subject subject) {
        Session session = subject.getSession(false);
        return session != null && Boolean.TRUE.equals(session.getAttribute(MUST_CHANGE_ATTRIBUTE));
    }

    private static boolean csrfValid(Subject subject, HttpServletRequest request) {
        Session session = subject.getSession(false);
        Object expected = session == null ? null : session.getAttribute(CSRF_ATTRIBUTE);
        String given = request.getHeader(CSRF_HEADER);
        return expected != null && given != null && MessageDigest.isEqual(
                expected.toString().getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean declared(HandlerMethod method, Class<? extends java.lang.annotation.Annotation> type) {
        return find(method, type) != null;
    }

    private static <A extends java.lang.annotation.Annotation> A find(HandlerMethod method, Class<A> type) {
        A onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), type);
        return onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), type);
    }
}
