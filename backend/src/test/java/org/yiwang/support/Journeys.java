package org.yiwang.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.yiwang.catalog.FormDefinition;
import org.yiwang.catalog.StandardForms;

import com.fasterxml.jackson.databind.JsonNode;

/** The steps of an application's life, as the portal and the workbench take them over HTTP. */
public class Journeys {

    /** The first bytes of a PNG: enough for the platform to recognise a scan by its content. */
    public static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R',
            0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0 };

    private final int port;

    public Journeys(int port) {
        this.port = port;
    }

    public long agencyId(String regionCode, String name) {
        for (JsonNode a : new Api(port).get("/api/v1/regions/" + regionCode + "/agencies").json()) {
            if (a.path("name").asText().equals(name)) {
                return a.path("id").asLong();
            }
        }
        throw new AssertionError("no agency " + name + " in " + regionCode);
    }

    /** An agency (id, code, name …) by its code, e.g. {@code 469027-MZJ} or {@code V469027100201}. */
    public JsonNode agency(String regionCode, String code) {
        for (JsonNode a : new Api(port).get("/api/v1/regions/" + regionCode + "/agencies").json()) {
            if (a.path("code").asText().equals(code)) {
                return a;
            }
        }
        throw new AssertionError("no agency " + code + " in " + regionCode);
    }

    /** A member of staff created by the province's administrator, logged in. */
    public Api staff(String username, long agencyId, String role) {
        Api admin = Personas.login(port, "admin");
        Api.Response r = admin.post("/api/v1/admin/staff", Map.of("username", username, "displayName", "测试" + role,
                "agencyId", agencyId, "roles", List.of(role), "password", "Staff-Pass-2026"));
        assertThat(r.status()).as(r.body()).isIn(201, 409);
        Api staff = Personas.login(port, username, "Staff-Pass-2026");
        if (staff.get("/api/v1/auth/me").json().path("mustChangePassword").asBoolean()) {
            // The administrator set the password: the member replaces it, and then takes it back for later logins.
            changePassword(staff, "Staff-Pass-2026", "Staff-Pass-2026-x");
            changePassword(staff, "Staff-Pass-2026-x", "Staff-Pass-2026");
        }
        return staff;
    }

    private static void changePassword(Api api, String current, String next) {
        Api.Response r = api.post("/api/v1/auth/password", Map.of("currentPassword", current, "newPassword", next));
        assertThat(r.status()).as(r.body()).isEqualTo(204);
    }

    /**
     * The first item matching, from a catalogue search, with a form that {@link #draft} can fill in: the default
     * application form, else one of the items' own forms of {@code processes/forms/} (items that tests bound to a
     * form of their own are left alone).
     */
    public JsonNode item(Predicate<JsonNode> filter, Object... query) {
        // Items on the default form first (tests post its fields themselves), then items with a form of their own.
        for (boolean ownForms : new boolean[] { false, true }) {
            for (int page = 1; ; page++) {
                List<Object> params = new ArrayList<>(List.of(query));
                params.addAll(List.of("size", 100, "page", page));
                JsonNode items = new Api(port).get("/api/v1/catalog/items", params.toArray()).json().path("items");
                for (JsonNode item : items) {
                    if ((ownForms ? fillable(item) : !item.hasNonNull("formKey")) && filter.test(item)) {
                        return new Api(port).get("/api/v1/catalog/items/" + item.path("code").asText()).json();
                    }
                }
                if (items.size() < 100) {
                    break;
                }
            }
        }
        throw new AssertionError("no item matches in " + List.of(query));
    }

    /** A Haikou market-supervision licensing item handled by the demo clerks hk.accept, hk.review, hk.approve. */
    public JsonNode haikouLicensingItem() {
        return item(i -> i.path("type").asInt() == 1 && i.path("processKey").asText().equals("standard"),
                "agencyId", agencyId("4601", "海口市市场监督管理局"));
    }

    /**
     * The body of a new item of 海口市市场监督管理局 (the demo clerks' agency) on the given process, with every
     * guide element and two materials; tests change what they need.
     */
    public Map<String, Object> itemBody(String name, String processKey) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("name", name);
        body.put("type", 1);
        body.put("level", "CITY_COUNTY");
        body.put("regionCode", "4601");
        body.put("agencyId", agencyId("4601", "海口市市场监督管理局"));
        body.put("departmentCode", "SCJGJ");
        body.put("caseKind", "PROMISED");
        body.put("audience", "BOTH");
        body.put("legalLimitDays", 20);
        body.put("promisedLimitDays", 5);
        body.put("fee", "不收费");
        body.put("visits", 0);
        body.put("onlineDepth", 4);
        body.put("lawBasis", "《中华人民共和国行政许可法》");
        body.put("consultPhone", "0898-12345");
        body.put("complaintPhone", "12345");
        body.put("processDescription", "网上申请 → 受理 → 审查 → 审批决定 → 办结送达");
        body.put("processKey", processKey);
        body.put("materials", new ArrayList<>(List.of(
                material(null, name + "申请表", true),
                material(null, "申请人身份证明", false))));
        return body;
    }

    public static Map<String, Object> material(Long id, String name, boolean required) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        if (id != null) {
            m.put("id", id);
        }
        m.put("name", name);
        m.put("form", "ORIGINAL");
        m.put("copies", 1);
        m.put("required", required);
        m.put("blankForm", true);
        m.put("sample", false);
        m.put("acceptTypes", "pdf,jpg,png");
        m.put("maxSizeMb", 10);
        return m;
    }

    /** A new item created and published by the province's administrator; answers its public guide. */
    public JsonNode publishedItem(Map<String, Object> body) {
        Api admin = Personas.login(port, "admin");
        Api.Response created = admin.post("/api/v1/admin/items", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String code = created.json().path("code").asText();
        Api.Response published = admin.post("/api/v1/admin/items/" + code + "/publish",
                Map.of("version", created.json().path("version").asInt()));
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        return new Api(port).get("/api/v1/catalog/items/" + code).json();
    }

    private static boolean fillable(JsonNode item) {
        return !item.hasNonNull("formKey") || standardForm(item.path("formKey").asText()).isPresent();
    }

    private static Optional<StandardForms.Form> standardForm(String key) {
        return StandardForms.get().forms().stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /** What an applicant fills in: the default form, or the item's own form with plausible values of its fields. */
    public static Map<String, Object> formData(JsonNode item) {
        Optional<StandardForms.Form> own = item.hasNonNull("formKey") ? standardForm(item.path("formKey").asText()) : Optional.empty();
        if (own.isEmpty()) {
            return Map.of("reason", "申请办理" + item.path("name").asText(), "contact", "黎小明");
        }
        Map<String, String> examples = StandardForms.get().examples();
        Map<String, String> byPattern = new HashMap<>();
        StandardForms.get().patterns().forEach((name, regex) -> byPattern.put(regex, PATTERN_EXAMPLES.get(name)));
        Map<String, Object> data = new HashMap<>();
        for (FormDefinition.Field f : own.get().fields()) {
            Object value = switch (f.type()) {
                case "select" -> f.options().get(0);
                case "number" -> f.min() == null ? 1 : f.min();
                case "date" -> "2026-01-05";
                default -> f.pattern() != null ? byPattern.getOrDefault(f.pattern(), examples.get(f.key()))
                        : examples.getOrDefault(f.key(), f.label() + "（测试）");
            };
            data.put(f.key(), value);
        }
        return data;
    }

    /** A value of each named pattern of {@code processes/forms/_shared.json}. */
    private static final Map<String, String> PATTERN_EXAMPLES = Map.of("mobile", "13907561234", "phone", "0898-66123456",
            "idCard", "460100199003150023", "uscc", "91460100MA5T0A1B21", "postcode", "570208", "bankAccount",
            "6217003320001234567");

    public String draft(Api applicant, JsonNode item, String regionCode) {
        Api.Response created = applicant.post("/api/v1/applications", Map.of("itemCode", item.path("code").asText(),
                "regionCode", regionCode, "formData", formData(item)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("applicationNo").asText();
    }

    public void uploadRequired(Api applicant, String no, JsonNode item) {
        for (JsonNode m : item.path("materials")) {
            if (m.path("required").asBoolean()) {
                upload(applicant, no, m.path("id").asLong());
            }
        }
    }

    public JsonNode upload(Api applicant, String no, long materialId) {
        Api.Response r = applicant.upload("/api/v1/applications/" + no + "/materials", "scan-" + materialId + ".png", PNG,
                "image/png", Map.of("materialId", String.valueOf(materialId)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    public JsonNode submit(Api applicant, String no) {
        Api.Response r = applicant.send(java.net.http.HttpRequest.newBuilder(applicant.uri("/api/v1/applications/" + no + "/submit"))
                .header("Idempotency-Key", UUID.randomUUID().toString()).POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** Draft, materials and submit in one go; answers the application number. */
    public String apply(Api applicant, JsonNode item, String regionCode) {
        String no = draft(applicant, item, regionCode);
        uploadRequired(applicant, no, item);
        submit(applicant, no);
        return no;
    }

    /** The clerk's open task on this application, from their todo list. */
    public String task(Api clerk, String no) {
        JsonNode todo = clerk.get("/api/v1/workbench/tasks", "view", "todo", "applicationNo", no).json();
        assertThat(todo.path("items").size()).as("todo of %s for %s: %s", clerk, no, todo).isEqualTo(1);
        return todo.path("items").get(0).path("taskId").asText();
    }

    public Api.Response act(Api clerk, String taskId, String action, Map<String, ?> body) {
        return clerk.post("/api/v1/workbench/tasks/" + taskId + "/" + action, body);
    }

    public void step(Api clerk, String no, String action, Map<String, ?> body) {
        Api.Response r = act(clerk, task(clerk, no), action, body);
        assertThat(r.status()).as(action + ": " + r.body()).isEqualTo(200);
    }

    public JsonNode application(Api api, String no) {
        Api.Response r = api.get("/api/v1/applications/" + no);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    public static List<String> actions(JsonNode application) {
        List<String> actions = new ArrayList<>();
        application.path("timeline").forEach(e -> actions.add(e.path("action").asText()));
        return actions;
    }
}
