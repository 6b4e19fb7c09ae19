package org.yiwang.application;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.yiwang.identity.Masking;

/**
 * Which fields of an application form are personal data, and their masked form for callers who need not see
 * them. Forms are defined by administrators with free field keys, so a field is recognised by its key: a key
 * naming a person's name, phone, identity or other certificate number, address or e-mail is personal. Values are
 * checked by shape as well: an identity or mobile number typed into any text is masked wherever it stands.
 * Unified social credit codes and company names identify legal persons, which are public records, so they stay.
 */
public final class PersonalFormFields {

    private record Kind(List<String> keyParts, UnaryOperator<String> mask) {
    }

    /** In order: the first kind whose part the lower-cased key contains decides. */
    private static final List<Kind> KINDS = List.of(
            new Kind(List.of("idcard", "idno", "idnumber", "identity", "certno", "certificateno", "sfz", "zjhm"),
                    Masking::idNumber),
            new Kind(List.of("phone", "mobile", "tel", "lxdh", "sjhm"), Masking::phone),
            new Kind(List.of("email", "mail"), PersonalFormFields::email),
            new Kind(List.of("address", "addr", "dz", "zhuzhi"), PersonalFormFields::address),
            new Kind(List.of("contact", "applicantname", "personname", "realname", "fullname", "legalperson",
                    "legalrep", "representative", "lxr", "xm"), Masking::name));

    private PersonalFormFields() {
    }

    public static Map<String, Object> masked(Map<String, Object> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        data.forEach((key, value) -> {
            Kind kind = kind(key);
            if (value instanceof String s) {
                out.put(key, kind == null ? Masking.text(s) : kind.mask().apply(s));
            } else if (kind != null && value != null) {
                out.put(key, "***");
            } else {
                out.put(key, value);
            }
        });
        return out;
    }

    private static Kind kind(String key) {
        String k = key.toLowerCase(Locale.ROOT).replace("_", "");
        return KINDS.stream().filter(kind -> kind.keyParts().stream().anyMatch(k::contains)).findFirst().orElse(null);
    }

    /** {@code z***@example.com}: the first character of the mailbox and the domain. */
    private static String email(String value) {
        int at = value.indexOf('@');
        return at <= 0 ? Masking.name(value) : value.charAt(0) + "*".repeat(at - 1) + value.substring(at);
    }

    /** The first six characters (province and city, as a rule), the rest starred. */
    private static String address(String value) {
        int[] chars = value.strip().codePoints().toArray();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < chars.length; i++) {
            if (i < 6) {
                out.appendCodePoint(chars[i]);
            } else {
                out.append('*');
            }
        }
        return out.toString();
    }
}
