package org.yiwang.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.identity.IdentityNumbers;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * 一件事一次办: the bundles in the catalogue, one application for 开办餐饮店 whose registration licence becomes the food
 * licence's material and fills its number and 统一社会信用代码 into the food licence's form, a refused required child
 * ending the bundle, withdrawing against an approval, a supplement notice in one child, and the validation of a
 * bundle at save (the seeded ones included).
 */
@IntegrationTest
class BundleApiTest {

    private static final String RESTAURANT = "kaiban-canyindian";
    private static final String REGISTRATION = "XK0928";
    private static final String FOOD_LICENCE = "XK1021";
    private static final String LICENCE_MATERIAL = "营业执照或统一社会信用代码证书";

    private static final SecureRandom RANDOM = new SecureRandom();

    @LocalServerPort
    int port;

    @Autowired
    BundleService bundles;

    @Autowired
    BundleMapper mapper;

    @Test
    void everySeededBundleMapsOntoFieldsTheItemsFormsHaveAndFillsEveryRequiredOne() {
        List<BundleMapper.BundleRow> rows = mapper.findBundles();
        assertThat(rows.stream().map(BundleMapper.BundleRow::code)).contains(RESTAURANT, "xinshenger-chusheng",
                "yuangong-luyong", "tuixiu", "qiye-xinxi-biangeng");
        for (BundleMapper.BundleRow row : rows) {
            assertThat(bundles.problemsOf(bundles.parse(row.definition()))).as(row.code()).isEmpty();
        }
    }

    @Test
    void theCatalogueListsTheBundlesAndGuidesOneInAPlace() {
        JsonNode list = new Api(port).get("/api/v1/catalog/bundles").json();
        assertThat(list.isArray()).isTrue();
        assertThat(list.findValuesAsText("name")).contains("开办餐饮店", "新生儿出生", "员工录用", "退休", "企业信息变更");
        JsonNode restaurant = byCode(list, RESTAURANT);
        assertThat(restaurant.path("items").findValuesAsText("basicCode")).contains(REGISTRATION, FOOD_LICENCE);
        assertThat(restaurant.path("items").findValuesAsText("name")).contains("个体工商户设立登记", "食品(含保健食品)经营许可核发");

        JsonNode guide = new Api(port).get("/api/v1/catalog/bundles/" + RESTAURANT, "regionCode", "4601").json();
        assertThat(guide.path("questions").findValuesAsText("key")).contains("publicPlace", "outdoorSign");
        assertThat(guide.path("unavailable").toString()).as("海口 implements no 户外广告 approval").contains("XK0930");
        JsonNode food = byField(guide.path("items"), "basicCode", FOOD_LICENCE);
        assertThat(food.path("agencyName").asText()).isEqualTo("海口市市场监督管理局");
        JsonNode premises = byField(guide.path("materials"), "name", "经营场所使用证明");
        assertThat(premises.path("items").toString()).contains(REGISTRATION, FOOD_LICENCE);
        assertProblem(new Api(port).get("/api/v1/catalog/bundles/no-such-bundle"), 404, "NOT_FOUND");
    }

