package org.yiwang.catalog;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.common.ApiException;
import org.yiwang.common.ApiException.FieldProblem;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityNumbers;
import org.yiwang.identity.IdentityService;
import org.yiwang.audit.AuditService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Application forms (申请表单): versioned definitions, and the server's check of what an applicant filled in
 * against the form their item binds — the browser's own checks are a convenience, never trusted.
 */
@Service
public class FormService {

    static final Set<String> TYPES = Set.of("text", "textarea", "number", "date", "select");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");
    private static final Pattern FORM_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    private static final int MAX_FIELDS = 50;
    private static final int MAX_TEXT = 2000;

    private final CatalogMapper mapper;
    private final IdentityService identity;
    private final AuditService audit;
    private final ObjectMapper json;
    private final Clock clock;

    FormService(CatalogMapper mapper, IdentityService identity, AuditService audit, ObjectMapper json, Clock clock) {
        this.mapper = mapper;
        this.identity = identity;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The form of an item that binds none: what the portal asks every such item (申请事由, 联系人, 联系电话); the
     * place comes with the application itself. Kept here so the 空白表格 and pre-filling know its fields.
     */
    public static final List<FormDefinition.Field> GENERIC = List.of(
            new FormDefinition.Field("purpose", "申请事由", "textarea", true, null, null, 1000d, null),
            new FormDefinition.Field("contactName", "联系人", "text", true, null, null, 50d, null),
            new FormDefinition.Field("contactPhone", "联系电话", "text", true, "1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}", null, 20d, null));

    /** What an administrator sends to save a form: a new key starts at version 1, a known one gets the next. */
    public record FormDraft(String key, String name, List<FormDefinition.Field> fields) {
    }

    /** The latest version of every form. */
    public List<FormDefinition> latest() {
        return mapper.findLatestForms().stream().map(this::definition).toList();
    }

    public List<FormDefinition> versions(String key) {
        List<FormDefinition> versions = !isKey(key) ? List.of()
                : mapper.findFormVersions(key).stream().map(this::definition).toList();
        if (versions.isEmpty()) {
            throw ApiException.notFound("表单 " + key);
        }
        return versions;
    }

    public FormDefinition get(String key, int version) {
        CatalogMapper.FormRow row = isKey(key) ? mapper.findForm(key, version) : null;
        if (row == null) {
            throw ApiException.notFound("表单 " + key + " 第 " + version + " 版");
        }
        return definition(row);
    }

    Optional<FormDefinition> find(String key, Integer version) {
        if (!isKey(key) || version == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(mapper.findForm(key, version)).map(this::definition);
    }

    @Transactional
    public FormDefinition save(FormDraft draft, HttpServletRequest http) {
        List<FieldProblem> problems = check(draft);
        if (!problems.isEmpty()) {
            throw ApiException.invalidFields("INVALID_BODY", "表单定义不合法", problems);
        }
        CatalogMapper.FormRow row = new CatalogMapper.FormRow();
        row.formKey = draft.key();
        row.version = mapper.lastFormVersion(draft.key()) + 1;
        row.name = draft.name().strip();
        row.fields = write(draft.fields());
        CurrentUser admin = identity.current();
        row.createdBy = admin.username();
        row.createdAt = LocalDateTime.now(clock);
        try {
            mapper.insertForm(row);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("CONCURRENT_UPDATE", "表单 " + draft.key() + " 刚被他人保存，请刷新后重试");
        }
        audit.record(new AuditService.Event(admin.accountId(), admin.username(), "FORM_SAVED",
                "form:" + row.formKey + ":" + row.version, row.name, http.getRemoteAddr(), admin.regionCode()));
        return definition(mapper.findForm(row.formKey, row.version));
    }

    private static List<FieldProblem> check(FormDraft draft) {
        List<FieldProblem> out = new ArrayList<>();
        if (draft == null) {
            return List.of(new FieldProblem("key", "请填写表单"));
        }
        if (!isKey(draft.key())) {
            out.add(new FieldProblem("key", "表单标识须以字母开头，由字母、数字、下划线或连字符组成，至多 64 个字符"));
        }
        if (draft.name() == null || draft.name().isBlank() || draft.name().strip().length() > 200) {
            out.add(new FieldProblem("name", "请填写表单名称（至多 200 个字符）"));
        }
        List<FormDefinition.Field> fields = draft.fields();
        if (fields == null || fields.isEmpty() || fields.size() > MAX_FIELDS) {
            out.add(new FieldProblem("fields", "表单须有 1 到 " + MAX_FIELDS + " 个字段"));
            return out;
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            field(out, "fields[" + i + "].", fields.get(i), keys);
        }
        return out;
    }

    private static void field(List<FieldProblem> out, String at, FormDefinition.Field f, Set<String> keys) {
        if (f == null) {
            out.add(new FieldProblem(at + "key", "字段不能为空"));
            return;
        }
        if (f.key() == null || !KEY.matcher(f.key()).matches()) {
            out.add(new FieldProblem(at + "key", "字段标识须以字母开头，由字母、数字或下划线组成，至多 40 个字符"));
        } else if (!keys.add(f.key())) {
            out.add(new FieldProblem(at + "key", "字段标识 " + f.key() + " 重复"));
        }
        if (f.label() == null || f.label().isBlank() || f.label().length() > 60) {
            out.add(new FieldProblem(at + "label", "请填写字段名称（至多 60 个字符）"));
        }
        if (f.type() == null || !TYPES.contains(f.type())) {
            out.add(new FieldProblem(at + "type", "字段类型须为 text、textarea、number、date 或 select"));
        }
        if (f.pattern() != null && !f.pattern().isEmpty() && (f.pattern().length() > 200 || !compiles(f.pattern()))) {
            out.add(new FieldProblem(at + "pattern", "格式须为至多 200 个字符的正则表达式"));
        }
        if (f.min() != null && f.max() != null && f.min() > f.max()) {
            out.add(new FieldProblem(at + "max", "最大值不能小于最小值"));
        }
        if ("select".equals(f.type())) {
            List<String> options = f.options();
            if (options == null || options.isEmpty() || options.size() > 50
                    || options.stream().anyMatch(o -> o == null || o.isBlank() || o.length() > 60)
                    || new HashSet<>(options).size() != options.size()) {
                out.add(new FieldProblem(at + "options", "下拉选择须有 1 到 50 个不重复的选项（每项至多 60 个字符）"));
            }
        }
    }

    private static boolean isKey(String key) {
        return key != null && FORM_KEY.matcher(key).matches();
    }

    private static boolean compiles(String regex) {
        try {
            Pattern.compile(regex);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    /**
     * What the applicant filled in, checked against the bound form: required fields present, each value of its
     * field's type, pattern, range and options, and no field the form does not have. Fields named in
     * {@code filledLater} may still be empty (a bundle fills them from an earlier item's licence before submitting).
     */
    void checkData(FormDefinition form, Map<String, Object> data, Set<String> filledLater) {
        List<FieldProblem> out = new ArrayList<>();
        Map<String, Object> values = data == null ? Map.of() : data;
        Set<String> known = new HashSet<>();
        for (FormDefinition.Field f : form.fields()) {
            known.add(f.key());
            Object v = values.get(f.key());
            if (filledLater.contains(f.key()) && (v == null || v instanceof String s && s.isBlank())) {
                continue;
            }
            String problem = value(f, v, LocalDate.now(clock));
            if (problem != null) {
                out.add(new FieldProblem("formData." + f.key(), f.label() + problem));
            }
        }
        values.keySet().stream().filter(k -> !known.contains(k)).sorted()
                .forEach(k -> out.add(new FieldProblem("formData." + k, "表单没有字段 " + k)));
        if (!out.isEmpty()) {
            throw ApiException.invalidFields("INVALID_FORM_DATA", "申请表填写有误", out);
        }
    }

    private static String value(FormDefinition.Field f, Object v, LocalDate today) {
        if (v == null || v instanceof String s && s.isBlank()) {
            return f.required() ? "为必填项" : null;
        }
        String text;
        switch (f.type()) {
            case "number" -> {
                double n;
                if (v instanceof Number number) {
                    n = number.doubleValue();
                } else if (v instanceof String s && s.strip().matches("-?\\d{1,15}(\\.\\d{1,6})?")) {
                    n = Double.parseDouble(s.strip());
                } else {
                    return "须为数字";
                }
                if (f.min() != null && n < f.min() || f.max() != null && n > f.max()) {
                    return "须在 " + range(f) + " 之间";
                }
                return null;
            }
            case "date" -> {
                if (!(v instanceof String s)) {
                    return "须为日期（YYYY-MM-DD）";
                }
                try {
                    LocalDate.parse(s);
                } catch (DateTimeParseException e) {
                    return "须为日期（YYYY-MM-DD）";
                }
                return null;
            }
            case "select" -> {
                return v instanceof String s && f.options().contains(s) ? null : "须为以下选项之一：" + String.join("、", f.options());
            }
            default -> {
                if (!(v instanceof String s)) {
                    return "须为文字";
                }
                text = s;
            }
        }
        if (text.length() > MAX_TEXT || f.min() != null && text.length() < f.min() || f.max() != null && text.length() > f.max()) {
            return "长度须在 " + range(f) + " 个字符之间";
        }
        if (f.pattern() != null && !f.pattern().isEmpty() && !Pattern.compile(f.pattern()).matcher(text).matches()) {
            return "格式不正确";
        }
        return identityNumber(f.pattern(), text, today);
    }

    /**
     * A field checked against the named pattern 身份证号 or 统一社会信用代码 (processes/forms/_shared.json) must also
     * be a real number: birth date and GB 11643 check character, or GB 32100 check character — as at registration.
     */
    private static String identityNumber(String pattern, String text, LocalDate today) {
        Map<String, String> named = StandardForms.get().patterns();
        IdentityNumbers.Result result = pattern == null ? null
                : pattern.equals(named.get("idCard")) ? IdentityNumbers.checkIdCard(text, today)
                : pattern.equals(named.get("uscc")) ? IdentityNumbers.checkUscc(text)
                : null;
        return result == null || result.valid() ? null : "有误：" + result.message();
    }

    private static String range(FormDefinition.Field f) {
        return (f.min() == null ? "不限" : trim(f.min())) + " 到 " + (f.max() == null ? "不限" : trim(f.max()));
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private FormDefinition definition(CatalogMapper.FormRow row) {
        try {
            return new FormDefinition(row.id, row.formKey, row.version, row.name,
                    json.readValue(row.fields, new TypeReference<List<FormDefinition.Field>>() {
                    }), row.createdBy, row.createdAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("form " + row.formKey + " v" + row.version + " is not JSON", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
