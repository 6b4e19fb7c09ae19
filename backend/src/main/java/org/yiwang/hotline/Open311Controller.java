package org.yiwang.hotline;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.common.Public;
import org.yiwang.identity.IdentityService;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), JSON format. Outside {@code /api}: no session and no
 * CSRF token; filing is authorised by the channel's {@code api_key} alone. Errors answer in the spec's format
 * ({@link Open311Errors}).
 */
@RestController
@RequestMapping(value = "/open311/v2", produces = MediaType.APPLICATION_JSON_VALUE)
@Public
class Open311Controller {

    private final Open311Service open311;

    Open311Controller(Open311Service open311) {
        this.open311 = open311;
    }

    @GetMapping("/services.json")
    List<Open311Service.Service311> services(HttpServletRequest request) {
        return open311.services(IdentityService.addressOf(request));
    }

    @PostMapping("/requests.json")
    @ResponseStatus(HttpStatus.CREATED)
    List<Open311Service.Created> submit(@RequestParam Map<String, String> form, HttpServletRequest request) {
        return List.of(open311.submit(new Open311Service.Submission(form.get("api_key"), form.get("service_code"),
                form.get("description"), form.get("address_string"), form.get("lat"), form.get("long"),
                form.get("first_name"), form.get("last_name"), form.get("phone"), form.get("email")),
                IdentityService.addressOf(request)));
    }

    @GetMapping("/requests/{id}.json")
    List<Open311Service.Request311> one(@PathVariable String id, @RequestParam(name = "api_key", required = false) String apiKey,
            HttpServletRequest request) {
        return open311.one(id, apiKey, IdentityService.addressOf(request));
    }

    @GetMapping("/requests.json")
    List<Open311Service.Request311> search(@RequestParam Map<String, String> query, HttpServletRequest request) {
        return open311.search(query, IdentityService.addressOf(request));
    }
}
