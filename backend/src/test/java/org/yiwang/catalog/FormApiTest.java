package org.yiwang.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/** 申请表单: versioned definitions, bound to an item, and the server's check of what applicants fill in. */
@IntegrationTest
class FormApiTest {

    private static final String FORMS = "/api/v1/admin/forms";

    @LocalServerPort
    int port;

    @Test
    void aFormIsVersionedAndItsDefinitionChecked() {
        Api admin = Personas.login(port, "admin");
        JsonNode bad = assertProblem(admin.post(FORMS, Map.of("key", "1bad", "name", "", "fields", List.of(
                field("name", "姓名", "text", true), field("name", "重复", "colour", false),
                Map.of("key", "kind", "label", "类别", "type", "select", "options", List.of())))), 400, "INVALID_BODY");
        assertThat(fieldsOf(bad)).contains("key", "name", "fields[1].key", "fields[1].type", "fields[2].options");

        JsonNode v1 = saved(admin, "versionedForm", List.of(field("name", "姓名", "text", true)));
        assertThat(v1.path("version").asInt()).isEqualTo(1);
        JsonNode v2 = saved(admin, "versionedForm", List.of(field("name", "姓名", "text", true), field("note", "备注", "textarea", false)));
        assertThat(v2.path("version").asInt()).isEqualTo(2);
        assertThat(admin.get(FORMS + "/versionedForm").json()).hasSize(2);
        assertThat(admin.get(FORMS + "/versionedForm/versions/1").json().path("fields")).hasSize(1);
        assertThat(admin.get(FORMS).json().toString()).contains("\"key\":\"versionedForm\",\"version\":2");
        assertProblem(admin.get(FORMS + "/noSuchForm"), 404, "NOT_FOUND");
    }

    @Test
    void theDesignerOffersTheNamedPatternsTheServerChecksBy() {
        JsonNode named = Personas.login(port, "admin").get(FORMS + "/patterns").json();
        assertThat(named.path("mobile").asText()).isNotBlank();
        assertThat("13907550123").matches(named.path("mobile").asText());
        assertThat("91460100MA5T0XXX1K").doesNotMatch(named.path("idCard").asText());
        assertThat("460027199001011234").matches(named.path("idCard").asText());
        assertThat("91460100MA5RC0A12X").matches(named.path("uscc").asText());
        assertThat("570100").matches(named.path("postcode").asText());
    }

    @Test
    void theServerChecksWhatIsFilledInAgainstTheBoundForm() {
        Journeys j = new Journeys(port);
        Api admin = Personas.login(port, "admin");
        Map<String, Object> company = field("companyCode", "统一社会信用代码", "text", true);
        company.put("pattern", "[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}");
        Map<String, Object> count = field("sampleCount", "样品数量", "number", true);
        count.put("min", 1);
        count.put("max", 100);
        Map<String, Object> kind = field("sampleKind", "样品类别", "select", false);
        kind.put("options", List.of("食品", "化妆品"));
        JsonNode form = saved(admin, "sampleForm", List.of(company, count, kind, field("arrival", "到港日期", "date", false)));

        Map<String, Object> body = j.itemBody("进口样品检验申请", "standard");
        body.put("formKey", "sampleForm");
        body.put("formVersion", form.path("version").asInt());
        JsonNode item = j.publishedItem(body);
        assertThat(item.path("form").path("fields")).hasSize(4);
        String code = item.path("code").asText();

        Api applicant = Personas.login(port, "applicant");
        Map<String, Object> good = new LinkedHashMap<>(Map.of("companyCode", "91460100MA5T00000H", "sampleCount", 3,
                "sampleKind", "食品", "arrival", "2026-12-01"));
        JsonNode missing = assertProblem(create(applicant, code, Map.of("sampleCount", 3)), 400, "INVALID_FORM_DATA");
        assertThat(missing.path("parameter").asText()).isEqualTo("formData.companyCode");
        assertThat(missing.path("detail").asText()).contains("统一社会信用代码为必填项");

        // The named pattern 统一社会信用代码 also checks the GB 32100 check character: one mistyped character is caught.
        Map<String, Object> misTyped = new LinkedHashMap<>(good);
        misTyped.put("companyCode", "91460100MA5T000001");
        JsonNode checkDigit = assertProblem(create(applicant, code, misTyped), 400, "INVALID_FORM_DATA");
        assertThat(fieldsOf(checkDigit)).containsExactly("formData.companyCode");
        assertThat(checkDigit.path("detail").asText()).contains("统一社会信用代码有误：统一社会信用代码校验位不正确");

        Map<String, Object> wrong = new LinkedHashMap<>(good);
        wrong.put("companyCode", "not-a-code");
        wrong.put("sampleCount", "three");
        wrong.put("sampleKind", "药品");
        wrong.put("arrival", "2026-13-01");
        wrong.put("extra", "x");
        JsonNode bad = assertProblem(create(applicant, code, wrong), 400, "INVALID_FORM_DATA");
        assertThat(fieldsOf(bad)).containsExactly("formData.companyCode", "formData.sampleCount", "formData.sampleKind",
                "formData.arrival", "formData.extra");
        wrong = new LinkedHashMap<>(good);
        wrong.put("sampleCount", 101);
        assertThat(fieldsOf(assertProblem(create(applicant, code, wrong), 400, "INVALID_FORM_DATA"))).containsExactly("formData.sampleCount");

        Api.Response created = create(applicant, code, good);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String no = created.json().path("applicationNo").asText();
        Map<String, Object> changed = new LinkedHashMap<>(good);
        changed.remove("companyCode");
        assertProblem(applicant.put("/api/v1/applications/" + no, Map.of("formData", changed)), 400, "INVALID_FORM_DATA");
        assertThat(applicant.get("/api/v1/applications/" + no).json().path("formData").path("companyCode").asText())
                .isEqualTo("91460100MA5T00000H");
        j.uploadRequired(applicant, no, item);
        assertThat(j.submit(applicant, no).path("status").asText()).isEqualTo("SUBMITTED");
    }

    private static Api.Response create(Api applicant, String code, Map<String, Object> formData) {
        return applicant.post("/api/v1/applications", Map.of("itemCode", code, "regionCode", "4601", "formData", formData));
    }

    private static JsonNode saved(Api admin, String key, List<Map<String, Object>> fields) {
        Api.Response r = admin.post(FORMS, Map.of("key", key, "name", key + " 表单", "fields", fields));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    static Map<String, Object> field(String key, String label, String type, boolean required) {
        return new LinkedHashMap<>(Map.of("key", key, "label", label, "type", type, "required", required));
    }

    private static List<String> fieldsOf(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }
}
