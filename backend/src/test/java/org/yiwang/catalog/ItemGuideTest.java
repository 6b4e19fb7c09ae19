package org.yiwang.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;

import com.fasterxml.jackson.databind.JsonNode;

/** The guide a resident reads: numbered steps with who and how long, conditions, office, fees and an FAQ. */
@IntegrationTest
class ItemGuideTest {

    @LocalServerPort
    int port;

    @Test
    void aLicensingItemsStepsSayWhoAndHowLongAndAddUpToItsPromise() {
        Journeys j = new Journeys(port);
        JsonNode item = j.haikouLicensingItem();
        String code = item.path("code").asText();
        Api anyone = new Api(port);
        JsonNode guide = anyone.get("/api/v1/catalog/items/" + code + "/guide").json();

        JsonNode steps = guide.path("steps");
        List<String> names = new ArrayList<>();
        steps.forEach(s -> names.add(s.path("name").asText()));
        assertThat(steps.get(0).path("seq").asInt()).isEqualTo(1);
        assertThat(steps.get(0).path("who").asText()).isEqualTo("申请人");
        assertThat(names).first().isEqualTo("网上申请");
        assertThat(names).last().isEqualTo("办结送达");
        assertThat(names).as("user steps only, no gateways or timers").hasSizeBetween(4, 8);
        for (int i = 0; i < steps.size(); i++) {
            assertThat(steps.get(i).path("seq").asInt()).isEqualTo(i + 1);
            assertThat(steps.get(i).path("who").asText()).isNotBlank();
            assertThat(steps.get(i).path("timing").asText()).isNotBlank();
        }
        JsonNode accept = steps.get(1);
        assertThat(accept.path("who").asText()).isEqualTo("海口市市场监督管理局受理窗口");
        assertThat(accept.path("days").asInt()).isEqualTo(5);
        int afterAcceptance = 0;
        for (int i = 2; i < steps.size() - 1; i++) {
            afterAcceptance += steps.get(i).path("days").asInt();
        }
        assertThat(afterAcceptance).as("the promise shared over the steps after acceptance")
                .isEqualTo(Math.max(item.path("promisedLimitDays").asInt(), steps.size() - 3));

        assertThat(guide.path("conditions")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(guide.path("office").path("name").asText()).isEqualTo("海口市市场监督管理局");
        assertThat(guide.path("office").path("address").asText()).contains("政务服务中心");
        assertThat(guide.path("office").path("hours").asText()).contains("周一至周五");
        assertThat(guide.path("fee").asText()).isNotBlank();
        assertThat(guide.path("faq").findValuesAsText("question")).anySatisfy(q -> assertThat(q).contains("多长时间"))
                .anySatisfy(q -> assertThat(q).contains("证照"));
        assertThat(guide.path("faq").get(0).path("answer").asText()).contains(item.path("promisedLimitDays").asText() + " 个工作日");
        assertThat(anyone.get("/api/v1/catalog/items/" + code + "/guide").json()).as("the same every time").isEqualTo(guide);

        assertProblem(anyone.get("/api/v1/catalog/items/NO-SUCH-ITEM/guide"), 404, "NOT_FOUND");
    }
}
