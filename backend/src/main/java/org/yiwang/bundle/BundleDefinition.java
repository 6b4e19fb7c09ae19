package org.yiwang.bundle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.yiwang.catalog.FormDefinition;
import org.yiwang.catalog.StandardForms;
import org.yiwang.common.ApiException;

/**
 * A bundle (一件事) as administrators compose it: guiding questions (情形引导), the catalogue items by basic code,
 * which are optional and the answer that includes them, the order where one item's licence is another's material,
 * and one merged form whose fields are mapped onto each item's form fields. Stored as one JSON document.
 *
 * @param onRefusal what happens to the other children when a required child is refused: {@code WITHDRAW_OTHERS}
 *                  or {@code KEEP_OTHERS}
 */
public record BundleDefinition(String code, String name, String summary, String audience, String onRefusal,
        List<Question> questions, List<Entry> items, List<Field> fields) {

    static final Set<String> AUDIENCES = Set.of("NATURAL_PERSON", "LEGAL_PERSON", "BOTH");
    static final Set<String> ON_REFUSAL = Set.of("WITHDRAW_OTHERS", "KEEP_OTHERS");
    static final Set<String> FIELD_TYPES = Set.of("text", "textarea", "number", "date", "select");
    static final String BUSINESS_LICENCE = "营业执照";
    /** The key every item form gives the 统一社会信用代码 (processes/forms/_shared.json). */
    static final String USCC_FIELD = "uscc";

    /** A yes/no question that decides optional items. */
    public record Question(String key, String text, String hint) {
    }

    /** An item of the bundle; an optional one is included when its question has the given answer. */
    public record Entry(String basicCode, boolean optional, When when, List<After> after) {

        List<After> afterOrEmpty() {
            return after == null ? List.of() : after;
        }
    }

    public record When(String question, boolean answer) {
    }

    /** This item starts when that one's licence is issued, which stands for this item's material of that name. */
    public record After(String basicCode, String material) {
    }

    /** A field of the merged form, asked once, and the item form fields it fills. */
    public record Field(String key, String label, String type, boolean required, List<String> options,
            List<Target> mapsTo) {
    }

    public record Target(String basicCode, String field) {
    }

    /** What save needs to know of the catalogue, by basic code. */
    interface Catalogue {
        boolean published(String basicCode);

        /** The fields of each distinct form the item's implementations bind (the generic one where none). */
        List<List<FormDefinition.Field>> forms(String basicCode);

        /** The certificate the item issues (营业执照 …), or null. */
        String licenceKind(String basicCode);
    }

    /** The form field a licence of this kind fills with its number, and the USCC a business licence assigns. */
    static Set<String> licenceFilled(String kind) {
        Set<String> keys = new HashSet<>();
        String number = kind == null ? null : StandardForms.get().licenceFields().get(kind);
        if (number != null) {
            keys.add(number);
        }
        if (BUSINESS_LICENCE.equals(kind)) {
            keys.add(USCC_FIELD);
        }
        return keys;
    }

    /** The fields of this entry's form that the licences of its chosen earlier items fill. */
    Set<String> filledByLicences(Entry e, Set<String> chosen, Function<String, String> licenceKind) {
        Set<String> keys = new HashSet<>();
        e.afterOrEmpty().stream().filter(a -> a != null && chosen.contains(a.basicCode()))
                .forEach(a -> keys.addAll(licenceFilled(licenceKind.apply(a.basicCode()))));
        return keys;
    }

    /**
     * Every problem of the definition at once: shape, an order with a cycle, a form field filled with two types, a
     * mapping onto a field the item's form lacks or of another type, a required field of an item's form nobody
     * fills, an item with no published implementation.
     */
    List<ApiException.FieldProblem> problems(Catalogue catalogue) {
        List<ApiException.FieldProblem> p = new ArrayList<>();
        if (code == null || !code.matches("[a-z][a-z0-9-]{1,39}")) {
            p.add(new ApiException.FieldProblem("code", "编码须为 2 到 40 位小写字母、数字或连字符，以字母开头"));
        }
        if (blank(name) || name.length() > 100) {
            p.add(new ApiException.FieldProblem("name", "请填写名称（不超过 100 字）"));
        }
        if (summary != null && summary.length() > 500) {
            p.add(new ApiException.FieldProblem("summary", "简介不超过 500 字"));
        }
        if (audience == null || !AUDIENCES.contains(audience)) {
            p.add(new ApiException.FieldProblem("audience", "服务对象须为 NATURAL_PERSON、LEGAL_PERSON 或 BOTH"));
        }
        if (onRefusal == null || !ON_REFUSAL.contains(onRefusal)) {
            p.add(new ApiException.FieldProblem("onRefusal", "须为 WITHDRAW_OTHERS（撤回其他事项）或 KEEP_OTHERS（其他事项继续办理）"));
        }
        Set<String> questionKeys = new HashSet<>();
        List<Question> qs = questions == null ? List.of() : questions;
        for (int i = 0; i < qs.size(); i++) {
            Question q = qs.get(i);
            if (q == null || q.key() == null || !q.key().matches("[a-zA-Z][a-zA-Z0-9_]{0,39}") || !questionKeys.add(q.key())) {
                p.add(new ApiException.FieldProblem("questions[" + i + "].key", "问题编码缺失、格式不对或重复"));
            } else if (blank(q.text()) || q.text().length() > 200) {
                p.add(new ApiException.FieldProblem("questions[" + i + "].text", "请填写问题（不超过 200 字）"));
            }
        }
        List<Entry> entries = items == null ? List.of() : items;
        if (entries.size() < 2 || entries.size() > 20) {
            p.add(new ApiException.FieldProblem("items", "一件事须包含 2 到 20 个事项"));
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            String at = "items[" + i + "]";
            if (e == null || e.basicCode() == null || !e.basicCode().matches("[A-Z]{2}[0-9]{4}") || !codes.add(e.basicCode())) {
                p.add(new ApiException.FieldProblem(at + ".basicCode", "事项基本编码缺失、格式不对或重复"));
                continue;
            }
            if (!catalogue.published(e.basicCode())) {
                p.add(new ApiException.FieldProblem(at + ".basicCode", "事项 " + e.basicCode() + " 未发布，不能组成一件事"));
            }
            if (e.optional() != (e.when() != null)) {
                p.add(new ApiException.FieldProblem(at + ".when", "可选事项须由一个引导问题决定，必办事项不设问题"));
            } else if (e.when() != null && !questionKeys.contains(e.when().question())) {
                p.add(new ApiException.FieldProblem(at + ".when.question", "引导问题 " + e.when().question() + " 不存在"));
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e == null) {
                continue;
            }
            for (After a : e.afterOrEmpty()) {
                if (a == null || !codes.contains(a.basicCode()) || a.basicCode().equals(e.basicCode())) {
                    p.add(new ApiException.FieldProblem("items[" + i + "].after", "前序事项须是本一件事中的另一个事项"));
                } else if (blank(a.material())) {
                    p.add(new ApiException.FieldProblem("items[" + i + "].after", "请指明前序事项的证照作为本事项的哪项材料"));
                }
            }
        }
        String cycle = cycle(entries);
        if (cycle != null) {
            p.add(new ApiException.FieldProblem("items", "事项顺序存在循环：" + cycle));
        }
        checkFields(p, codes, catalogue);
        return p;
    }

    private void checkFields(List<ApiException.FieldProblem> p, Set<String> codes, Catalogue catalogue) {
        List<Field> fs = fields == null ? List.of() : fields;
        if (fs.isEmpty()) {
            p.add(new ApiException.FieldProblem("fields", "请设置合并表单的字段"));
        }
        Set<String> keys = new HashSet<>();
        Map<String, String> typeOfTarget = new HashMap<>();
        Map<String, List<List<FormDefinition.Field>>> formCache = new HashMap<>();
        for (int i = 0; i < fs.size(); i++) {
            Field f = fs.get(i);
            String at = "fields[" + i + "]";
            if (f == null || f.key() == null || !f.key().matches("[a-zA-Z][a-zA-Z0-9_]{0,39}") || !keys.add(f.key())) {
                p.add(new ApiException.FieldProblem(at + ".key", "字段编码缺失、格式不对或重复"));
                continue;
            }
            if (blank(f.label()) || f.label().length() > 60) {
                p.add(new ApiException.FieldProblem(at + ".label", "请填写字段名称（不超过 60 字）"));
            }
            if (f.type() == null || !FIELD_TYPES.contains(f.type())) {
                p.add(new ApiException.FieldProblem(at + ".type", "字段类型须为 text、textarea、number、date 或 select"));
                continue;
            }
            if ("select".equals(f.type()) && (f.options() == null || f.options().isEmpty())) {
                p.add(new ApiException.FieldProblem(at + ".options", "下拉字段须列出选项"));
            }
            for (Target t : f.mapsTo() == null ? List.<Target>of() : f.mapsTo()) {
                if (t == null || !codes.contains(t.basicCode()) || blank(t.field())) {
                    p.add(new ApiException.FieldProblem(at + ".mapsTo", "映射目标须是本一件事中事项的表单字段"));
                    continue;
                }
                String target = t.basicCode() + "." + t.field();
                String earlier = typeOfTarget.putIfAbsent(target, f.type());
                if (earlier != null && !earlier.equals(f.type())) {
                    p.add(new ApiException.FieldProblem(at + ".mapsTo", "事项字段 " + target + " 被映射为两种类型：" + earlier + " 与 " + f.type()));
                } else if (earlier != null) {
                    p.add(new ApiException.FieldProblem(at + ".mapsTo", "事项字段 " + target + " 被两个合并字段映射"));
                }
                for (List<FormDefinition.Field> form : formCache.computeIfAbsent(t.basicCode(), catalogue::forms)) {
                    FormDefinition.Field own = form.stream().filter(x -> x.key().equals(t.field())).findFirst().orElse(null);
                    String problem = own == null ? "事项 " + t.basicCode() + " 的表单没有字段 " + t.field() : mismatch(f, own, target);
                    if (problem != null) {
                        p.add(new ApiException.FieldProblem(at + ".mapsTo", problem));
                        break;
                    }
                }
            }
        }
        checkCovered(p, codes, catalogue, formCache, typeOfTarget.keySet());
    }

    /** Why a merged field cannot fill that item field, or null when it can. */
    private static String mismatch(Field f, FormDefinition.Field own, String target) {
        boolean textual = Set.of("text", "textarea").contains(f.type()) && Set.of("text", "textarea").contains(own.type());
        if (!textual && !f.type().equals(own.type())) {
            return "事项字段 " + target + " 的类型为 " + own.type() + "，不能映射为 " + f.type();
        }
        if ("select".equals(f.type()) && own.options() != null && f.options() != null && !own.options().containsAll(f.options())) {
            return "事项字段 " + target + " 没有选项 " + f.options().stream().filter(o -> !own.options().contains(o)).toList();
        }
        return null;
    }

    /** Every required field of every item's form is filled: by a merged field, or by an earlier item's licence. */
    private void checkCovered(List<ApiException.FieldProblem> p, Set<String> codes, Catalogue catalogue,
            Map<String, List<List<FormDefinition.Field>>> formCache, Set<String> mapped) {
        for (Entry e : items == null ? List.<Entry>of() : items) {
            if (e == null || e.basicCode() == null || !codes.contains(e.basicCode())) {
                continue;
            }
            Set<String> byLicence = filledByLicences(e, codes, catalogue::licenceKind);
            Set<String> missing = new java.util.TreeSet<>();
            for (List<FormDefinition.Field> form : formCache.computeIfAbsent(e.basicCode(), catalogue::forms)) {
                form.stream().filter(FormDefinition.Field::required)
                        .filter(x -> !mapped.contains(e.basicCode() + "." + x.key()) && !byLicence.contains(x.key()))
                        .forEach(x -> missing.add(x.key()));
            }
            if (!missing.isEmpty()) {
                p.add(new ApiException.FieldProblem("fields", "事项 " + e.basicCode() + " 表单的必填字段没有合并字段填写：" + String.join("、", missing)));
            }
        }
    }

    /** A cycle in the order, as "A → B → A", or null. */
    static String cycle(List<Entry> entries) {
        Map<String, List<String>> before = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e != null && e.basicCode() != null) {
                before.put(e.basicCode(), e.afterOrEmpty().stream().filter(a -> a != null && a.basicCode() != null)
                        .map(After::basicCode).toList());
            }
        }
        Map<String, Integer> state = new HashMap<>();
        for (String start : before.keySet()) {
            List<String> path = new ArrayList<>();
            String found = visit(start, before, state, path);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String visit(String code, Map<String, List<String>> before, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(code);
        if (s != null && s == 2) {
            return null;
        }
        path.add(code);
        if (s != null) {
            return String.join(" → ", path.subList(path.indexOf(code), path.size()));
        }
        state.put(code, 1);
        for (String next : before.getOrDefault(code, List.of())) {
            String found = visit(next, before, state, path);
            if (found != null) {
                return found;
            }
        }
        state.put(code, 2);
        path.remove(path.size() - 1);
        return null;
    }

    /** The items an applicant's answers choose: every required one, and optional ones whose answer matches. */
    List<Entry> chosen(Map<String, Boolean> answers) {
        return items.stream().filter(e -> !e.optional() || Boolean.valueOf(e.when().answer()).equals(answers.get(e.when().question()))).toList();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
