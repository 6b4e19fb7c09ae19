package org.yiwang.modeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/** The model list shows the platform's templates; a city's administrator opens one and copies it into a model of its own. */
@IntegrationTest
class ModelTemplatesTest {

    private static final String MODELS = "/api/v1/admin/models";

    @LocalServerPort
    int port;

    @Test
    void aCityAdministratorCopiesATemplateIntoADraftOfTheCityAndDeploysItAsItsOwnProcess() {
        Api city = Personas.login(port, "hk.admin");
        JsonNode templates = city.get(MODELS + "/templates").json();
        List<String> keys = new ArrayList<>();
        templates.forEach(t -> keys.add(t.path("key").asText()));
        assertThat(keys).containsExactly("instant", "standard", "joint", "jointAny", "jointSequential", "crossLevel");
        JsonNode standard = templates.get(1);
        assertThat(standard.path("name").asText()).isEqualTo("承诺件审批流程");
        assertThat(standard.path("version").asInt()).isPositive();

        JsonNode opened = city.get(MODELS + "/templates/standard").json();
        assertThat(opened.path("xml").asText()).contains("<process id=\"standard\"", "bpmnElement=\"standard\"");
        assertProblem(city.get(MODELS + "/templates/noSuchTemplate"), 404, "NOT_FOUND");
        assertProblem(city.post(MODELS + "/templates/noSuchTemplate/copy", "{}"), 404, "NOT_FOUND");

        Api.Response copied = city.post(MODELS + "/templates/standard/copy", "{}");
        assertThat(copied.status()).as(copied.body()).isEqualTo(201);
        JsonNode copy = copied.json();
        String copyKey = copy.path("key").asText();
        assertThat(copyKey).matches("standard_4601_[0-9a-z]{6}");
        assertThat(copy.path("name").asText()).isEqualTo("承诺件审批流程（副本）");
        assertThat(copy.path("status").asText()).isEqualTo("DRAFT");
        assertThat(copy.path("regionCode").asText()).isEqualTo("4601");
        assertThat(copy.path("problems").findValuesAsText("severity")).doesNotContain("ERROR");

        long id = copy.path("id").asLong();
        JsonNode draft = city.get(MODELS + "/" + id).json();
        assertThat(draft.path("xml").asText()).contains("<process id=\"" + copyKey + "\" name=\"承诺件审批流程（副本）\"",
                "bpmnElement=\"" + copyKey + "\"").doesNotContain("id=\"standard\"");
        List<Long> listed = new ArrayList<>();
        city.get(MODELS, "size", "100").json().path("items").forEach(m -> listed.add(m.path("id").asLong()));
        assertThat(listed).as("the copy is among the city's models").contains(id);

        Api.Response deployed = city.post(MODELS + "/" + id + "/deploy", "{}");
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
        assertThat(deployed.json().path("key").asText()).isEqualTo(copyKey);
        assertThat(city.get(MODELS + "/templates/standard").json().path("version").asInt())
                .as("the template itself is unchanged").isEqualTo(standard.path("version").asInt());

        Api clerk = Personas.login(port, "sy.accept");
        assertThat(clerk.post(MODELS + "/templates/standard/copy", "{}").status()).as("a clerk copies nothing").isEqualTo(403);
    }
}
