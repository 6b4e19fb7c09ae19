package org.yiwang.common;

import java.time.Duration;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Caching of the Vue app: Vite names every file under /assets/ by a hash of its content, so a browser may keep
 * it for a year without asking again; index.html names the current ones and is revalidated on every load.
 * The installable app's service worker and manifest are revalidated too. Compression is Spring Boot's ({@code server.compression} in application.yml).
 */
@Configuration(proxyBeanMethods = false)
class StaticResources implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/static/assets/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        // The service worker and the manifest are revalidated like index.html, so that a new version takes over.
        registry.addResourceHandler("/index.html", "/sw.js", "/manifest.json")
                .addResourceLocations("classpath:/static/")
                .setCacheControl(CacheControl.noCache());
    }
}
