package org.yiwang.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;

/** 智能客服 as a resident meets it: answers that cite items from the guides, questions back, handing over. */
@IntegrationTest
class AssistantApiTest {

    private static final String ASK = "/api/v1/assistant/ask";

    /** Each test asks from an address of its own: the whole suite's questions come from loopback otherwise. */
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @LocalServerPort
    int port;

    private Api resident() {
        return new Api(port).header("X-Forwarded-For", "198.51.100." + (1 + ADDRESSES.getAndIncrement() % 250));
    }

    private JsonNode ask(Api api, String question, String regionCode) {
        Map<String, Object> body = new HashMap<>();
        body.put("question", question);
        if (regionCode != null) {
            body.put("regionCode", regionCode);
        }
        Api.Response r = api.post(ASK, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> names(JsonNode answer) {
        List<String> names = new ArrayList<>();
        answer.path("items").forEach(i -> names.add(i.path("name").asText()));
        return names;
    }

    @Test
    void openingASmallRestaurantCitesRegistrationAndTheFoodBusinessLicence() {
        Api api = resident();
        JsonNode answer = ask(api, "我想开一家小餐馆", null);
        assertThat(names(answer)).contains("个体工商户设立登记", "公司设立登记")
                .anyMatch(n -> n.startsWith("食品(含保健食品)经营许可核发"));
        // Every cited item carries what the resident needs before going, and the answer names each one.
        answer.path("items").forEach(i -> {
            assertThat(answer.path("answer").asText()).contains(i.path("name").asText());
            assertThat(i.path("materialsCount").asInt()).isEqualTo(i.path("materials").size()).isPositive();
            assertThat(i.path("legalLimitDays").asInt()).isPositive();
            assertThat(i.path("agencyName").asText()).isNotBlank();
            assertThat(i.path("applyUrl").asText()).isEqualTo("/apply/" + i.path("code").asText());
        });
        // It does not know yet whether as a person or a company, nor where: it asks.
        List<String> asked = new ArrayList<>();
        answer.path("clarify").forEach(c -> asked.add(c.path("field").asText()));
        assertThat(asked).containsExactly("audience", "regionCode");
        assertThat(answer.path("clarify").get(1).path("options").toString()).contains("海口市", "乐东黎族自治县");
        assertThat(answer.path("suggestions")).isNotEmpty();
        assertThat(answer.has("handover")).isFalse();
    }

    @Test
    void theAnswersToItsQuestionsNarrowTheItems() {
        Api api = resident();
        JsonNode asCompany = ask(api, "我们公司想在三亚开一家餐厅", null);
        assertThat(names(asCompany)).contains("公司设立登记").doesNotContain("个体工商户设立登记");
        assertThat(asCompany.path("clarify")).isEmpty();
        assertThat(asCompany.path("regionCode").asText()).isEqualTo("4602");
        // In 三亚, the cited implementation is 三亚's own (or the province's where 三亚 has none).
        asCompany.path("items").forEach(i -> assertThat(i.path("code").asText()).isNotBlank());
        assertThat(asCompany.path("items").get(0).path("regionName").asText()).containsAnyOf("三亚", "海南省");

        JsonNode asPerson = ask(api, "个人开饭馆要办什么", "4601");
        assertThat(names(asPerson)).contains("个体工商户设立登记").doesNotContain("公司设立登记");
    }

    @Test
    void aQuestionAboutOneMatterCitesItWithItsMaterials() {
        Api api = resident();
        JsonNode answer = ask(api, "社保卡丢了怎么补办需要什么材料", "4601");
        assertThat(names(answer).get(0)).startsWith("社会保障卡");
        assertThat(answer.path("answer").asText()).contains("所需材料");
        JsonNode birth = ask(api, "孩子出生要办什么", "4601");
        assertThat(names(birth)).contains("《出生医学证明》首次签发", "户口登记");
    }

    @Test
    void whenNothingFitsItHandsOverToTheHotline() {
        JsonNode answer = ask(resident(), "火星移民签证怎么办", null);
        assertThat(answer.path("items")).isEmpty();
        assertThat(answer.path("handover").path("phone").asText()).isEqualTo("12345");
        assertThat(answer.path("answer").asText()).contains("12345");
    }

    @Test
    void badQuestionsAreRefusedClearly() {
        Api api = resident();
        assertProblem(api.post(ASK, Map.of()), 400, "INVALID_PARAMETER");
        assertProblem(api.post(ASK, Map.of("question", "   ")), 400, "INVALID_PARAMETER");
        assertProblem(api.post(ASK, Map.of("question", "餐".repeat(201))), 400, "INVALID_PARAMETER");
        assertProblem(api.post(ASK, Map.of("question", "开餐馆", "regionCode", "4699")), 400, "INVALID_PARAMETER");
    }

    @Test
    void oneAddressAskingWithoutPauseIsThrottled() {
        Api api = new Api(port).header("X-Forwarded-For", "203.0.113.77");
        int status = 200;
        for (int i = 0; i < 150 && status == 200; i++) {
            status = api.post(ASK, Map.of("question", "低保")).status();
        }
        assertThat(status).isEqualTo(429);
    }
}
