package org.yiwang.prefill;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.yiwang.application.ApplicationService;
import org.yiwang.application.PersonalFormFields;
import org.yiwang.catalog.CatalogService;
import org.yiwang.catalog.FormDefinition;
import org.yiwang.catalog.Item;
import org.yiwang.catalog.StandardForms;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.license.LicenseService;
import org.yiwang.region.Region;
import org.yiwang.region.RegionService;

/**
 * Pre-fills an item's form for the applicant calling (表单预填): from their account (name, identity number, phone,
 * place; a company's name and 统一社会信用代码), their valid e-licences, and what they typed into the same field of
 * their own earlier applications. Only the caller's own records are read, so nothing crosses between applicants.
 * Facts the account vouches for (who the applicant is) come first, then licences, then earlier answers, then the
 * account's contact details.
 */
@Service
public class PrefillService {

    /** How many of the caller's latest applications are looked through. */
    private static final int EARLIER = 20;
    /** Answers that belong to one application only and are never carried into the next. */
    private static final Set<String> NOT_CARRIED = Set.of("purpose", "appointmentDate", "applyReason", "registrationType");

    public enum Source {
        ACCOUNT, LICENCE, EARLIER
    }

    /** One pre-filled field: its value for the form, the same masked for display, and where it came from. */
    public record Value(String key, String label, Object value, Object shown, Source source, String from) {
    }

    public record Prefill(String itemCode, int fields, int filled, List<Value> values) {
    }

    private final CatalogService catalog;
    private final IdentityService identity;
    private final ApplicationService applications;
    private final LicenseService licenses;
    private final RegionService regions;

    PrefillService(CatalogService catalog, IdentityService identity, ApplicationService applications,
            LicenseService licenses, RegionService regions) {
        this.catalog = catalog;
        this.identity = identity;
        this.applications = applications;
        this.licenses = licenses;
        this.regions = regions;
    }

    public Prefill prefill(String itemCode) {
        Item item = catalog.item(itemCode);
        List<FormDefinition.Field> fields = catalog.formFields(item);
        CurrentUser user = identity.current();
        IdentityService.Profile profile = identity.profileOf(user.accountId());
        Map<String, Candidate> found = new LinkedHashMap<>();

        boolean company = "USCC".equals(profile.idType());
        if (company) {
            offer(found, "companyName", profile.displayName(), Source.ACCOUNT, "账户信息");
            offer(found, "uscc", profile.idNumber(), Source.ACCOUNT, "账户信息");
        } else {
            offer(found, "applicantName", profile.displayName(), Source.ACCOUNT, "账户信息");
            offer(found, "applicantIdNumber", profile.idNumber(), Source.ACCOUNT, "账户信息");
            fromIdNumber(found, profile.idNumber());
        }
        Map<String, String> licenceFields = StandardForms.get().licenceFields();
        licenses.usableFor(user.accountId(), licenceFields.keySet()).forEach((kind, held) -> offer(found,
                licenceFields.get(kind), held.get(0).licenseNo(), Source.LICENCE, kind + " " + held.get(0).licenseNo()));
        for (ApplicationService.EarlierForm earlier : applications.ownEarlierForms(EARLIER)) {
            earlier.formData().forEach((key, value) -> {
                if (!NOT_CARRIED.contains(key)) {
                    offer(found, key, value, Source.EARLIER, earlier.itemName() + "（" + earlier.applicationNo() + "）");
                }
            });
        }
        if (!company) {
            offer(found, "applicantPhone", profile.phone(), Source.ACCOUNT, "账户信息");
            offer(found, "contactName", profile.displayName(), Source.ACCOUNT, "账户信息");
            regions.find(profile.regionCode()).map(Region::fullName)
                    .ifPresent(place -> offer(found, "applicantAddress", place, Source.ACCOUNT, "账户所在地区"));
        }
        offer(found, "contactPhone", profile.phone(), Source.ACCOUNT, "账户信息");

        List<Value> values = new ArrayList<>();
        for (FormDefinition.Field f : fields) {
            Candidate c = found.get(f.key());
            if (c != null && fits(f, c.value())) {
                Object shown = PersonalFormFields.masked(Map.of(f.key(), c.value())).get(f.key());
                values.add(new Value(f.key(), f.label(), c.value(), shown, c.source(), c.from()));
            }
        }
        return new Prefill(item.code(), fields.size(), values.size(), values);
    }

    private record Candidate(Object value, Source source, String from) {
    }

    /** The first offer for a key wins: callers offer in order of trust. */
    private static void offer(Map<String, Candidate> found, String key, Object value, Source source, String from) {
        if (key != null && value != null && !(value instanceof String s && s.isBlank())) {
            found.putIfAbsent(key, new Candidate(value, source, from));
        }
    }

    /** 出生日期 and 性别 as a resident identity number (GB 11643) states them. */
    private static void fromIdNumber(Map<String, Candidate> found, String idNumber) {
        if (idNumber == null || !idNumber.matches("\\d{17}[\\dXx]")) {
            return;
        }
        try {
            LocalDate born = LocalDate.parse(idNumber.substring(6, 10) + "-" + idNumber.substring(10, 12) + "-"
                    + idNumber.substring(12, 14));
            offer(found, "birthDate", born.toString(), Source.ACCOUNT, "由公民身份号码得出");
        } catch (DateTimeParseException e) {
            return;
        }
        offer(found, "gender", (idNumber.charAt(16) - '0') % 2 == 1 ? "男" : "女", Source.ACCOUNT, "由公民身份号码得出");
    }

    /** A value is offered only where the field would take it: a choice among the options, a number as a number. */
    private static boolean fits(FormDefinition.Field f, Object value) {
        return switch (f.type()) {
            case "select" -> f.options().contains(value);
            case "number" -> value instanceof Number || value instanceof String s && s.matches("-?\\d{1,15}(\\.\\d{1,6})?");
            default -> value instanceof String;
        };
    }
}
