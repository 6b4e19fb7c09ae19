package org.yiwang.license;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.yiwang.common.ApiException;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.common.Throttle;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityNumbers;
import org.yiwang.identity.IdentityService;
import org.yiwang.identity.PersonalDataCipher;
import org.yiwang.region.RegionService;

/** Issues e-licences (电子证照) and answers whether one is genuine. */
@Service
public class LicenseService {

    /** Unambiguous characters: no 0/O, 1/I/L. */
    private static final String CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final int VALID_YEARS = 5;
    /** A licence's number is its application's number after the province's prefix. */
    private static final String PREFIX = "HN";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BUSINESS_LICENCE = "营业执照";

    private final LicenseMapper mapper;
    private final LicensePdf pdf;
    private final IdentityService identity;
    private final RegionService regions;
    private final PersonalDataCipher cipher;
    private final Clock clock;
    private final Throttle throttle;
    private final Throttle.Rate verifyRate;

    LicenseService(LicenseMapper mapper, LicensePdf pdf, IdentityService identity, RegionService regions,
            PersonalDataCipher cipher, Clock clock, Throttle throttle,
            @Value("${yiwang.security.limits.verify-per-minute:30}") int verifyPerMinute) {
        this.mapper = mapper;
        this.pdf = pdf;
        this.identity = identity;
        this.regions = regions;
        this.cipher = cipher;
        this.clock = clock;
        this.throttle = throttle;
        this.verifyRate = new Throttle.Rate("verify", verifyPerMinute);
    }

    /** {@code address} and {@code scope} are what the application's form gave (经营场所, 经营项目 …), or null. */
    public record Issue(long applicationId, String applicationNo, long holderAccountId, String holderName,
            String holderIdMasked, String itemName, String agencyName, long agencyId, boolean company, String address,
            String scope) {
    }

    /** The licence and its PDF, and whether its holder asked for it (staff reads are audited). */
    public record Download(License license, byte[] pdf, boolean byHolder) {
    }

    /**
     * What the public verification answers: enough to trust a licence. A company's name is a public record and is
     * shown in full; a person's keeps its first and last characters (王*明), enough to confirm whose it is.
     */
    public record Verification(boolean valid, String number, String title, String holderName, String holderKind,
            String itemName, String scope, String agencyName, LocalDateTime issuedAt, LocalDate validUntil,
            String status) {
    }

    /** One licence in its holder's wallet (我的证照): everything on it, the holder's own name in full. */
    public record Held(String licenseNo, String title, String kind, String holderName, String holderKind,
            String address, String scope, String itemName, String agencyName, LocalDateTime issuedAt,
            LocalDate validUntil, String status, String verificationCode, String applicationNo) {
    }

    /** One licence per application; its number is the application number with the province's prefix. */
    public License issue(Issue i) {
        License existing = mapper.findByApplication(i.applicationId());
        if (existing != null) {
            return existing;
        }
        LocalDateTime now = LocalDateTime.now(clock);
        License license = new License(0, PREFIX + i.applicationNo(), verificationCode(), i.applicationId(),
                i.holderAccountId(), i.holderName(), i.holderIdMasked(), i.itemName(), i.agencyName(), i.agencyId(), now,
                now.toLocalDate().plusYears(VALID_YEARS), "VALID", i.company() ? License.COMPANY : License.PERSON,
                i.address() == null || i.address().isBlank() ? null : cipher.encrypt(clip(i.address(), 300)),
                i.scope() == null || i.scope().isBlank() ? null : clip(i.scope(), 500));
        mapper.insert(license);
        return mapper.findByApplication(i.applicationId());
    }

    public Optional<License> ofApplication(long applicationId) {
        return Optional.ofNullable(mapper.findByApplication(applicationId));
    }

    /** Verification codes are long and random; the rate per address keeps anyone from trying them in bulk. */
    public Verification verify(String code, String address) {
        throttle.take(verifyRate, address);
        String normalized = code == null ? "" : code.trim().toUpperCase();
        if (!normalized.matches("[" + CODE_ALPHABET + "]{16}")) {
            throw ApiException.badParameter("code", "核验码须为 16 位字母数字");
        }
        License l = mapper.findByCode(normalized);
        if (l == null) {
            return new Verification(false, null, null, null, null, null, null, null, null, null, "UNKNOWN");
        }
        return new Verification(valid(l), l.licenseNo(), title(l), License.COMPANY.equals(l.holderKind())
                ? l.holderName() : confirmable(l.holderName()), l.holderKind(), l.itemName(), l.scope(), l.agencyName(),
                l.issuedAt(), l.validUntil(), state(l));
    }

    /** The caller's own licences, newest first (我的证照). */
    public PageResult<Held> mine(Paging paging) {
        CurrentUser user = identity.current();
        if (!user.isApplicant()) {
            throw ApiException.badParameter("mine", "只有申请人持有电子证照");
        }
        List<Held> page = mapper.findPageByHolder(user.accountId(), paging.offset(), paging.size()).stream()
                .map(this::held).toList();
        return paging.result(page, mapper.countByHolder(user.accountId()));
    }

    private Held held(License l) {
        return new Held(l.licenseNo(), title(l), LicenseKinds.of(l.itemName()), l.holderName(), l.holderKind(),
                address(l), l.scope(), l.itemName(), l.agencyName(), l.issuedAt(), l.validUntil(), state(l),
                l.verificationCode(), l.licenseNo().substring(PREFIX.length()));
    }