    @Test
    void theRegistrationIsIssuedFirstAndItsLicenceBecomesTheFoodLicencesMaterialThenBothAreDeliveredTogether() throws Exception {
        Journeys j = new Journeys(port);
        Api person = newPerson("符海燕");
        JsonNode opened = open(person, false);
        String caseNo = opened.path("caseNo").asText();
        assertThat(opened.path("status").asText()).isEqualTo("DRAFT");
        assertThat(opened.path("children").findValuesAsText("basicCode")).as("the question skipped 公共场所卫生许可")
                .containsExactly(REGISTRATION, FOOD_LICENCE);

        // The merged form reaches each item under its own form's field names; the licence's fields wait for it.
        String foodNo = child(opened, FOOD_LICENCE).path("applicationNo").asText();
        String registrationNo = child(opened, REGISTRATION).path("applicationNo").asText();
        JsonNode registrationForm = j.application(person, registrationNo).path("formData");
        assertThat(registrationForm.path("tradeName").asText()).isEqualTo("椰风小馆");
        assertThat(registrationForm.path("applicantName").asText()).isEqualTo("符海燕");
        assertThat(registrationForm.path("capital").asDouble()).isEqualTo(10.0);
        assertThat(registrationForm.has("businessType")).isFalse();
        JsonNode foodForm = j.application(person, foodNo).path("formData");
        assertThat(foodForm.path("companyName").asText()).isEqualTo("椰风小馆");
        assertThat(foodForm.path("legalPersonName").asText()).isEqualTo("符海燕");
        assertThat(foodForm.path("companyAddress").asText()).isEqualTo(foodForm.path("premises").asText()).contains("海甸二西路");
        assertThat(foodForm.path("staffCount").asInt()).isEqualTo(6);
        assertThat(foodForm.path("businessType").asText()).isEqualTo("餐饮服务经营者");
        assertThat(foodForm.has("businessLicenseNo")).as("not issued yet").isFalse();
        assertThat(foodForm.has("uscc")).isFalse();

        JsonNode materials = uploadAll(person, caseNo);
        JsonNode licenceMaterial = byField(materials, "name", LICENCE_MATERIAL);
        assertThat(licenceMaterial.path("items").size()).isEqualTo(2);
        int foodFiles = j.application(person, foodNo).path("materials").size();
        assertThat(j.application(person, registrationNo).path("materials").size())
                .as("the food licence's copy of the business licence is not uploaded: its e-licence will be").isEqualTo(foodFiles + 1);

        assertProblem(submit(person, caseNo, null), 400, "INVALID_PARAMETER");
        List<CompletableFuture<Api.Response>> twice = List.of(
                CompletableFuture.supplyAsync(() -> submit(person, caseNo, "bundle-key-1")),
                CompletableFuture.supplyAsync(() -> submit(person, caseNo, "bundle-key-1")));
        for (CompletableFuture<Api.Response> r : twice) {
            assertThat(r.get().status()).as(r.get().body()).isEqualTo(200);
        }
        assertProblem(submit(person, caseNo, "bundle-key-2"), 409, "ALREADY_SUBMITTED");
        assertThat(person.get("/api/v1/bundle-cases").json().path("total").asInt()).isEqualTo(1);
        JsonNode running = person.get("/api/v1/bundle-cases/" + caseNo).json();
        assertThat(running.path("status").asText()).isEqualTo("RUNNING");
        assertThat(child(running, REGISTRATION).path("status").asText()).isEqualTo("SUBMITTED");
        assertThat(Journeys.actions(j.application(person, registrationNo)).stream().filter("SUBMIT"::equals)).hasSize(1);
        assertThat(child(running, FOOD_LICENCE).path("state").asText()).isEqualTo("WAITING");
        assertThat(child(running, FOOD_LICENCE).path("status").asText()).isEqualTo("DRAFT");

        j.step(provinceMarketClerk(j), registrationNo, "approve", Map.of("opinion", "准予登记"));
        String registrationLicence = j.application(person, registrationNo).path("license").path("number").asText();
        assertThat(registrationLicence).startsWith("HN");
        JsonNode food = j.application(person, foodNo);
        assertThat(food.path("status").asText()).as("started by the registration's licence").isEqualTo("SUBMITTED");
        assertThat(Journeys.actions(food)).containsSubsequence("LICENSE_MATERIAL", "SUBMIT");
        assertThat(food.path("materials").findValuesAsText("fileName")).contains(registrationLicence + ".pdf");
        assertThat(food.path("formData").path("businessLicenseNo").asText()).isEqualTo(registrationLicence);
        String uscc = food.path("formData").path("uscc").asText();
        assertThat(IdentityNumbers.checkUscc(uscc).valid()).as(uscc).isTrue();
        assertThat(person.get("/api/v1/bundle-cases/" + caseNo).json().path("licenses")).as("统一发证: not one by one").isEmpty();

        j.step(Personas.login(port, "hk.accept"), foodNo, "approve", Map.of("opinion", "准予许可"));
        JsonNode done = person.get("/api/v1/bundle-cases/" + caseNo).json();
        assertThat(done.path("status").asText()).isEqualTo("CONCLUDED");
        assertThat(done.path("licenses").size()).isEqualTo(2);
        for (JsonNode licence : done.path("licenses")) {
            JsonNode verified = new Api(port).get("/api/v1/licenses/verify", "code", licence.path("verificationCode").asText()).json();
            assertThat(verified.path("valid").asBoolean()).isTrue();
        }
        assertThat(person.get("/api/v1/licenses", "mine", "true").json().toString()).contains(registrationLicence, "HN" + foodNo);
    }

