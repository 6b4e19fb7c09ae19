package org.yiwang.region;

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
class RegionApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate db;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void allHainanDivisionsAreLoadedWithTheirLevels() {
        assertThat(db.queryForList("SELECT kind, COUNT(*) n FROM region GROUP BY kind ORDER BY kind"))
                .extracting(r -> r.get("kind") + "=" + ((Number) r.get("n")).intValue())
                .containsExactly("CITY=4", "COUNTY=27", "PROVINCE=1", "TOWNSHIP=243", "VILLAGE=3296");
    }

    @Test
    void agenciesAtEveryLevel() {
        assertThat(db.queryForList("SELECT kind, COUNT(*) n FROM agency GROUP BY kind ORDER BY kind"))
                .extracting(r -> r.get("kind") + "=" + ((Number) r.get("n")).intValue())
                .containsExactly("DEPARTMENT=" + (40 + 20 * 34), "PUBLIC_INSTITUTION=3", "TOWNSHIP_GOVERNMENT=243",
                        "VERTICAL=8", "VILLAGE_SERVICE_POINT=3296");
    }

    @Test
    void theProvinceHasItsCitiesAndTheCountiesItAdministersDirectly() {
        List<String> names = names(api.get("/api/v1/regions/46/children").json());
        assertThat(names).hasSize(4 + 15).contains("海口市", "三亚市", "三沙市", "儋州市", "乐东黎族自治县", "琼中黎族苗族自治县");

        assertThat(names(api.get("/api/v1/regions/4601/children").json())).containsExactly("秀英区", "龙华区", "琼山区", "美兰区");
        JsonNode village = api.get("/api/v1/regions/460105001/children").json().get(0);
        assertThat(village.path("level").asText()).isEqualTo("VILLAGE");
        assertThat(village.path("leaf").asBoolean()).isTrue();
        assertThat(village.path("fullName").asText()).startsWith("海南省海口市秀英区秀英街道");
    }

    @Test
    void aRegionWithItsPath() {
        JsonNode answer = api.get("/api/v1/regions/469027100").json();
        assertThat(names(answer.path("path"))).containsExactly("海南省", "乐东黎族自治县", answer.path("region").path("name").asText());
    }

    @Test
    void malformedAndUnknownCodes() {
        assertProblem(api.get("/api/v1/regions/46a/children"), 400, "INVALID_PARAMETER");
        assertProblem(api.get("/api/v1/regions/4699/children"), 404, "NOT_FOUND");
    }

    private static List<String> names(JsonNode regions) {
        List<String> names = new ArrayList<>();
        regions.forEach(r -> names.add(r.path("name").asText()));
        return names;
    }
}
