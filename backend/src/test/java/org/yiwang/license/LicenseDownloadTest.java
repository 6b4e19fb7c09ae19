package org.yiwang.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.identity.IdentityNumbers;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/** The e-licence PDF: for its holder and the staff whose scope covers it; the holder's receipt (a POST) delivers. */
@IntegrationTest
class LicenseDownloadTest {

    @LocalServerPort
    int port;

    @Test
    void theHolderDownloadsTheLicenceAndConfirmsReceiptOthersSeeNothing() throws Exception {
        Journeys j = new Journeys(port);
        Api applicant = Personas.login(port, "applicant");
        String no = j.apply(applicant, j.haikouLicensingItem(), "4601");
        j.step(Personas.login(port, "hk.accept"), no, "accept", Map.of("opinion", "予以受理。"));
        j.step(Personas.login(port, "hk.review"), no, "review", Map.of("opinion", "建议准予许可。"));
        j.step(Personas.login(port, "hk.approve"), no, "approve", Map.of("opinion", "同意。"));
        JsonNode concluded = j.application(applicant, no);
        assertThat(concluded.path("status").asText()).isEqualTo("CONCLUDED");
        String number = concluded.path("license").path("number").asText();
        String code = concluded.path("license").path("verificationCode").asText();
        String path = "/api/v1/licenses/" + number + "/pdf";

        assertProblem(anotherApplicant().get(path), 404, "NOT_FOUND");
        assertProblem(Personas.login(port, "sy.accept").get(path), 404, "NOT_FOUND");
        assertProblem(applicant.get("/api/v1/licenses/HN46010020261127000001Z/pdf"), 404, "NOT_FOUND");
        assertThat(download(Personas.login(port, "supervisor"), path).statusCode()).isEqualTo(200);
        assertThat(download(Personas.login(port, "hk.accept"), path).statusCode()).isEqualTo(200);
        assertThat(j.application(applicant, no).path("status").asText()).as("staff reading it deliver nothing").isEqualTo("CONCLUDED");

        HttpResponse<byte[]> pdf = download(applicant, path);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition")).hasValue("inline; filename=\"" + number + ".pdf\"");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(LicensePdfTest.text(pdf.body())).contains(number, code, "/verify?code=" + code,
                concluded.path("itemName").asText(), "海口市市场监督管理局");

        assertThat(download(applicant, path).statusCode()).isEqualTo(200);
        assertThat(j.application(applicant, no).path("status").asText()).as("a GET changes nothing").isEqualTo("CONCLUDED");

        String receipt = "/api/v1/licenses/" + number + "/receipt";
        assertProblem(anotherApplicant().post(receipt, Map.of()), 404, "NOT_FOUND");
        Api withoutToken = Personas.login(port, "applicant");
        withoutToken.csrfToken(null);
        assertProblem(withoutToken.post(receipt, Map.of()), 403, "CSRF_TOKEN_INVALID");
        assertThat(applicant.post(receipt, Map.of()).status()).isEqualTo(204);
        assertThat(applicant.post(receipt, Map.of()).status()).isEqualTo(204);
        JsonNode delivered = j.application(applicant, no);
        assertThat(delivered.path("status").asText()).isEqualTo("DELIVERED");
        assertThat(Journeys.actions(delivered)).endsWith("CONCLUDE", "DELIVER");
        assertThat(Collections.frequency(Journeys.actions(delivered), "DELIVER")).isEqualTo(1);
    }

    private Api anotherApplicant() {
        String id = IdentityNumbers.generateIdCard("460107", LocalDate.of(1990, 3, 8), 731);
        new Api(port).post("/api/v1/auth/register", Map.of("idType", "ID_CARD", "idNumber", id, "name", "符另一",
                "phone", "13807551111", "password", "Another-Pass-2026"));
        return Personas.login(port, id, "Another-Pass-2026");
    }

    /** As bytes: the test client reads answers as text. */
    private HttpResponse<byte[]> download(Api api, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.uri(path))
                .header("Cookie", "YIWANG_SESSION=" + api.cookie("YIWANG_SESSION")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