    @Test
    void theMergedFormIsCheckedAsTheItemsFormsCheckItAndAnOptionalItemsFieldsAreAskedOnlyWhenItIsChosen() {
        Api person = newPerson("王椰林");
        Map<String, Object> form = restaurantForm();
        form.put("operatorIdNumber", "46010019900101123");
        JsonNode problem = assertProblem(person.post("/api/v1/bundle-cases", Map.of("bundleCode", RESTAURANT, "regionCode", "4601",
                "answers", Map.of("publicPlace", false, "outdoorSign", false), "formData", form)), 400, "INVALID_FORM");
        assertThat(problem.toString()).as("named in the merged form's terms").contains("formData.operatorIdNumber");

        JsonNode placeMissing = assertProblem(person.post("/api/v1/bundle-cases", Map.of("bundleCode", RESTAURANT, "regionCode", "4601",
                "answers", Map.of("publicPlace", true, "outdoorSign", false), "formData", restaurantForm())), 400, "INVALID_FORM");
        assertThat(placeMissing.toString()).contains("formData.placeType", "formData.floorArea");
        assertThat(person.get("/api/v1/bundle-cases").json().path("total").asInt()).as("nothing half-written").isZero();

        JsonNode withPlace = open(person, true);
        JsonNode hygiene = new Journeys(port).application(person, child(withPlace, "XK0901").path("applicationNo").asText());
        assertThat(hygiene.path("formData").path("placeType").asText()).isEqualTo("其他");
        assertThat(hygiene.path("formData").path("companyName").asText()).isEqualTo("椰风小馆");
    }

    @Test
    void aRefusedRegistrationEndsTheBundleWithItsReasonAndTheWaitingFoodLicenceIsWithdrawn() {
        Journeys j = new Journeys(port);
        Api company = newPerson("吴海风");
        JsonNode opened = open(company, false);
        String caseNo = opened.path("caseNo").asText();
        uploadAll(company, caseNo);
        assertThat(submit(company, caseNo, "refused-1").status()).isEqualTo(200);
        String registrationNo = child(opened, REGISTRATION).path("applicationNo").asText();
        j.step(provinceMarketClerk(j), registrationNo, "refuse", Map.of("opinion", "经营场所位于居民住宅楼内，不符合登记条件"));

        JsonNode ended = company.get("/api/v1/bundle-cases/" + caseNo).json();
        assertThat(ended.path("status").asText()).isEqualTo("ENDED");
        assertThat(ended.path("outcome").asText()).contains("个体工商户设立登记", "不符合登记条件");
        JsonNode food = child(ended, FOOD_LICENCE);
        assertThat(food.path("state").asText()).isEqualTo("CANCELLED");
        assertThat(food.path("status").asText()).isEqualTo("WITHDRAWN");
        assertProblem(company.post("/api/v1/bundle-cases/" + caseNo + "/withdraw", Map.of()), 409, "NOT_WITHDRAWABLE");
    }

    @Test
    void withdrawingTheBundleWithdrawsEveryUndecidedChildOnceADecisionIsMadeItIsRefused() {
        Journeys j = new Journeys(port);
        Api company = newPerson("陈小海");
        JsonNode opened = open(company, false);
        String caseNo = opened.path("caseNo").asText();
        uploadAll(company, caseNo);
        assertThat(submit(company, caseNo, "withdrawn-1").status()).isEqualTo(200);
        Api.Response withdrawn = company.post("/api/v1/bundle-cases/" + caseNo + "/withdraw", Map.of("reason", "店面另有安排"));
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(withdrawn.json().path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.json().path("children").findValuesAsText("status")).containsOnly("WITHDRAWN");
        assertThat(withdrawn.json().path("children").findValuesAsText("state")).containsOnly("CANCELLED");
        assertProblem(company.post("/api/v1/bundle-cases/" + caseNo + "/withdraw", Map.of()), 409, "NOT_WITHDRAWABLE");

        JsonNode decided = open(company, false);
        String decidedNo = decided.path("caseNo").asText();
        uploadAll(company, decidedNo);
        assertThat(submit(company, decidedNo, "withdrawn-2").status()).isEqualTo(200);
        String registrationNo = child(decided, REGISTRATION).path("applicationNo").asText();
        j.step(provinceMarketClerk(j), registrationNo, "approve", Map.of("opinion", "准予登记"));
        assertProblem(company.post("/api/v1/bundle-cases/" + decidedNo + "/withdraw", Map.of()), 409, "NOT_WITHDRAWABLE");
        JsonNode still = company.get("/api/v1/bundle-cases/" + decidedNo).json();
        assertThat(still.path("status").asText()).as("nothing half-withdrawn").isEqualTo("RUNNING");
        assertThat(child(still, FOOD_LICENCE).path("status").asText()).isEqualTo("SUBMITTED");
    }

