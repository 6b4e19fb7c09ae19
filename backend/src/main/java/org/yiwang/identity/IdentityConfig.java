package org.yiwang.identity;

import java.time.Duration;
import java.util.Map;

import org.apache.shiro.authc.credential.DefaultPasswordService;
import org.apache.shiro.authc.credential.PasswordService;
import org.apache.shiro.mgt.SecurityManager;
import org.apache.shiro.spring.web.ShiroFilterFactoryBean;
import org.apache.shiro.web.mgt.DefaultWebSecurityManager;
import org.apache.shiro.web.servlet.Cookie;
import org.apache.shiro.web.servlet.SimpleCookie;
import org.apache.shiro.web.session.mgt.DefaultWebSessionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import org.yiwang.audit.AuditService;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.DispatcherType;

/** Apache Shiro wired for a REST API: database sessions, an HttpOnly SameSite cookie, argon2id passwords. */
@Configuration
class IdentityConfig implements WebMvcConfigurer {

    static final long SESSION_TIMEOUT_MS = 30 * 60 * 1000L;
    static final String SESSION_COOKIE = "YIWANG_SESSION";

    private final AccessInterceptor access;

    IdentityConfig(AccessInterceptor access) {
        this.access = access;
    }

    @Bean
    PasswordService passwordService(@Value("${yiwang.security.password-hashing.max-concurrent:0}") int maxConcurrent,
            @Value("${yiwang.security.password-hashing.max-wait:PT3S}") Duration maxWait) {
        // Shiro 2's default is argon2id (with shiro-hashes-argon2 on the classpath).
        return new BoundedPasswordService(new DefaultPasswordService(),
                maxConcurrent > 0 ? maxConcurrent : BoundedPasswordService.automaticBound(), maxWait);
    }

    @Bean
    PersonalDataCipher personalDataCipher(@Value("${yiwang.security.data-key:}") String dataKey,
            @Value("${yiwang.security.hash-key:}") String hashKey) {
        if (dataKey.isBlank() || hashKey.isBlank()) {
            throw new IllegalStateException("Set yiwang.security.data-key and yiwang.security.hash-key "
                    + "(YIWANG_SECURITY_DATA_KEY / YIWANG_SECURITY_HASH_KEY, base64): personal data is encrypted at rest.");
        }
        return new PersonalDataCipher(dataKey, hashKey);
    }

    @Bean
    DatabaseSessionDao sessionDao(ObjectProvider<JdbcTemplate> db) {
        return new DatabaseSessionDao(db);
    }

    @Bean
    SecurityManager securityManager(DatabaseSessionDao sessionDao,
            @Value("${yiwang.security.secure-cookie:false}") boolean secureCookie) {
        SimpleCookie cookie = new SimpleCookie(SESSION_COOKIE);
        cookie.setHttpOnly(true);
        cookie.setSecure(secureCookie);
        cookie.setSameSite(Cookie.SameSiteOptions.LAX);
        cookie.setPath("/");

        DefaultWebSessionManager sessions = new DefaultWebSessionManager();
        sessions.setSessionDAO(sessionDao);
        sessions.setSessionIdCookie(cookie);
        sessions.setGlobalSessionTimeout(SESSION_TIMEOUT_MS);
        sessions.setSessionValidationSchedulerEnabled(false);
        sessions.setSessionIdUrlRewritingEnabled(false);

        DefaultWebSecurityManager manager = new DefaultWebSecurityManager(new AccountRealm());
        manager.setSessionManager(sessions);
        // No remember-me: a session ends with its idle timeout.
        manager.setRememberMeManager(null);
        return manager;
    }

    @Bean
    ShiroFilterFactoryBean shiroFilter(SecurityManager securityManager) {
        ShiroFilterFactoryBean factory = new ShiroFilterFactoryBean();
        factory.setSecurityManager(securityManager);
        // Shiro binds the subject to each request; access decisions are made per route by AccessInterceptor.
        factory.setFilterChainDefinitionMap(Map.of("/**", "anon"));
        return factory;
    }

    @Bean
    FilterRegistrationBean<?> shiroFilterRegistration(ShiroFilterFactoryBean shiroFilter) throws Exception {
        FilterRegistrationBean<jakarta.servlet.Filter> registration =
                new FilterRegistrationBean<>((jakarta.servlet.Filter) shiroFilter.getObject());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR,
                DispatcherType.ASYNC);
        return registration;
    }

    /** After Shiro's filter, which binds the subject; before the actuator's own handlers. */
    @Bean
    FilterRegistrationBean<ActuatorAccess> actuatorAccess(AuditService audit, ObjectMapper json) {
        FilterRegistrationBean<ActuatorAccess> registration = new FilterRegistrationBean<>(new ActuatorAccess(audit, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.addUrlPatterns("/actuator/*");
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(access).addPathPatterns("/api/**");
    }
}
