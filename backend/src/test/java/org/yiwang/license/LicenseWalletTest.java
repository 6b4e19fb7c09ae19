package org.yiwang.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.yiwang.identity.IdentityNumbers;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * 我的证照: a company registered at 海口市市场监督管理局 finds its 营业执照 in its wallet with the fields its application
 * gave, the PDF carries them, verification names the company in full; nobody else sees it.
 */
@IntegrationTest
class LicenseWalletTest {

    private static final String ADDRESS = "海南省海口市美兰区海甸五西路 28 号 3 层";
    private static final String SCOPE = "预包装食品销售、热食类食品制售";
    private static final String NAME = "海口琼岛椰林餐饮有限公司";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate db;

    @Test
    void aCompanysBusinessLicenceIsInItsWalletWithTheFieldsItsApplicationGave() throws Exception {
        Journeys j = new Journeys(port);
        Api company = freshCompany();
        JsonNode registration = j.item(i -> i.path("name").asText().endsWith("设立登记")
                && i.path("processKey").asText().equals("standard"), "agencyId", j.agencyId("4601", "海口市市场监督管理局"));
        assertThat(company.get("/api/v1/licenses", "mine", "true").json().path("total").asLong()).isZero();

        Api.Response created = company.post("/api/v1/applications", Map.of("itemCode", registration.path("code").asText(),
                "regionCode", "4601", "formData", Map.of("reason", "设立餐饮公司", "contact", "符海燕",
                        "businessAddress", ADDRESS, "businessScope", SCOPE)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String no = created.json().path("applicationNo").asText();
        j.uploadRequired(company, no, registration);
        j.submit(company, no);
        j.step(Personas.login(port, "hk.accept"), no, "accept", Map.of("opinion", "予以受理。"));
        j.step(Personas.login(port, "hk.review"), no, "review", Map.of("opinion", "建议准予。"));
        j.step(Personas.login(port, "hk.approve"), no, "approve", Map.of("opinion", "同意。"));

        JsonNode concluded = company.get("/api/v1/notifications").json().path("items");
        assertThat(concluded).as("the message names its case").anySatisfy(m -> {
            assertThat(m.path("title").asText()).isEqualTo("办件已办结：准予 · " + registration.path("name").asText());
            assertThat(m.path("body").asText()).startsWith("办件 " + no + "（" + registration.path("name").asText() + "）已办结");
        });

        JsonNode wallet = company.get("/api/v1/licenses", "mine", "true").json();
        assertThat(wallet.path("total").asLong()).isEqualTo(1);
        JsonNode held = wallet.path("items").get(0);
        String number = held.path("licenseNo").asText();
        assertThat(number).isEqualTo("HN" + no);
        assertThat(held.path("title").asText()).isEqualTo("营业执照");
        assertThat(held.path("holderName").asText()).isEqualTo(NAME);
        assertThat(held.path("holderKind").asText()).isEqualTo("COMPANY");
        assertThat(held.path("address").asText()).isEqualTo(ADDRESS);
        assertThat(held.path("scope").asText()).isEqualTo(SCOPE);
        assertThat(held.path("agencyName").asText()).isEqualTo("海口市市场监督管理局");
        assertThat(held.path("status").asText()).isEqualTo("VALID");
        assertThat(held.path("applicationNo").asText()).isEqualTo(no);
        assertThat(db.queryForObject("SELECT holder_address_enc FROM license WHERE license_no = ?", String.class, number))
                .as("the address is encrypted at rest").doesNotContain("海甸");

        String text = LicensePdfTest.text(company.bytes("/api/v1/licenses/" + number + "/pdf"));
        assertThat(text).startsWith("营业执照").contains("名称 " + NAME, "经营场所 " + ADDRESS, "许可范围 " + SCOPE,
                "证照编号 " + number, "发证机关 海口市市场监督管理局");

        JsonNode verified = new Api(port).get("/api/v1/licenses/verify", "code", held.path("verificationCode").asText()).json();
        assertThat(verified.path("valid").asBoolean()).isTrue();
        assertThat(verified.path("title").asText()).isEqualTo("营业执照");
        assertThat(verified.path("holderName").asText()).as("a company is a public record").isEqualTo(NAME);
        assertThat(verified.path("scope").asText()).isEqualTo(SCOPE);
        assertThat(verified.toString()).doesNotContain("海甸");

        JsonNode others = Personas.login(port, "applicant").get("/api/v1/licenses", "mine", "true").json();
        assertThat(others.findValuesAsText("licenseNo")).doesNotContain(number);
        assertProblem(company.get("/api/v1/licenses"), 400, "INVALID_PARAMETER");
        assertProblem(company.get("/api/v1/licenses", "mine", "false"), 400, "INVALID_PARAMETER");
        assertProblem(company.get("/api/v1/licenses", "mine", "true", "size", "0"), 400, "INVALID_PARAMETER");
        assertProblem(Personas.login(port, "hk.accept").get("/api/v1/licenses", "mine", "true"), 403, "FORBIDDEN");

        db.update("UPDATE license SET status = 'REVOKED' WHERE license_no = ?", number);
        assertThat(company.get("/api/v1/licenses", "mine", "true").json().path("items").get(0).path("status").asText())
                .isEqualTo("REVOKED");
    }

    private Api freshCompany() {
        String uscc = IdentityNumbers.generateUscc("460100", "licence-wallet-company");
        Api.Response r = new Api(port).post("/api/v1/auth/register", Map.of("idType", "USCC", "idNumber", uscc,
                "name", NAME, "phone", "13807553333", "password", "Wallet-Pass-2026"));
        assertThat(r.status()).as(r.body()).isIn(201, 409);
        Api company = Personas.login(port, uscc, "Wallet-Pass-2026");
        db.update("DELETE FROM license WHERE holder_account_id IN (SELECT id FROM account WHERE display_name = ?)", NAME);
        return company;
    }
}
