package org.yiwang.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/** 事项管理: create, edit, publish and unpublish items with their history, as administrators and the portal see it. */
@IntegrationTest
class ItemAdminApiTest {

    private static final String ITEMS = "/api/v1/admin/items";

    @LocalServerPort
    int port;

    @Test
    void anItemIsCreatedEditedPublishedAndUnpublishedWithEveryVersionKept() {
        Journeys j = new Journeys(port);
        Api admin = Personas.login(port, "admin");
        Map<String, Object> body = j.itemBody("跨境电商样品备案登记", "standard");
        Api.Response created = admin.post(ITEMS, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode item = created.json();
        String code = item.path("code").asText();
        assertThat(code).matches("XK\\d{4}-4601");
        assertThat(item.path("status").asText()).isEqualTo("UNPUBLISHED");
        assertThat(item.path("version").asInt()).isEqualTo(1);
        assertThat(item.path("agencyName").asText()).isEqualTo("海口市市场监督管理局");
        assertThat(item.path("materials")).hasSize(2);

        // Not in the portal until published.
        Api portal = new Api(port);
        assertThat(portal.get("/api/v1/catalog/items/" + code).status()).isEqualTo(404);
        assertThat(found(portal, "跨境电商样品备案")).isFalse();

        JsonNode published = admin.post(ITEMS + "/" + code + "/publish", Map.of("version", 1)).json();
        assertThat(published.path("status").asText()).isEqualTo("PUBLISHED");
        assertThat(published.path("version").asInt()).isEqualTo(2);
        assertThat(found(portal, "跨境电商样品备案")).isTrue();
        assertThat(found(portal, "kjdsypba")).as("by pinyin initials").isTrue();
        assertThat(portal.get("/api/v1/catalog/items/" + code).json().path("lawBasis").asText()).isEqualTo("《中华人民共和国行政许可法》");

        // An edit renames, reorders the materials, drops one and adds one.
        JsonNode first = published.path("materials").get(0);
        body.put("version", 2);
        body.put("name", "跨境电商进口样品备案登记");
        body.put("promisedLimitDays", 3);
        body.put("materials", List.of(Journeys.material(null, "样品清单", true),
                Journeys.material(first.path("id").asLong(), "备案登记申请表", true)));
        Api.Response edited = admin.put(ITEMS + "/" + code, body);
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        JsonNode v3 = edited.json();
        assertThat(v3.path("version").asInt()).isEqualTo(3);
        assertThat(v3.path("status").asText()).isEqualTo("PUBLISHED");
        assertThat(v3.path("materials")).hasSize(2);
        assertThat(v3.path("materials").get(0).path("name").asText()).isEqualTo("样品清单");
        assertThat(v3.path("materials").get(1).path("id").asLong()).isEqualTo(first.path("id").asLong());
        assertThat(portal.get("/api/v1/catalog/items/" + code).json().path("name").asText()).isEqualTo("跨境电商进口样品备案登记");

        // Someone who read version 2 is too late.
        body.put("name", "过期的修改");
        assertProblem(admin.put(ITEMS + "/" + code, body), 409, "STALE_VERSION");
        assertProblem(admin.post(ITEMS + "/" + code + "/unpublish", Map.of("version", 2)), 409, "STALE_VERSION");
        assertProblem(admin.post(ITEMS + "/" + code + "/unpublish", Map.of()), 400, "INVALID_PARAMETER");

        JsonNode unpublished = admin.post(ITEMS + "/" + code + "/unpublish", Map.of("version", 3)).json();
        assertThat(unpublished.path("status").asText()).isEqualTo("UNPUBLISHED");
        assertThat(found(portal, "跨境电商进口样品备案")).isFalse();
        assertThat(portal.get("/api/v1/catalog/items/" + code).status()).isEqualTo(404);
        assertThat(admin.get(ITEMS, "q", "跨境电商进口样品", "status", "UNPUBLISHED").json().path("items").get(0)
                .path("code").asText()).isEqualTo(code);

        JsonNode history = admin.get(ITEMS + "/" + code + "/versions").json();
        List<String> actions = new ArrayList<>();
        history.forEach(v -> actions.add(v.path("version").asInt() + " " + v.path("action").asText() + " " + v.path("changedBy").asText()));
        assertThat(actions).containsExactly("4 UNPUBLISHED admin", "3 EDITED admin", "2 PUBLISHED admin", "1 CREATED admin");
        JsonNode v1 = admin.get(ITEMS + "/" + code + "/versions/1").json();
        assertThat(v1.path("name").asText()).isEqualTo("跨境电商样品备案登记");
        assertThat(v1.path("materials").get(1).path("name").asText()).isEqualTo("申请人身份证明");
        assertProblem(admin.get(ITEMS + "/" + code + "/versions/9"), 404, "NOT_FOUND");

        assertThat(Personas.login(port, "auditor").get("/api/v1/audit", "action", "ITEM_EDITED").json().path("items").toString()).contains("item:" + code);
    }

    @Test
    void everyBadFieldIsNamedAndNothingIsWritten() {
        Journeys j = new Journeys(port);
        Api admin = Personas.login(port, "admin");
        long before = admin.get(ITEMS).json().path("total").asLong();
        Map<String, Object> body = j.itemBody("", "noSuchProcess");
        body.put("type", 3);
        body.put("level", "CITY");
        body.put("agencyId", j.agencyId("4602", "三亚市市场监督管理局"));
        body.put("caseKind", "INSTANT");
        body.put("legalLimitDays", 10);
        body.put("promisedLimitDays", 12);
        body.put("onlineDepth", 5);
        body.put("consultPhone", "call me");
        body.put("materials", List.of(Map.of("name", "申请表", "form", "SCAN", "copies", 0, "required", true,
                "blankForm", false, "sample", false, "acceptTypes", "exe", "maxSizeMb", 10)));
        JsonNode problem = assertProblem(admin.post(ITEMS, body), 400, "INVALID_BODY");
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).contains("name", "type", "level", "agencyId", "promisedLimitDays", "onlineDepth", "consultPhone",
                "processKey", "materials[0].form", "materials[0].copies", "materials[0].acceptTypes");
        assertThat(problem.path("parameter").asText()).isEqualTo(fields.get(0));
        assertThat(admin.get(ITEMS).json().path("total").asLong()).isEqualTo(before);

        // A deployed process is fine; a form that does not exist is not.
        Map<String, Object> noForm = j.itemBody("表单不存在的事项", "standard");
        noForm.put("formKey", "noSuchForm");
        noForm.put("formVersion", 1);
        assertThat(assertProblem(admin.post(ITEMS, noForm), 400, "INVALID_BODY").path("parameter").asText()).isEqualTo("formKey");
        assertProblem(admin.post(ITEMS + "/XK0001-4601/publish", "not json"), 400, "BAD_REQUEST");
        assertProblem(admin.get(ITEMS + "/NO-SUCH-ITEM"), 404, "NOT_FOUND");
        assertProblem(admin.get(ITEMS, "status", "GONE"), 400, "INVALID_PARAMETER");
        List<String> templates = new ArrayList<>();
        admin.get(ITEMS + "/process-options").json().forEach(p -> {
            if (p.path("template").asBoolean()) {
                templates.add(p.path("key").asText());
            }
        });
        assertThat(templates).as("every process of processes/ is offered as a template")
                .containsExactlyInAnyOrder("instant", "standard", "joint", "jointAny", "jointSequential", "crossLevel");
    }

    @Test
    void onlyItemAdministratorsMayChangeItems() {
        Map<String, Object> body = new Journeys(port).itemBody("无权新增的事项", "standard");
        for (String caller : List.of("hk.accept", "supervisor", "applicant")) {
            assertProblem(Personas.login(port, caller).post(ITEMS, body), 403, "FORBIDDEN");
        }
        assertProblem(new Api(port).get(ITEMS), 401, "UNAUTHENTICATED");
    }

    private static boolean found(Api portal, String q) {
        return portal.get("/api/v1/catalog/items", "q", q, "size", 50).json().path("total").asInt() > 0;
    }
}