    /** What the licence is called on its face: its kind (食品经营许可证), or 电子证照 when its item names none. */
    static String title(License l) {
        String kind = LicenseKinds.of(l.itemName());
        return kind == null ? "电子证照" : kind;
    }

    String address(License l) {
        return l.holderAddressEnc() == null ? null : cipher.decrypt(l.holderAddressEnc());
    }

    private String state(License l) {
        if (!"VALID".equals(l.status())) {
            return l.status();
        }
        return valid(l) ? "VALID" : "EXPIRED";
    }

    /** First and last characters of a person's name, the rest masked: 王*明, 欧**娜; two characters keep the first. */
    static String confirmable(String name) {
        String masked = org.yiwang.identity.Masking.name(name);
        int[] chars = name == null ? new int[0] : name.trim().codePoints().toArray();
        if (chars.length < 3 || chars[chars.length - 1] == '·') {
            return masked;
        }
        int[] out = masked.codePoints().toArray();
        out[out.length - 1] = chars[chars.length - 1];
        return new String(out, 0, out.length);
    }

    private static String clip(String value, int max) {
        String v = value.trim();
        return v.length() <= max ? v : v.substring(0, max);
    }

    /**
     * What an issued licence gives a later application's form: its number, its kind (营业执照 …) and, for a business
     * licence, the 统一社会信用代码 it assigns (derived from the number and the issuing place, so always the same).
     */
    public record Particulars(String licenseNo, String kind, String uscc) {
    }

    /** The kind of certificate an item issues (营业执照, 食品经营许可证 …), or null when its name says none. */
    public static String kindOf(String itemName) {
        return LicenseKinds.of(itemName);
    }

    public Particulars particulars(String number) {
        License l = heldByCaller(number);
        String kind = LicenseKinds.of(l.itemName());
        String place = (regions.agency(l.agencyId()).regionCode() + "000000").substring(0, 6);
        return new Particulars(l.licenseNo(), kind, BUSINESS_LICENCE.equals(kind) ? IdentityNumbers.generateUscc(place, l.licenseNo()) : null);
    }

    /** One of the holder's valid e-licences that can stand for a material (电子证照复用), by the rule of {@link LicenseKinds}. */
    public record Usable(String licenseNo, String kind, String itemName, String agencyName, LocalDate validUntil) {
    }

    /** A licence's PDF to attach as a material. */
    public record AsMaterial(String licenseNo, byte[] pdf) {
    }

    /** Per material name, the holder's valid licences that can stand for it; names no licence fits are left out. */
    public Map<String, List<Usable>> usableFor(long holderAccountId, Collection<String> materialNames) {
        List<License> held = mapper.findByHolder(holderAccountId).stream().filter(this::valid).toList();
        Map<String, List<Usable>> usable = new LinkedHashMap<>();
        for (String name : materialNames) {
            List<Usable> fitting = held.stream().filter(l -> LicenseKinds.accepts(name, LicenseKinds.of(l.itemName())))
                    .map(l -> new Usable(l.licenseNo(), LicenseKinds.of(l.itemName()), l.itemName(), l.agencyName(),
                            l.validUntil()))
                    .toList();
            if (!fitting.isEmpty()) {
                usable.put(name, fitting);
            }
        }
        return usable;
    }

    /**
     * The PDF of the holder's own licence to attach as a material: 404 for a licence that is not theirs (not
     * disclosing it), 409 for one revoked or expired, 400 for one whose kind the material does not accept.
     */
    public AsMaterial asMaterial(long holderAccountId, String number, String materialName) {
        if (number == null || number.isBlank()) {
            throw ApiException.badParameter("licenseNo", "请选择电子证照");
        }
        License l = number.length() > 40 ? null : mapper.findByNumber(number.trim());
        if (l == null || l.holderAccountId() != holderAccountId) {
            throw ApiException.notFound("电子证照 " + number);
        }
        if (!valid(l)) {
            throw ApiException.conflict("LICENSE_NOT_VALID", "电子证照 " + l.licenseNo() + " 已失效（已注销或已过有效期），不能作为申请材料");
        }
        String kind = LicenseKinds.of(l.itemName());
        if (!LicenseKinds.accepts(materialName, kind)) {
            throw ApiException.badParameter("licenseNo", "电子证照“" + (kind == null ? l.itemName() : kind)
                    + "”不能作为材料“" + materialName + "”");
        }
        return new AsMaterial(l.licenseNo(), pdf.render(l, address(l)));
    }

    private boolean valid(License l) {
        return "VALID".equals(l.status()) && !l.validUntil().isBefore(LocalDate.now(clock));
    }

    /** For its holder and for staff whose scope covers the issuing agency; 404 for anyone else, not disclosing it. */
    public Download pdf(String number) {
        CurrentUser user = identity.current();
        License l = number == null || number.length() > 40 ? null : mapper.findByNumber(number);
        boolean holder = l != null && user.isApplicant() && l.holderAccountId() == user.accountId();
        if (l == null || !holder && !covers(user, l)) {
            throw ApiException.notFound("电子证照 " + number);
        }
        return new Download(l, pdf.render(l, address(l)), holder);
    }

    /** The caller's own licence; 404 for anyone else's, as for one that does not exist. */
    public License heldByCaller(String number) {
        CurrentUser user = identity.current();
        License l = number == null || number.length() > 40 ? null : mapper.findByNumber(number);
        if (l == null || !user.isApplicant() || l.holderAccountId() != user.accountId()) {
            throw ApiException.notFound("电子证照 " + number);
        }
        return l;
    }

    private boolean covers(CurrentUser staff, License l) {
        if (staff.isApplicant() || !staff.readsCases()) {
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
