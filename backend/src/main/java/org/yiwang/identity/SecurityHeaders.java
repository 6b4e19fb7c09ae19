package org.yiwang.identity;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Browser protections on every answer. The Vue app loads only its own scripts; Element Plus sets inline
 * styles, hence 'unsafe-inline' for styles only. Pages may be framed only by this site, except the embed pages
 * (/embed/search, /embed/progress) that other government portals drop in: those may be framed by the sources
 * in {@code yiwang.embed.frame-ancestors} (any site by default, {@code *}), and carry no X-Frame-Options.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityHeaders extends OncePerRequestFilter {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors ";
    static final Set<String> EMBED_PAGES = Set.of("/embed/search", "/embed/progress");
    private static final Pattern SOURCE = Pattern.compile("\\*|'self'|'none'|https?://(\\*\\.)?[A-Za-z0-9.-]+(:[0-9]{1,5})?");

    /** A year, subdomains included: once told, browsers refuse plain HTTP to this host. */
    static final String HSTS = "max-age=31536000; includeSubDomains";

    private final String embedAncestors;
    /** The platform is reached over HTTPS only (behind the province's gateway): HSTS, and the cookie is Secure. */
    private final boolean https;

    SecurityHeaders(@Value("${yiwang.embed.frame-ancestors:*}") String embedAncestors,
            @Value("${yiwang.security.secure-cookie:false}") boolean https) {
        this.embedAncestors = checked(embedAncestors);
        this.https = https;
    }

    /** Sources separated by spaces or commas, each a CSP host source: no way to inject another directive. */
    static String checked(String sources) {
        List<String> list = Arrays.stream(sources.trim().split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
        if (list.isEmpty() || !list.stream().allMatch(s -> SOURCE.matcher(s).matches())) {
            throw new IllegalArgumentException("yiwang.embed.frame-ancestors must list '*', 'self', 'none' or "
                    + "http(s)://host[:port] sources, got: " + sources);
        }
        return String.join(" ", list);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean embed = EMBED_PAGES.contains(request.getRequestURI());
        response.setHeader("Content-Security-Policy", CSP + (embed ? embedAncestors : "'self'"));
        if (!embed) {
            response.setHeader("X-Frame-Options", "SAMEORIGIN");
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        if (https) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        if (request.getRequestURI().startsWith("/api/")) {
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }
}
