package org.yiwang.common;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** History-mode routes of the Vue app: the jar answers them with index.html and the router takes over. */
@Controller
class PageRoutes {

    @GetMapping({ "/search", "/items/**", "/apply/**", "/me", "/me/**", "/progress", "/hotline", "/verify", "/login",
            "/register", "/forgot-password", "/reset-password", "/workbench", "/workbench/**", "/admin", "/admin/**",
            "/embed/search", "/embed/progress", "/bundles", "/bundles/**" })
    String page() {
        return "forward:/index.html";
    }
}
