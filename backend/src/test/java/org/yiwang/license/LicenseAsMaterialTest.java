package org.yiwang.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.time.LocalDate;
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
 * 电子证照复用: a company that got its 营业执照 from a 设立登记 uses that e-licence as the "营业执照" material of its
 * next application; nobody else can use it, and a revoked one is refused.
 */
@IntegrationTest
class LicenseAsMaterialTest {

    private static final String BUSINESS_LICENCE_MATERIAL = "营业执照或统一社会信用代码证书";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate db;

    @Test
    void theHolderAttachesTheirOwnValidLicenceOthersAndRevokedOnesAreRefused() {
        Journeys j = new Journeys(port);
        long haikouMarket = j.agencyId("4601", "海口市市场监督管理局");
        Api company = Personas.login(port, "company");
        JsonNode registration = j.item(i -> i.path("name").asText().endsWith("设立登记")
                && i.path("processKey").asText().equals("standard"), "agencyId", haikouMarket);
        assertThat(LicenseKinds.of(registration.path("name").asText())).isEqualTo("营业执照");
        String registered = j.apply(company, registration, "4601");
        j.step(Personas.login(port, "hk.accept"), registered, "accept", Map.of("opinion", "予以受理。"));
        j.step(Personas.login(port, "hk.review"), registered, "review", Map.of("opinion", "建议准予。"));
        j.step(Personas.login(port, "hk.approve"), registered, "approve", Map.of("opinion", "同意。"));
        String licenceNo = j.application(company, registered).path("license").path("number").asText();
        assertThat(licenceNo).startsWith("HN");

        JsonNode next = j.item(i -> !i.path("code").asText().equals(registration.path("code").asText())
                && i.path("audience").asText().equals("LEGAL_PERSON"), "agencyId", haikouMarket);
        long businessLicence = materialId(next, BUSINESS_LICENCE_MATERIAL);
        long form = next.path("materials").get(0).path("id").asLong();
        String no = j.draft(company, next, "4601");
        String base = "/api/v1/applications/" + no;

        JsonNode options = company.get(base + "/license-options").json();
        assertThat(options).hasSize(1);
        assertThat(options.get(0).path("materialId").asLong()).isEqualTo(businessLicence);
        assertThat(options.get(0).path("licenses")).anySatisfy(l -> {
            assertThat(l.path("licenseNo").asText()).isEqualTo(licenceNo);
            assertThat(l.path("kind").asText()).isEqualTo("营业执照");
        });

        Api other = anotherCompany();
        String othersDraft = j.draft(other, next, "4601");
        assertThat(other.get("/api/v1/applications/" + othersDraft + "/license-options").json()).isEmpty();
        assertProblem(other.post("/api/v1/applications/" + othersDraft + "/materials/license",
                Map.of("materialId", businessLicence, "licenseNo", licenceNo)), 404, "NOT_FOUND");
        assertProblem(company.post(base + "/materials/license", Map.of("materialId", form, "licenseNo", licenceNo)),
                400, "INVALID_PARAMETER");
        assertProblem(company.post(base + "/materials/license", Map.of("materialId", businessLicence)), 400, "INVALID_PARAMETER");
        assertProblem(company.post(base + "/materials/license",
                Map.of("materialId", businessLicence, "licenseNo", "HN46010020261127000001Z")), 404, "NOT_FOUND");

        Api.Response attached = company.post(base + "/materials/license",
                Map.of("materialId", businessLicence, "licenseNo", licenceNo));
        assertThat(attached.status()).as(attached.body()).isEqualTo(201);
        assertThat(attached.json().path("fileName").asText()).isEqualTo(licenceNo + ".pdf");
        assertThat(attached.json().path("contentType").asText()).isEqualTo("application/pdf");
        Api.Response content = company.get(base + "/materials/" + attached.json().path("id").asLong() + "/content");
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.body()).startsWith("%PDF-");
        JsonNode draft = j.application(company, no);
        assertThat(draft.path("materials")).anySatisfy(m -> assertThat(m.path("materialId").asLong()).isEqualTo(businessLicence));
        assertThat(Journeys.actions(draft)).contains("LICENSE_MATERIAL");

        db.update("UPDATE license SET status = 'REVOKED' WHERE license_no = ?", licenceNo);
        assertThat(company.get(base + "/license-options").json().findValuesAsText("licenseNo")).doesNotContain(licenceNo);
        int files = draft.path("materials").size();
        assertProblem(company.post(base + "/materials/license", Map.of("materialId", businessLicence, "licenseNo", licenceNo)),
                409, "LICENSE_NOT_VALID");
        assertThat(j.application(company, no).path("materials").size()).as("nothing half-written").isEqualTo(files);
    }

    private static long materialId(JsonNode item, String name) {
        for (JsonNode m : item.path("materials")) {
            if (m.path("name").asText().equals(name)) {
                return m.path("id").asLong();
            }
        }
        throw new AssertionError("no material " + name + " in " + item.path("code").asText());
    }

    private Api anotherCompany() {
        String uscc = IdentityNumbers.generateUscc("460100", "licence-as-material-other");
        Api.Response r = new Api(port).post("/api/v1/auth/register", Map.of("idType", "USCC", "idNumber", uscc,
                "name", "海口另一有限公司", "phone", "13807552222", "password", "Another-Pass-2026"));
        assertThat(r.status()).as(r.body()).isIn(201, 409);
        return Personas.login(port, uscc, "Another-Pass-2026");
    }
}