    @Test
    void withdrawingWhileTheRegistrationIsApprovedEndsOneWayOnly() throws Exception {
        Journeys j = new Journeys(port);
        Api person = newPerson("黎晓雨");
        Api clerk = provinceMarketClerk(j);
        JsonNode opened = open(person, false);
        String caseNo = opened.path("caseNo").asText();
        uploadAll(person, caseNo);
        assertThat(submit(person, caseNo, "race-1").status()).isEqualTo(200);
        String registrationNo = child(opened, REGISTRATION).path("applicationNo").asText();
        String task = j.task(clerk, registrationNo);

        CompletableFuture<Api.Response> withdraw = CompletableFuture.supplyAsync(
                () -> person.post("/api/v1/bundle-cases/" + caseNo + "/withdraw", Map.of("reason", "改期开业")));
        CompletableFuture<Api.Response> approve = CompletableFuture.supplyAsync(
                () -> j.act(clerk, task, "approve", Map.of("opinion", "准予登记")));
        Api.Response w = withdraw.get();
        Api.Response a = approve.get();
        assertThat(w.status()).as(w.body()).isIn(200, 409);
        assertThat(a.status()).as(a.body()).isLessThan(500);

        JsonNode after = person.get("/api/v1/bundle-cases/" + caseNo).json();
        JsonNode registration = j.application(person, registrationNo);
        JsonNode food = j.application(person, child(opened, FOOD_LICENCE).path("applicationNo").asText());
        if (w.status() == 200) {
            assertThat(a.status()).as("the approval lost: " + a.body()).isGreaterThanOrEqualTo(400);
            assertThat(after.path("status").asText()).isEqualTo("WITHDRAWN");
            assertThat(registration.path("status").asText()).isEqualTo("WITHDRAWN");
            assertThat(registration.path("license").isMissingNode() || registration.path("license").isNull()).isTrue();
            assertThat(food.path("status").asText()).isEqualTo("WITHDRAWN");
        } else {
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(after.path("status").asText()).isEqualTo("RUNNING");
            assertThat(registration.path("license").path("number").asText()).startsWith("HN");
            assertThat(food.path("status").asText()).isEqualTo("SUBMITTED");
        }
        assertThat(after.path("children").findValuesAsText("state")).as("nothing orphaned")
                .allMatch(state -> w.status() == 200 ? state.equals("CANCELLED") : state.equals("STARTED"));
    }

    @Test
    void aSupplementNoticeOfOneAgencyShowsOnceInTheBundleAndTheOthersGoOn() {
        Journeys j = new Journeys(port);
        Api company = newCompany("company-change");
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("contactName", "陈少川");
        form.put("contactPhone", "13976001234");
        form.put("purpose", "企业名称由“乐东椰林农业有限公司”变更为“海南椰林农业科技有限公司”");
        Api.Response r = company.post("/api/v1/bundle-cases", Map.of("bundleCode", "qiye-xinxi-biangeng", "regionCode", "469027",
                "answers", Map.of(), "formData", form));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String caseNo = r.json().path("caseNo").asText();
        assertThat(r.json().path("children").size()).isEqualTo(3);
        uploadAll(company, caseNo);
        assertThat(submit(company, caseNo, "change-1").status()).isEqualTo(200);

        String changeNo = child(r.json(), "XK0880").path("applicationNo").asText();
        Api clerk = j.staff("ld.approval.accept", j.agencyId("469027", "乐东黎族自治县行政审批服务局"), "ACCEPT");
        long form0 = j.application(company, changeNo).path("materials").get(0).path("materialId").asLong();
        j.step(clerk, changeNo, "supplement", Map.of("opinion", "申请表未加盖公章", "materialIds", List.of(form0)));

        JsonNode waiting = company.get("/api/v1/bundle-cases/" + caseNo).json();
        assertThat(waiting.path("supplements").size()).isEqualTo(1);
        assertThat(waiting.path("supplements").get(0).asText()).contains("公司变更登记", "申请表未加盖公章");
        assertThat(child(waiting, "XK0880").path("status").asText()).isEqualTo("SUPPLEMENT_REQUIRED");
        assertThat(child(waiting, "GG0581").path("status").asText()).isEqualTo("SUBMITTED");
        assertThat(waiting.path("status").asText()).isEqualTo("RUNNING");

        j.upload(company, changeNo, form0);
        Api.Response answered = company.post("/api/v1/applications/" + changeNo + "/supplement", Map.of("opinion", "已盖章"));
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        JsonNode after = company.get("/api/v1/bundle-cases/" + caseNo).json();
        assertThat(after.path("supplements")).isEmpty();
        assertThat(child(after, "XK0880").path("status").asText()).isEqualTo("SUBMITTED");
    }

