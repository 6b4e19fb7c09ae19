package org.yiwang.modeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Models belong to a region: a city's item administrator (hk.admin, 海口市) works on its own region's models
 * only, assigns only agencies of its region, binds them only to items of its region, and deploys no new version
 * of a process another region owns — the province's templates above all.
 */
@IntegrationTest
class ModelScopeTest {

    private static final String MODELS = "/api/v1/admin/models";

    @LocalServerPort
    int port;

    @Test
    void aCityItemAdministratorSeesAndChangesOnlyItsRegionsModels() {
        Api hk = Personas.login(port, "hk.admin");
        Api province = Personas.login(port, "admin");
        JsonNode own = imported(hk, standard("scopeHaikou"));
        assertThat(own.path("regionCode").asText()).isEqualTo("4601");
        long ownId = own.path("id").asLong();
        long provinceId = imported(province, standard("scopeProvince")).path("id").asLong();

        assertThat(ids(hk.get(MODELS, "size", 100).json())).contains(ownId).doesNotContain(provinceId);
        assertThat(ids(province.get(MODELS, "size", 100).json())).contains(ownId, provinceId);
        assertThat(province.get(MODELS + "/" + ownId).status()).as("the province sees its cities' models").isEqualTo(200);

        String other = MODELS + "/" + provinceId;
        assertProblem(hk.get(other), 404, "NOT_FOUND");
        assertProblem(hk.put(other, Map.of("xml", standard("scopeProvince"))), 404, "NOT_FOUND");
        assertProblem(hk.get(other + "/validate"), 404, "NOT_FOUND");
        assertProblem(hk.post(other + "/deploy", "{}"), 404, "NOT_FOUND");
        assertProblem(hk.get(other + "/versions"), 404, "NOT_FOUND");
        assertProblem(hk.post(other + "/rollback", Map.of("version", 1)), 404, "NOT_FOUND");
        assertProblem(hk.post(other + "/test-runs", "{}"), 404, "NOT_FOUND");
        assertThat(province.get(other).json().path("status").asText()).as("nothing changed").isEqualTo("DRAFT");

        assertThat(hk.post(MODELS + "/" + ownId + "/deploy", "{}").status()).isEqualTo(201);
        Api.Response run = hk.post(MODELS + "/" + ownId + "/test-runs", "{}");
        assertThat(run.status()).as(run.body()).isEqualTo(201);
        Api.Response provinceRun = province.post(other + "/test-runs", "{}");
        assertThat(provinceRun.status()).as(provinceRun.body()).isEqualTo(201);
        assertProblem(hk.get(MODELS + "/test-runs/" + provinceRun.json().path("id").asLong()), 404, "NOT_FOUND");
        assertProblem(hk.send(HttpRequest.newBuilder(hk.uri(MODELS + "/test-runs/" + provinceRun.json().path("id").asLong()))
                .DELETE()), 404, "NOT_FOUND");
        assertThat(province.get(MODELS + "/test-runs/" + provinceRun.json().path("id").asLong()).status()).isEqualTo(200);
        for (Api.Response started : List.of(run, provinceRun)) {
            Api owner = started == run ? hk : province;
            assertThat(owner.send(HttpRequest.newBuilder(owner.uri(MODELS + "/test-runs/" + started.json().path("id").asLong()))
                    .DELETE()).status()).as("each run is ended by its region").isBetween(200, 204);
        }

        String provinceItem = new Api(port).get("/api/v1/catalog/items", "level", "PROVINCE").json().path("items").get(0)
                .path("code").asText();
        JsonNode refused = assertProblem(hk.post(MODELS + "/" + ownId + "/test-runs", Map.of("itemCode", provinceItem)),
                400, "INVALID_PARAMETER");
        assertThat(refused.path("parameter").asText()).isEqualTo("itemCode");
    }

