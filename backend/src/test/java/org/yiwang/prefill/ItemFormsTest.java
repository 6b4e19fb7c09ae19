package org.yiwang.prefill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.yiwang.identity.IdentityNumbers;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

/** The items' own application forms: their fields, the server's check, pre-filling and the printable forms. */
@IntegrationTest
class ItemFormsTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger(400);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate db;

    @Test
    void theMostAppliedForItemsAskForTheirOwnFields() {
        List<Map<String, Object>> bound = db.queryForList(
                "SELECT form_key, COUNT(*) AS items FROM item WHERE form_key IS NOT NULL GROUP BY form_key");
        assertThat(bound).as("forms bound to catalogue items").hasSizeGreaterThanOrEqualTo(20);

        JsonNode food = item("食品(含保健食品)经营许可核发");
        assertThat(food.path("form").path("name").asText()).isEqualTo("食品经营许可申请书");
        assertThat(keys(food)).contains("companyName", "uscc", "legalPersonName", "premises", "businessType",
                "businessItems", "staffCount", "contactPhone");
        assertThat(label(food, "companyName")).isEqualTo("经营者名称");
        assertThat(keys(item("公司设立登记"))).contains("companyType", "registeredCapital", "businessScope", "legalPersonIdNumber");
        assertThat(keys(item("个体工商户设立登记"))).contains("applicantName", "organizationForm", "premises");
        assertThat(label(item("个体工商户设立登记"), "applicantName")).isEqualTo("经营者姓名");
        assertThat(keys(item("社会保障卡申领"))).contains("applicantIdNumber", "gender", "birthDate", "cardBank");
        assertThat(keys(item("居住证办理"))).contains("householdAddress", "residenceAddress", "residenceReason");

        // The shared groups are one definition: the same key has the same label and pattern in every form.
        String pattern = field(food, "uscc").path("pattern").asText();
        assertThat(field(item("公共场所卫生许可新办审批（县级）"), "uscc").path("pattern").asText()).isEqualTo(pattern);

        JsonNode other = new Api(port).get("/api/v1/catalog/items", "q", "户口恢复", "size", 5).json().path("items").get(0);
        assertThat(new Api(port).get("/api/v1/catalog/items/" + other.path("code").asText()).json().has("form"))
                .as("an item without its own form keeps the generic one").isFalse();
    }

    @Test
    void theServerChecksEachFieldByItsPattern() {
        Api company = Personas.login(port, "company");
        JsonNode food = item("食品(含保健食品)经营许可核发");
        Map<String, Object> data = foodForm();
        data.put("uscc", "91460100MA5T0A1B2");
        data.put("legalPersonIdNumber", "46010219850712003");
        data.put("legalPersonPhone", "1380756987");
        data.put("contactPhone", "12345");
        data.put("staffCount", 0);
        JsonNode problem = assertProblem(draft(company, food, data), 400, "INVALID_FORM_DATA");
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("formData.uscc", "formData.legalPersonIdNumber",
                "formData.legalPersonPhone", "formData.contactPhone", "formData.staffCount");
        assertThat(problem.toString()).contains("统一社会信用代码格式不正确");

        assertThat(draft(company, food, foodForm()).status()).isEqualTo(201);
    }

    @Test
    void aSecondApplicationIsMostlyPreFilledFromTheFirst() {
        String id = IdentityNumbers.generateIdCard("460106", LocalDate.of(1988, 6, 17), SEQUENCE.incrementAndGet());
        Api resident = register(id, "符海燕", "13976540001");
        JsonNode residence = item("居住证办理");
        JsonNode card = item("社会保障卡申领");

        JsonNode first = prefill(resident, residence);
        assertThat(value(first, "applicantName")).isEqualTo("符海燕");
        assertThat(value(first, "applicantIdNumber")).isEqualTo(id);
        assertThat(value(first, "birthDate")).isEqualTo("1988-06-17");
        assertThat(value(first, "gender")).isEqualTo((id.charAt(16) - '0') % 2 == 1 ? "男" : "女");
        assertThat(source(first, "applicantIdNumber")).isEqualTo("ACCOUNT");
        assertThat(shown(first, "applicantIdNumber")).doesNotContain(id.substring(6, 14));

        Map<String, Object> data = new LinkedHashMap<>();
        first.path("values").forEach(v -> data.put(v.path("key").asText(), v.path("value").asText()));
        data.put("applicantAddress", "海南省海口市龙华区金贸街道玉沙路 9 号 2 栋 1203 房");
        data.put("ethnicity", "黎族");
        data.put("householdAddress", "海南省五指山市通什镇红旗路 6 号");
        data.put("residenceAddress", "海南省海口市龙华区金贸街道玉沙路 9 号 2 栋 1203 房");
        data.put("residenceReason", "就业");
        data.put("residenceSince", "2025-03-01");
        Api.Response created = draft(resident, residence, data);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String no = created.json().path("applicationNo").asText();

        JsonNode second = prefill(resident, card);
        assertThat(second.path("filled").asInt()).as(second.toString())
                .isGreaterThanOrEqualTo((second.path("fields").asInt() + 1) / 2);
        assertThat(value(second, "ethnicity")).isEqualTo("黎族");
        assertThat(source(second, "ethnicity")).isEqualTo("EARLIER");
        assertThat(from(second, "ethnicity")).contains(no);
        assertThat(value(second, "applicantAddress")).isEqualTo("海南省海口市龙华区金贸街道玉沙路 9 号 2 栋 1203 房");
        assertThat(value(second, "householdAddress")).as("not a field of this form").isNull();

        // Another applicant gets their own account's facts and nothing of hers.
        String otherId = IdentityNumbers.generateIdCard("469027", LocalDate.of(1979, 1, 23), SEQUENCE.incrementAndGet());
        JsonNode theirs = prefill(register(otherId, "王志强", "13976540002"), card);
        assertThat(value(theirs, "applicantName")).isEqualTo("王志强");
        assertThat(theirs.toString()).doesNotContain(id).doesNotContain("黎族").doesNotContain("玉沙路").doesNotContain("符海燕");

        assertProblem(resident.get("/api/v1/applications/prefill", "itemCode", "NO-SUCH-ITEM"), 404, "NOT_FOUND");
        assertThat(new Api(port).get("/api/v1/applications/prefill", "itemCode", card.path("code").asText()).status())
                .isEqualTo(401);
        assertThat(Personas.login(port, "hk.accept").get("/api/v1/applications/prefill", "itemCode",
                card.path("code").asText()).status()).isEqualTo(403);
    }

    @Test
    void aCompanyFindsItsNameAndCodeFilledIn() {
        JsonNode prefill = prefill(Personas.login(port, "company"), item("仅销售预包装食品经营者备案信息采集"));
        assertThat(value(prefill, "companyName")).isEqualTo("海口椰风食品有限公司");
        assertThat(value(prefill, "uscc")).matches("[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}");
        assertThat(source(prefill, "companyName")).isEqualTo("ACCOUNT");
        assertThat(value(prefill, "contactPhone")).as("the account's phone, or what the company typed last").isNotBlank();
        assertThat(value(prefill, "applicantName")).as("not a field of this form").isNull();
    }

    @Test
    void blankAndSampleFormsAreGeneratedFromTheDefinition() throws Exception {
        JsonNode food = item("食品(含保健食品)经营许可核发");
        String path = "/api/v1/catalog/items/" + food.path("code").asText() + "/application-form";
        Api anyone = new Api(port);
        Api.Response blank = anyone.get(path);
        assertThat(blank.status()).isEqualTo(200);
        assertThat(blank.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(blank.header("Content-Disposition")).startsWith("attachment;");
        byte[] blankPdf = anyone.bytes(path);
        byte[] samplePdf = anyone.bytes(path + "?sample=true");
        assertThat(new String(blankPdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        String blankText = new PdfTextExtractor(new PdfReader(blankPdf)).getTextFromPage(1);
        String sampleText = new PdfTextExtractor(new PdfReader(samplePdf)).getTextFromPage(1);
        assertThat(blankText).contains(food.path("code").asText()).doesNotContain("91460100MA5T0A1B21");
        assertThat(sampleText).contains("91460100MA5T0A1B21", "0898-66123456");

        JsonNode generic = anyone.get("/api/v1/catalog/items", "q", "户口恢复", "size", 1).json().path("items").get(0);
        assertThat(anyone.get("/api/v1/catalog/items/" + generic.path("code").asText() + "/application-form").status())
                .as("an item without its own form has the generic one on paper").isEqualTo(200);
        assertProblem(anyone.get("/api/v1/catalog/items/NO-SUCH-ITEM/application-form"), 404, "NOT_FOUND");
    }

    private Map<String, Object> foodForm() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("companyName", "海口椰风食品有限公司");
        data.put("uscc", "91460100MA5T0A1B21");
        data.put("companyAddress", "海南省海口市龙华区滨海大道 105 号");
        data.put("legalPersonName", "陈志明");
        data.put("legalPersonIdNumber", "460102198507120037");
        data.put("legalPersonPhone", "13807569876");
        data.put("premises", "海南省海口市龙华区金龙路 20 号一层 101 铺");
        data.put("businessType", "餐饮服务经营者");
        data.put("businessItems", "热食类食品制售");
        data.put("staffCount", 12);
        data.put("foodSafetyManager", "林晓");
        data.put("onlineSales", "否");
        data.put("contactName", "林晓");
        data.put("contactPhone", "0898-66123456");
        return data;
    }

    private Api register(String idNumber, String name, String phone) {
        Api api = new Api(port);
        Api.Response created = api.post("/api/v1/auth/register", Map.of("idType", "ID_CARD", "idNumber", idNumber,
                "name", name, "phone", phone, "password", "Haiyan-2026!", "regionCode", "460106"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        api.csrfToken(created.json().path("csrfToken").asText());
        return api;
    }

    private Api.Response draft(Api applicant, JsonNode item, Map<String, Object> data) {
        return applicant.post("/api/v1/applications", Map.of("itemCode", item.path("code").asText(),
                "regionCode", item.path("regionCode").asText(), "formData", data));
    }

    private JsonNode prefill(Api applicant, JsonNode item) {
        Api.Response r = applicant.get("/api/v1/applications/prefill", "itemCode", item.path("code").asText());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** A published item of exactly this name that binds its own form, with its guide. */
    private JsonNode item(String name) {
        for (JsonNode i : new Api(port).get("/api/v1/catalog/items", "q", name, "size", 50).json().path("items")) {
            if (i.path("name").asText().equals(name) && i.hasNonNull("formKey")) {
                return new Api(port).get("/api/v1/catalog/items/" + i.path("code").asText()).json();
            }
        }
        throw new AssertionError("no item named " + name + " with its own form");
    }

    private static List<String> keys(JsonNode item) {
        List<String> keys = new ArrayList<>();
        item.path("form").path("fields").forEach(f -> keys.add(f.path("key").asText()));
        return keys;
    }

    private static JsonNode field(JsonNode item, String key) {
        for (JsonNode f : item.path("form").path("fields")) {
            if (f.path("key").asText().equals(key)) {
                return f;
            }
        }
        throw new AssertionError(item.path("name").asText() + " has no field " + key);
    }

    private static String label(JsonNode item, String key) {
        return field(item, key).path("label").asText();
    }

    private static JsonNode entry(JsonNode prefill, String key) {
        for (JsonNode v : prefill.path("values")) {
            if (v.path("key").asText().equals(key)) {
                return v;
            }
        }
        return null;
    }

    private static String value(JsonNode prefill, String key) {
        JsonNode v = entry(prefill, key);
        return v == null ? null : v.path("value").asText();
    }

    private static String source(JsonNode prefill, String key) {
        return entry(prefill, key).path("source").asText();
    }

    private static String shown(JsonNode prefill, String key) {
        return entry(prefill, key).path("shown").asText();
    }

    private static String from(JsonNode prefill, String key) {
        return entry(prefill, key).path("from").asText();
    }
}
