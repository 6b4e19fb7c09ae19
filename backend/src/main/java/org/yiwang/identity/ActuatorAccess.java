package org.yiwang.identity;

import java.io.IOException;

import org.apache.shiro.SecurityUtils;
import org.apache.shiro.subject.Subject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.yiwang.common.ProblemHandler;
import org.yiwang.audit.AuditService;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Actuator endpoints are not API routes, so {@link AccessInterceptor} does not see them: this filter lets only
 * health (and its liveness/readiness probes) through for everyone; metrics, info and whatever else is exposed
 * need a session with {@value #PERMISSION}.
 */
class ActuatorAccess extends OncePerRequestFilter {

    static final String PERMISSION = "ops:metrics";

    private final AuditService audit;
    private final ObjectMapper json;

    ActuatorAccess(AuditService audit, ObjectMapper json) {
        this.audit = audit;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/actuator") || path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Subject subject = SecurityUtils.getSubject();
        if (!subject.isAuthenticated()) {
            refuse(response, ProblemHandler.problem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "请先登录"));
            return;
        }
        if (!subject.isPermitted(PERMISSION)) {
            CurrentUser user = (CurrentUser) subject.getPrincipal();
            audit.record(new AuditService.Event(user.accountId(), user.username(), "PERMISSION_DENIED",
                    request.getMethod() + " " + request.getRequestURI(), PERMISSION, IdentityService.clientAddress(request),
                    user.regionCode()));
            refuse(response, ProblemHandler.problem(HttpStatus.FORBIDDEN, "FORBIDDEN", "没有执行此操作的权限"));
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