    @Test
    void onlyTheProvinceDeploysItsTemplatesAndOnlyTheOwnerRegionItsProcesses() {
        Api hk = Personas.login(port, "hk.admin");
        JsonNode template = imported(hk, template("standard"));
        JsonNode refused = assertProblem(hk.post(MODELS + "/" + template.path("id").asLong() + "/deploy", "{}"), 403,
                "PROCESS_OWNED_ELSEWHERE");
        assertThat(refused.path("detail").asText()).contains("省级");

        long hkModel = imported(hk, standard("scopeOwnedByHaikou")).path("id").asLong();
        assertThat(hk.post(MODELS + "/" + hkModel + "/deploy", "{}").status()).isEqualTo(201);
        Journeys journeys = new Journeys(port);
        Api sanya = journeys.staff("sy.itemadmin", journeys.agencyId("4602", "三亚市市场监督管理局"), "ITEM_ADMIN");
        long sanyaModel = imported(sanya, standard("scopeOwnedByHaikou")).path("id").asLong();
        assertProblem(sanya.post(MODELS + "/" + sanyaModel + "/deploy", "{}"), 403, "PROCESS_OWNED_ELSEWHERE");
        assertThat(hk.get(MODELS + "/" + hkModel + "/versions").json()).as("no second version").hasSize(1);
    }

    @Test
    void aModelAssignsOnlyAgenciesOfItsRegion() {
        Api hk = Personas.login(port, "hk.admin");
        Journeys journeys = new Journeys(port);
        long sanyaAgency = journeys.agencyId("4602", "三亚市市场监督管理局");
        long haikouAgency = journeys.agencyId("4601", "海口市市场监督管理局");
        long foreign = imported(hk, standard("scopeForeignGroup").replace("${reviewGroup}", "agency:" + sanyaAgency + ":REVIEW"))
                .path("id").asLong();
        JsonNode refused = assertProblem(hk.post(MODELS + "/" + foreign + "/deploy", "{}"), 422, "MODEL_INVALID");
        assertThat(refused.path("errors").toString()).contains("agency:" + sanyaAgency + ":REVIEW").contains("4601");
        assertThat(hk.get(MODELS + "/" + foreign + "/validate").json().path("valid").asBoolean()).isFalse();

        long local = imported(hk, standard("scopeLocalGroup").replace("${reviewGroup}", "agency:" + haikouAgency + ":REVIEW"))
                .path("id").asLong();
        Api.Response deployed = hk.post(MODELS + "/" + local + "/deploy", "{}");
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
    }

    @Test
    void itemsBindOnlyProcessesOfTheirRegion() {
        Api hk = Personas.login(port, "hk.admin");
        Api province = Personas.login(port, "admin");
        long model = imported(hk, standard("scopeBound")).path("id").asLong();
        assertThat(hk.post(MODELS + "/" + model + "/deploy", "{}").status()).isEqualTo(201);
        assertThat(hk.get("/api/v1/admin/items/process-options").json().findValuesAsText("key")).contains("scopeBound", "standard");

        Journeys journeys = new Journeys(port);
        Map<String, Object> sanyaItem = journeys.itemBody("三亚的事项", "scopeBound");
        sanyaItem.put("regionCode", "4602");
        sanyaItem.put("agencyId", journeys.agencyId("4602", "三亚市市场监督管理局"));
        JsonNode refused = assertProblem(province.post("/api/v1/admin/items", sanyaItem), 400, "INVALID_BODY");
        assertThat(refused.path("errors").findValuesAsText("field")).containsExactly("processKey");

        Api.Response created = hk.post("/api/v1/admin/items", journeys.itemBody("海口的事项", "scopeBound"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("processKey").asText()).isEqualTo("scopeBound");
        Api sanya = journeys.staff("sy.binder", journeys.agencyId("4602", "三亚市市场监督管理局"), "ITEM_ADMIN");
        assertThat(sanya.get("/api/v1/admin/items/process-options").json().findValuesAsText("key"))
                .contains("standard").doesNotContain("scopeBound");
    }

    private static java.util.List<Long> ids(JsonNode page) {
        return page.path("items").findValues("id").stream().map(JsonNode::asLong).toList();
    }

    private static JsonNode imported(Api admin, String xml) {
        Api.Response r = admin.upload(MODELS + "/import", "model.bpmn", xml.getBytes(StandardCharsets.UTF_8), "application/xml", Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static String template(String name) {
        try {
            return new String(new ClassPathResource("processes/" + name + ".bpmn20.xml").getContentAsByteArray(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String standard(String key) {
        return template("standard").replace("<process id=\"standard\"", "<process id=\"" + key + "\"");
    }
}
