package org.yiwang.license;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.yiwang.common.ApiException;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.region.RegionService;

/** Issues e-licences (电子证照) and answers whether one is genuine. */
@Service
public class LicenseService {

    /** Unambiguous characters: no 0/O, 1/I/L. */
    private static final String CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final int VALID_YEARS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LicenseMapper mapper;
    private final LicensePdf pdf;
    private final IdentityService identity;
    private final RegionService regions;
    private final Clock clock;

    LicenseService(LicenseMapper mapper, LicensePdf pdf, IdentityService identity, RegionService regions, Clock clock) {
        this.mapper = mapper;
        this.pdf = pdf;
        this.identity = identity;
        this.regions = regions;
        this.clock = clock;
    }

    public record Issue(long applicationId, String applicationNo, long holderAccountId, String holderName,
            String holderIdMasked, String itemName, String agencyName, long agencyId) {
    }

    /** The licence's PDF, and whether its holder is the one receiving it (that counts as delivery). */
    public record Download(License license, byte[] pdf, boolean byHolder) {
    }

    /** What the public verification answers: enough to trust a licence, nothing personal in the clear. */
    public record Verification(boolean valid, String number, String holderName, String itemName, String agencyName,
            LocalDateTime issuedAt, java.time.LocalDate validUntil, String status) {
    }

    /** One licence per application; its number is the application number with the province's prefix. */
    public License issue(Issue i) {
        License existing = mapper.findByApplication(i.applicationId());
        if (existing != null) {
            return existing;
        }
        LocalDateTime now = LocalDateTime.now(clock);
        License license = new License(0, "HN" + i.applicationNo(), verificationCode(), i.applicationId(), i.holderAccountId(),
                i.holderName(), i.holderIdMasked(), i.itemName(), i.agencyName(), i.agencyId(), now,
                now.toLocalDate().plusYears(VALID_YEARS), "VALID");
        mapper.insert(license);
        return mapper.findByApplication(i.applicationId());
    }

    public Optional<License> ofApplication(long applicationId) {
        return Optional.ofNullable(mapper.findByApplication(applicationId));
    }

    public Verification verify(String code) {
        String normalized = code == null ? "" : code.trim().toUpperCase();
        if (!normalized.matches("[" + CODE_ALPHABET + "]{16}")) {
            throw ApiException.badParameter("code", "核验码须为 16 位字母数字");
        }
        License l = mapper.findByCode(normalized);
        if (l == null) {
            return new Verification(false, null, null, null, null, null, null, "UNKNOWN");
        }
        boolean valid = "VALID".equals(l.status()) && !l.validUntil().isBefore(LocalDateTime.now(clock).toLocalDate());
        return new Verification(valid, l.licenseNo(), org.yiwang.identity.Masking.name(l.holderName()), l.itemName(),
                l.agencyName(), l.issuedAt(), l.validUntil(), valid ? "VALID" : "EXPIRED");
    }

    /** For its holder and for staff whose scope covers the issuing agency; 404 for anyone else, not disclosing it. */
    public Download pdf(String number) {
        CurrentUser user = identity.current();
        License l = number == null || number.length() > 40 ? null : mapper.findByNumber(number);
        boolean holder = l != null && user.isApplicant() && l.holderAccountId() == user.accountId();
        if (l == null || !holder && !covers(user, l)) {
            throw ApiException.notFound("电子证照 " + number);
        }
        return new Download(l, pdf.render(l), holder);
    }

    private boolean covers(CurrentUser staff, License l) {
        if (staff.isApplicant()) {
            return false;
        }
        if (staff.permissions().contains("task:supervise")) {
            return regions.isWithin(regions.agency(l.agencyId()).regionCode(), staff.regionCode());
        }
        return staff.agencyId() != null && staff.agencyId() == l.agencyId();
    }

    private static String verificationCode() {
        StringBuilder sb = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            sb.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return sb.toString();
    }
}