    @Test
    void saveRefusesACycleAFieldMappedToTwoTypesAFieldTheFormLacksAnUnfilledRequiredFieldAndAnUnpublishedItem() {
        Api admin = Personas.login(port, "admin");
        String path = "/api/v1/admin/bundles/test-two-licences";
        List<Map<String, Object>> fields = registrationAndFoodFields();
        Map<String, Object> good = definition(List.of(entry(REGISTRATION, List.of()),
                entry(FOOD_LICENCE, List.of(Map.of("basicCode", REGISTRATION, "material", LICENCE_MATERIAL)))), fields);

        Map<String, Object> cycle = definition(List.of(
                entry(REGISTRATION, List.of(Map.of("basicCode", FOOD_LICENCE, "material", LICENCE_MATERIAL))),
                entry(FOOD_LICENCE, List.of(Map.of("basicCode", REGISTRATION, "material", LICENCE_MATERIAL)))), fields);
        JsonNode problem = assertProblem(admin.put(path, cycle), 400, "BUNDLE_INVALID");
        assertThat(problem.toString()).contains("循环");

        List<Map<String, Object>> twoTypes = new ArrayList<>(fields);
        twoTypes.add(field("area", "number", FOOD_LICENCE, "premises"));
        assertThat(assertProblem(admin.put(path, definition(good(good), twoTypes)), 400, "BUNDLE_INVALID").toString())
                .contains("两种类型");

        List<Map<String, Object>> lacking = new ArrayList<>(fields);
        lacking.add(field("seats", "number", FOOD_LICENCE, "seats"));
        assertThat(assertProblem(admin.put(path, definition(good(good), lacking)), 400, "BUNDLE_INVALID").toString())
                .contains("事项 " + FOOD_LICENCE + " 的表单没有字段 seats");

        List<Map<String, Object>> unfilled = new ArrayList<>(fields.subList(1, fields.size()));
        assertThat(assertProblem(admin.put(path, definition(good(good), unfilled)), 400, "BUNDLE_INVALID").toString())
                .contains("必填字段", "foodSafetyManager");

        Map<String, Object> noOrder = definition(List.of(entry(REGISTRATION, List.of()), entry(FOOD_LICENCE, List.of())), fields);
        assertThat(assertProblem(admin.put(path, noOrder), 400, "BUNDLE_INVALID").toString())
                .as("without the registration first, nobody fills the food licence's 统一社会信用代码").contains("uscc");

        Api.Response created = admin.post("/api/v1/admin/items", new Journeys(port).itemBody("一件事测试用未发布事项", "standard"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String unpublished = created.json().path("basicCode").asText();
        Map<String, Object> withUnpublished = definition(List.of(entry(REGISTRATION, List.of()), entry(unpublished, List.of())),
                List.of(field("shopName", "text", REGISTRATION, "tradeName")));
        assertThat(assertProblem(admin.put(path, withUnpublished), 400, "BUNDLE_INVALID").toString()).contains("未发布");
        assertThat(new Api(port).get("/api/v1/catalog/bundles/test-two-licences").status()).as("nothing saved").isEqualTo(404);

        assertProblem(Personas.login(port, "hk.admin").put(path, good), 403, "FORBIDDEN");
        Api.Response saved = admin.put(path, good);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().path("version").asInt()).isEqualTo(1);
        assertProblem(admin.put(path, good), 400, "INVALID_PARAMETER");
        assertProblem(admin.put(path + "?version=7", good), 409, "CONCURRENT_UPDATE");
        assertThat(admin.put(path + "?version=1", good).json().path("version").asInt()).isEqualTo(2);
        assertThat(new Api(port).get("/api/v1/catalog/bundles").json().findValuesAsText("code")).contains("test-two-licences");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static Map<String, Object> restaurantForm() {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("shopName", "椰风小馆");
        form.put("operatorName", "符海燕");
        form.put("operatorIdNumber", IdentityNumbers.generateIdCard("460100", LocalDate.of(1988, 3, 8), 21));
        form.put("operatorPhone", "13876001234");
        form.put("operatorAddress", "海口市美兰区海甸二西路 20 号");
        form.put("premises", "海口市美兰区海甸二西路 18 号");
        form.put("organizationForm", "个人经营");
        form.put("businessScope", "餐饮服务");
        form.put("capital", 10);
        form.put("staffCount", 6);
        form.put("businessType", "餐饮服务经营者");
        form.put("businessItems", "热食类食品制售");
        form.put("foodSafetyManager", "符海燕");
        form.put("onlineSales", "否");
        return form;
    }

    private JsonNode open(Api applicant, boolean publicPlace) {
        Map<String, Object> form = restaurantForm();
        if (publicPlace) {
            form.put("placeType", "其他");
            form.put("floorArea", 40);
            form.put("healthCertifiedCount", 6);
        }
        Map<String, Object> bad = new LinkedHashMap<>(form);
        bad.put("staffCount", "很多");
        assertProblem(applicant.post("/api/v1/bundle-cases", Map.of("bundleCode", RESTAURANT, "regionCode", "4601",
                "answers", Map.of("publicPlace", publicPlace, "outdoorSign", false), "formData", bad)), 400, "INVALID_FORM");
        assertProblem(applicant.post("/api/v1/bundle-cases", Map.of("bundleCode", RESTAURANT, "regionCode", "4601",
                "answers", Map.of("publicPlace", publicPlace), "formData", form)), 400, "INVALID_PARAMETER");
        Api.Response r = applicant.post("/api/v1/bundle-cases", Map.of("bundleCode", RESTAURANT, "regionCode", "4601",
                "answers", Map.of("publicPlace", publicPlace, "outdoorSign", false), "formData", form));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    /** A merged form for 个体工商户设立登记 then 食品经营许可 that fills every required field of both items' forms. */
    private static List<Map<String, Object>> registrationAndFoodFields() {
        return List.of(
                fieldTo("foodSafetyManager", "text", Map.of(FOOD_LICENCE, List.of("foodSafetyManager"))),
                fieldTo("shopName", "text", Map.of(REGISTRATION, List.of("tradeName"), FOOD_LICENCE, List.of("companyName"))),
                fieldTo("name", "text", Map.of(REGISTRATION, List.of("applicantName"), FOOD_LICENCE, List.of("legalPersonName", "contactName"))),
                fieldTo("idNumber", "text", Map.of(REGISTRATION, List.of("applicantIdNumber"), FOOD_LICENCE, List.of("legalPersonIdNumber"))),
                fieldTo("phone", "text", Map.of(REGISTRATION, List.of("applicantPhone"), FOOD_LICENCE, List.of("legalPersonPhone", "contactPhone"))),
                fieldTo("address", "text", Map.of(REGISTRATION, List.of("applicantAddress"))),
                fieldTo("premises", "text", Map.of(REGISTRATION, List.of("premises"), FOOD_LICENCE, List.of("premises", "companyAddress"))),
                fieldTo("scope", "textarea", Map.of(REGISTRATION, List.of("businessScope"), FOOD_LICENCE, List.of("businessItems"))),
                fieldTo("capital", "number", Map.of(REGISTRATION, List.of("capital"))),
                fieldTo("staff", "number", Map.of(REGISTRATION, List.of("staffCount"), FOOD_LICENCE, List.of("staffCount"))),
                selectTo("form", List.of("个人经营"), REGISTRATION, "organizationForm"),
                selectTo("type", List.of("餐饮服务经营者"), FOOD_LICENCE, "businessType"),
                selectTo("online", List.of("否"), FOOD_LICENCE, "onlineSales"));
    }

    private static Map<String, Object> fieldTo(String key, String type, Map<String, List<String>> targets) {
        List<Map<String, String>> mapsTo = new ArrayList<>();
        targets.forEach((code, fs) -> fs.forEach(f -> mapsTo.add(Map.of("basicCode", code, "field", f))));
        return Map.of("key", key, "label", key, "type", type, "required", true, "mapsTo", mapsTo);
    }

    private static Map<String, Object> selectTo(String key, List<String> options, String basicCode, String target) {
        return Map.of("key", key, "label", key, "type", "select", "required", true, "options", options,
                "mapsTo", List.of(Map.of("basicCode", basicCode, "field", target)));
    }

    /** Uploads one file per material of the merged list that the applicant has to give; answers the list. */
    private JsonNode uploadAll(Api applicant, String caseNo) {
        JsonNode view = applicant.get("/api/v1/bundle-cases/" + caseNo).json();
        for (JsonNode m : view.path("materials")) {
            if (m.path("required").asBoolean() && !m.hasNonNull("providedBy")) {
                Api.Response r = applicant.upload("/api/v1/bundle-cases/" + caseNo + "/materials", "scan.png", Journeys.PNG,
                        "image/png", Map.of("material", m.path("name").asText()));
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                view = r.json();
            }
        }
        return view.path("materials");
    }

    private Api.Response submit(Api applicant, String caseNo, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(applicant.uri("/api/v1/bundle-cases/" + caseNo + "/submit"))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return applicant.send(request);
    }

    private Api provinceMarketClerk(Journeys j) {
        return j.staff("prov.market.instant", j.agencyId("46", "海南省市场监督管理局"), "ACCEPT");
    }

    private Api newCompany(String seed) {
        String uscc = IdentityNumbers.generateUscc("460100", "bundle-" + seed);
        Api.Response r = new Api(port).post("/api/v1/auth/register", Map.of("idType", "USCC", "idNumber", uscc,
                "name", "海口椰风餐饮有限公司", "phone", "13807556666", "password", "Bundle-Pass-2026"));
        assertThat(r.status()).as(r.body()).isIn(201, 409);
        return Personas.login(port, uscc, "Bundle-Pass-2026");
    }

    /** A resident opening a restaurant: an account of their own per test. */
    private Api newPerson(String name) {
        String id = IdentityNumbers.generateIdCard("460105",
                LocalDate.of(1960 + RANDOM.nextInt(40), 1 + RANDOM.nextInt(12), 1 + RANDOM.nextInt(28)), RANDOM.nextInt(1000));
        Api.Response r = new Api(port).post("/api/v1/auth/register", Map.of("idType", "ID_CARD", "idNumber", id,
                "name", name, "phone", "13807551234", "password", "Bundle-Pass-2026"));
        assertThat(r.status()).as(r.body()).isIn(201, 409);
        return Personas.login(port, id, "Bundle-Pass-2026");
    }

    private static JsonNode child(JsonNode view, String basicCode) {
        return byField(view.path("children"), "basicCode", basicCode);
    }

    private static JsonNode byCode(JsonNode list, String code) {
        return byField(list, "code", code);
    }

    private static JsonNode byField(JsonNode list, String field, String value) {
        for (JsonNode n : list) {
            if (n.path(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no " + field + " " + value + " in " + list);
    }

    private static List<Object> good(Map<String, Object> definition) {
        return new ArrayList<>((List<?>) definition.get("items"));
    }

    private static Map<String, Object> definition(List<?> items, List<?> fields) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", "测试一件事");
        d.put("summary", "两张证照");
        d.put("audience", "LEGAL_PERSON");
        d.put("onRefusal", "KEEP_OTHERS");
        d.put("questions", List.of());
        d.put("items", items);
        d.put("fields", fields);
        return d;
    }

    private static Map<String, Object> entry(String basicCode, List<?> after) {
        return Map.of("basicCode", basicCode, "optional", false, "after", after);
    }

    private static Map<String, Object> field(String key, String type, String basicCode, String target) {
        return Map.of("key", key, "label", key, "type", type, "required", false,
                "mapsTo", List.of(Map.of("basicCode", basicCode, "field", target)));
    }
}
