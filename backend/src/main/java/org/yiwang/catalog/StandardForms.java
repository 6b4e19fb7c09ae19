package org.yiwang.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The items' own application forms kept as data in {@code processes/forms/}: one file per form naming the items
 * that bind it, and {@code _shared.json} with the field groups and named patterns every form draws on, so a group
 * (申请人, 单位, 法定代表人 …) is written once and a field key means the same fact in every form. Read once;
 * immutable afterwards.
 */
public final class StandardForms {

    private static final String FOLDER = "processes/forms/";

    /** A form as its file gives it, groups and named patterns expanded. */
    public record Form(String key, String name, List<String> items, List<FormDefinition.Field> fields) {
    }

    private static final StandardForms INSTANCE = load();

    private final List<Form> forms;
    private final Map<String, String> patterns;
    private final Map<String, String> examples;
    private final Map<String, String> licenceFields;

    private StandardForms(List<Form> forms, Map<String, String> patterns, Map<String, String> examples,
            Map<String, String> licenceFields) {
        this.forms = List.copyOf(forms);
        this.patterns = Collections.unmodifiableMap(new LinkedHashMap<>(patterns));
        this.examples = Map.copyOf(examples);
        this.licenceFields = Map.copyOf(licenceFields);
    }

    public static StandardForms get() {
        return INSTANCE;
    }

    /** Every form of the folder, in file-name order. */
    public List<Form> forms() {
        return forms;
    }

    /** The named patterns (mobile, idCard, uscc …) by name, in the file's order: the form designer offers them too. */
    public Map<String, String> patterns() {
        return patterns;
    }

    /** Plausible values by field key for the 示例样表. */
    public Map<String, String> examples() {
        return examples;
    }

    /** By licence kind (营业执照 …), the field key its number fills. */
    public Map<String, String> licenceFields() {
        return licenceFields;
    }

    private static StandardForms load() {
        ObjectMapper json = new ObjectMapper();
        try {
            JsonNode shared = read(json, "_shared.json");
            Map<String, String> patterns = json.convertValue(shared.get("patterns"), new TypeReference<Map<String, String>>() {
            });
            Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
            shared.get("groups").fields().forEachRemaining(g -> {
                List<JsonNode> fields = new ArrayList<>();
                g.getValue().forEach(fields::add);
                groups.put(g.getKey(), fields);
            });
            Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:" + FOLDER + "*.json");
            List<Form> forms = new ArrayList<>();
            for (Resource file : Arrays.stream(files).sorted(Comparator.comparing(Resource::getFilename)).toList()) {
                if (file.getFilename().startsWith("_")) {
                    continue;
                }
                try (InputStream in = file.getInputStream()) {
                    forms.add(form(json, json.readTree(in), groups, patterns));
                }
            }
            return new StandardForms(forms, patterns,
                    json.convertValue(shared.get("examples"), new TypeReference<Map<String, String>>() {
                    }),
                    json.convertValue(shared.get("licenceFields"), new TypeReference<Map<String, String>>() {
                    }));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FOLDER, e);
        }
    }

    private static Form form(ObjectMapper json, JsonNode node, Map<String, List<JsonNode>> groups, Map<String, String> patterns) {
        List<FormDefinition.Field> fields = new ArrayList<>();
        for (JsonNode entry : node.get("fields")) {
            if (entry.has("group")) {
                List<JsonNode> group = groups.get(entry.get("group").asText());
                if (group == null) {
                    throw new IllegalStateException(node.get("key").asText() + ": no field group " + entry.get("group"));
                }
                JsonNode labels = entry.path("labels");
                for (JsonNode f : group) {
                    fields.add(field(json, f, labels.path(f.get("key").asText()).asText(null), patterns));
                }
            } else {
                fields.add(field(json, entry, null, patterns));
            }
        }
        List<String> items = new ArrayList<>();
        node.get("items").forEach(i -> items.add(i.asText()));
        return new Form(node.get("key").asText(), node.get("name").asText(), items, fields);
    }

    private static FormDefinition.Field field(ObjectMapper json, JsonNode node, String label, Map<String, String> patterns) {
        FormDefinition.Field f = json.convertValue(node, FormDefinition.Field.class);
        String pattern = f.pattern();
        if (pattern != null && pattern.startsWith("@")) {
            pattern = patterns.get(pattern.substring(1));
            if (pattern == null) {
                throw new IllegalStateException("field " + f.key() + ": no pattern named " + f.pattern());
            }
        }
        return new FormDefinition.Field(f.key(), label == null ? f.label() : label, f.type(), f.required(), pattern, f.min(),
                f.max(), f.options());
    }

    private static JsonNode read(ObjectMapper json, String name) throws IOException {
        try (InputStream in = StandardForms.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("missing from the classpath: " + FOLDER + name);
            }
            return json.readTree(in);
        }
    }
}
