package org.yiwang.bundle;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yiwang.common.ApiException;

/**
 * A bundle's one form (一表申请) and its guiding answers: checked against the bundle's merged fields, spread onto each
 * item's own form through the mapping, and an item form's refusal told in the merged form's terms.
 */
final class MergedForm {

    private MergedForm() {
    }

    static Map<String, Boolean> checkedAnswers(BundleDefinition d, Map<String, Boolean> answers) {
        Map<String, Boolean> given = answers == null ? Map.of() : answers;
        Map<String, Boolean> checked = new LinkedHashMap<>();
        for (BundleDefinition.Question q : d.questions() == null ? List.<BundleDefinition.Question>of() : d.questions()) {
            Boolean a = given.get(q.key());
            if (a == null) {
                throw ApiException.badParameter("answers." + q.key(), "请回答：" + q.text());
            }
            checked.put(q.key(), a);
        }
        return checked;
    }

    /** An item form's refusal of what the merged form gave it, naming the merged fields the applicant filled. */
    static ApiException inMergedTerms(BundleDefinition d, String basicCode, ApiException bad) {
        if (bad.errors().isEmpty()) {
            return bad;
        }
        List<ApiException.FieldProblem> problems = new ArrayList<>();
        for (ApiException.FieldProblem p : bad.errors()) {
            String field = p.field().startsWith("formData.") ? p.field().substring("formData.".length()) : p.field();
            String merged = d.fields().stream().filter(f -> f.mapsTo() != null && f.mapsTo().stream()
                    .anyMatch(t -> t.basicCode().equals(basicCode) && t.field().equals(field)))
                    .map(BundleDefinition.Field::key).findFirst().orElse(field);
            problems.add(new ApiException.FieldProblem("formData." + merged, p.message()));
        }
        return ApiException.invalidFields("INVALID_FORM", "表单填写有误", problems);
    }

    /** The merged form against its fields: required ones filled, numbers, dates and choices well formed. */
    static void check(BundleDefinition d, Map<String, Object> form, Set<String> required) {
        List<ApiException.FieldProblem> problems = new ArrayList<>();
        for (BundleDefinition.Field f : d.fields()) {
            Object v = form.get(f.key());
            String text = v == null ? "" : String.valueOf(v).trim();
            if (text.isEmpty()) {
                if (f.required() || required.contains(f.key())) {
                    problems.add(new ApiException.FieldProblem("formData." + f.key(), "请填写" + f.label()));
                }
                continue;
            }
            boolean ok = switch (f.type()) {
                case "number" -> text.matches("-?\\d{1,15}(\\.\\d{1,6})?");
                case "date" -> text.matches("\\d{4}-\\d{2}-\\d{2}") && parses(text);
                case "select" -> f.options().contains(text);
                case "textarea" -> text.length() <= 2000;
                default -> text.length() <= 200;
            };
            if (!ok) {
                problems.add(new ApiException.FieldProblem("formData." + f.key(), f.label() + "的格式不正确"));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalidFields("INVALID_FORM", "表单填写有误", problems);
        }
    }

    private static boolean parses(String date) {
        try {
            LocalDate.parse(date);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The item's own form filled from the merged one, through the bundle's mapping. */
    static Map<String, Object> forItem(BundleDefinition d, String basicCode, Map<String, Object> merged) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (BundleDefinition.Field f : d.fields()) {
            Object v = merged.get(f.key());
            if (v == null || String.valueOf(v).isBlank()) {
                continue;
            }
            for (BundleDefinition.Target t : f.mapsTo() == null ? List.<BundleDefinition.Target>of() : f.mapsTo()) {
                if (t.basicCode().equals(basicCode)) {
                    data.put(t.field(), "number".equals(f.type()) ? new BigDecimal(String.valueOf(v).trim()) : v);
                }
            }
        }
        return data;
    }
}
