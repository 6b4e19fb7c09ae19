package org.yiwang.application;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of an application's form that an e-licence prints: where the holder operates (经营场所 / 住所) and what
 * is licensed (经营项目 / 经营范围). Forms are defined with free keys, so each is the first key, in order of
 * preference, whose lower-cased name contains one of the parts; null when the form has none.
 */
final class LicenceFields {

    private static final List<String> ADDRESS = List.of("premises", "businessaddress", "经营场所", "生产场所", "address",
            "住所", "地址", "place", "location", "dz");
    private static final List<String> SCOPE = List.of("businessscope", "scope", "经营项目", "经营范围", "许可范围",
            "businessitems", "operationitems", "主体业态", "category", "jyxm");

    private LicenceFields() {
    }

    static String address(Map<String, Object> form) {
        return first(form, ADDRESS);
    }

    static String scope(Map<String, Object> form) {
        return first(form, SCOPE);
    }

    private static String first(Map<String, Object> form, List<String> parts) {
        for (String part : parts) {
            for (Map.Entry<String, Object> field : form.entrySet()) {
                if (field.getKey().toLowerCase(Locale.ROOT).contains(part)) {
                    String value = text(field.getValue());
                    if (!value.isBlank()) {
                        return value;
                    }
                }
            }
        }
        return null;
    }

    /** A multiple choice (经营项目 often is one) prints as its options joined by 、. */
    private static String text(Object value) {
        if (value instanceof List<?> list) {
            return String.join("、", list.stream().map(String::valueOf).toList());
        }
        return value == null ? "" : String.valueOf(value).trim();
    }
}
