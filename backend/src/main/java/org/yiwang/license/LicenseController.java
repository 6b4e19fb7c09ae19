package org.yiwang.license;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.common.Public;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/licenses")
@Tag(name = "licenses", description = "电子证照核验（公开）")
class LicenseController {

    private final LicenseService licenses;

    LicenseController(LicenseService licenses) {
        this.licenses = licenses;
    }

    @GetMapping("/verify")
    @Public
    @Operation(summary = "Is this e-licence genuine? By the verification code printed on it and in its QR code")
    LicenseService.Verification verify(@RequestParam String code) {
        return licenses.verify(code);
    }
}
