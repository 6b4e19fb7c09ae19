package org.yiwang.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;

@IntegrationTest
class CatalogApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate db;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("items").forEach(i -> names.add(i.path("name").asText()));
        return names;
    }

    @Test
    void theWholeCatalogueIsSearchableAndPaged() {
        JsonNode page = api.get("/api/v1/catalog/items", "page", 3, "size", 7).json();
        // The generated catalogue and whatever items administrators (other tests, journeys) have published since.
        long added = db.queryForObject("SELECT COUNT(*) FROM item WHERE status = 'PUBLISHED' AND id > 11702", Long.class);
        assertThat(page.path("total").asLong()).isEqualTo(11_702 + added);
        assertThat(page.path("page").asInt()).isEqualTo(3);
        assertThat(page.path("size").asInt()).isEqualTo(7);
        assertThat(page.path("items")).hasSize(7);
    }

    @Test
    void pinyinInitialsFindFoodBusinessItems() {
        JsonNode page = api.get("/api/v1/catalog/items", "q", "spjy", "size", 100).json();
        assertThat(names(page)).anyMatch(n -> n.contains("食品经营"));
        assertThat(names(api.get("/api/v1/catalog/items", "q", "zuidishenghuobaozhang").json()))
                .allMatch(n -> n.contains("最低生活保障"));
    }

    @Test
    void bracketedNotesInNamesDoNotHideThem() {
        List<String> names = names(api.get("/api/v1/catalog/items", "q", "食品经营许可", "size", 100).json());
        assertThat(names).contains("食品(含保健食品)经营许可核发")
                .allMatch(n -> n.replaceAll("[(（][^()（）]*[)）]", "").contains("食品经营许可"));
    }

    @Test
    void theExactNameComesFirstThenNamesStartingWithTheWords() {
        List<String> names = names(api.get("/api/v1/catalog/items", "q", "临时救助", "size", 50).json());
        assertThat(names).isNotEmpty();
        assertThat(names.get(0)).isEqualTo("临时救助");
        assertThat(names).allMatch(n -> n.contains("临时救助"));
    }

    @Test
    void itemCodesAreSearchable() {
        JsonNode first = api.get("/api/v1/catalog/items", "regionCode", "4601", "size", 1).json().path("items").get(0);
        JsonNode found = api.get("/api/v1/catalog/items", "q", first.path("code").asText()).json();
        assertThat(found.path("items").get(0).path("code").asText()).isEqualTo(first.path("code").asText());
    }

    @Test
    void filtersByLevelTypeRegionSubtreeAndAgency() {
        JsonNode villages = api.get("/api/v1/catalog/items", "level", "VILLAGE", "size", 100).json();
        assertThat(villages.path("total").asLong()).isEqualTo(3_296);
        villages.path("items").forEach(i -> assertThat(i.path("level").asText()).isEqualTo("VILLAGE"));

        JsonNode permits = api.get("/api/v1/catalog/items", "type", 1, "size", 100).json();
        permits.path("items").forEach(i -> assertThat(i.path("typeName").asText()).isEqualTo("行政许可"));

        // 乐东黎族自治县 includes its own items and those of its 13 townships and their villages.
        JsonNode ledong = api.get("/api/v1/catalog/items", "regionCode", "469027", "size", 100).json();
        assertThat(ledong.path("total").asLong()).isGreaterThan(260 + 13 * 12);
        ledong.path("items").forEach(i -> assertThat(i.path("regionCode").asText()).startsWith("469027"));

        JsonNode agency = null;
        for (JsonNode a : api.get("/api/v1/regions/4601/agencies").json()) {
            if (a.path("name").asText().equals("海口市市场监督管理局")) {
                agency = a;
            }
        }
        assertThat(agency).isNotNull();
        JsonNode market = api.get("/api/v1/catalog/items", "agencyId", agency.path("id").asLong(), "size", 100).json();
        assertThat(market.path("total").asLong()).isPositive();
        market.path("items").forEach(i -> assertThat(i.path("agencyName").asText()).isEqualTo("海口市市场监督管理局"));
    }

    @Test
    void oneItemsFullGuideWithMaterials() {
        String code = api.get("/api/v1/catalog/items", "level", "PROVINCE", "type", 1, "size", 1).json()
                .path("items").get(0).path("code").asText();
        JsonNode item = api.get("/api/v1/catalog/items/" + code).json();
        assertThat(item.path("code").asText()).isEqualTo(code);
        assertThat(item.path("agencyName").asText()).startsWith("海南省").doesNotContain("null");
        for (String element : List.of("name", "typeName", "level", "caseKind", "audience", "legalLimitDays",
                "promisedLimitDays", "fee", "visits", "onlineDepth", "lawBasis", "consultPhone", "complaintPhone",
                "processDescription")) {
            assertThat(item.has(element)).as(element).isTrue();
        }
        assertThat(item.path("materials").size()).isBetween(3, 5);
        assertThat(item.path("materials").get(0).path("name").asText()).endsWith("申请表");
        assertThat(item.has("id")).isFalse();
    }

    @Test
    void theGuideShowsTheItemsProcessWithoutAnyCase() {
        JsonNode item = api.get("/api/v1/catalog/items", "regionCode", "4601", "type", 1, "size", 1).json().path("items").get(0);
        JsonNode process = api.get("/api/v1/catalog/items/" + item.path("code").asText() + "/process").json();
        assertThat(process.path("xml").asText()).contains("<definitions", "id=\"" + item.path("processKey").asText() + "\"");
        assertThat(process.path("completed")).isEmpty();
        assertThat(process.path("active")).isEmpty();
        assertProblem(api.get("/api/v1/catalog/items/XK9999-4601/process"), 404, "NOT_FOUND");
    }

    @Test
    void badInputGetsAProblemDetailNamingTheParameter() {
        assertThat(assertProblem(api.get("/api/v1/catalog/items", "level", "GALAXY"), 400, "INVALID_PARAMETER")
                .path("parameter").asText()).isEqualTo("level");
        assertThat(assertProblem(api.get("/api/v1/catalog/items", "type", 3), 400, "INVALID_PARAMETER")
                .path("parameter").asText()).isEqualTo("type");
        assertThat(assertProblem(api.get("/api/v1/catalog/items", "type", "permit"), 400, "INVALID_PARAMETER")
                .path("parameter").asText()).isEqualTo("type");
        assertThat(assertProblem(api.get("/api/v1/catalog/items", "size", 101), 400, "INVALID_PARAMETER")
                .path("parameter").asText()).isEqualTo("size");
        assertThat(assertProblem(api.get("/api/v1/catalog/items", "page", 0), 400, "INVALID_PARAMETER")
                .path("parameter").asText()).isEqualTo("page");
        assertThat(assertProblem(api.get("/api/v1/catalog/items", "regionCode", "46x1"), 400, "INVALID_PARAMETER")
                .path("parameter").asText()).isEqualTo("regionCode");
        assertThat(assertProblem(api.get("/api/v1/catalog/items", "regionCode", "4699"), 400, "INVALID_PARAMETER")
                .path("parameter").asText()).isEqualTo("regionCode");
        assertProblem(api.get("/api/v1/catalog/items/XK9999-4601"), 404, "NOT_FOUND");
    }

    @Test
    void itemsDoneAtTheApplicantsOwnPlaceComeFirst() {
        String village = api.get("/api/v1/regions/469027100/children").json().get(0).path("code").asText();
        JsonNode near = api.get("/api/v1/catalog/items", "q", "最低生活保障", "near", village, "size", 5).json();
        JsonNode first = near.path("items").get(0);
        assertThat(first.path("name").asText()).isEqualTo("最低生活保障");
        assertThat(village).startsWith(first.path("regionCode").asText());
        assertThat(first.path("regionCode").asText()).isEqualTo("469027100");
        assertThat(assertProblem(api.get("/api/v1/catalog/items", "near", "4699"), 400, "INVALID_PARAMETER")
                .path("parameter").asText()).isEqualTo("near");
    }

    @Test
    void browseByLifeEventWithCountsAndGroupResultsByTypeAndLevel() {
        JsonNode events = api.get("/api/v1/catalog/life-events").json();
        assertThat(events).hasSize(12);
        assertThat(events.findValuesAsText("name")).contains("出生", "上学", "就业", "婚育", "住房", "养老", "开办企业", "工程建设");
        events.forEach(e -> assertThat(e.path("count").asLong()).as(e.toString()).isPositive());

        JsonNode elderly = api.get("/api/v1/catalog/items", "event", "ELDERLY", "size", 100).json();
        elderly.path("items").forEach(i -> assertThat(i.path("name").asText())
                .containsAnyOf("养老", "老年", "高龄", "退休", "待遇领取"));
        assertThat(assertProblem(api.get("/api/v1/catalog/items", "event", "MOON"), 400, "INVALID_PARAMETER")
                .path("parameter").asText()).isEqualTo("event");

        JsonNode facets = api.get("/api/v1/catalog/facets", "q", "登记").json();
        long total = api.get("/api/v1/catalog/items", "q", "登记").json().path("total").asLong();
        long byLevel = 0;
        for (JsonNode n : facets.path("byLevel")) {
            byLevel += n.asLong();
        }
        long byType = 0;
        for (JsonNode n : facets.path("byType")) {
            byType += n.asLong();
        }
        assertThat(byLevel).isEqualTo(total);
        assertThat(byType).isEqualTo(total);
    }
}
