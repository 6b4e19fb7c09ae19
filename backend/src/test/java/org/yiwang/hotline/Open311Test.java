package org.yiwang.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Open311 GeoReport v2 as a partner app calls it: no session, no CSRF token, form-encoded requests with the
 * channel's api_key (the demo channel's key is the demo password), answers in the spec's shapes — arrays — and
 * errors as {@code [{"code": 400, "description": "..."}]}.
 */
@IntegrationTest
class Open311Test {

    private static final String BASE = "/open311/v2";

    @LocalServerPort
    int port;

    private Api client(String address) {
        return new Api(port).header("X-Forwarded-For", address);
    }

    private static Map<String, String> valid() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", Personas.PASSWORD);
        form.put("service_code", "COMPLAINT-050000");
        form.put("description", "小区旁工地夜间 23 点后仍在施工，噪声扰民");
        form.put("address_string", "海南省海口市美兰区海甸岛人民大道 58 号");
        form.put("first_name", "海燕");
        form.put("last_name", "王");
        form.put("phone", "13976001234");
        form.put("email", "wang.haiyan@example.cn");
        return form;
    }

    private Api.Response post(Api api, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return api.send(HttpRequest.newBuilder(api.uri(BASE + "/requests.json"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The spec's error: an array of one {code, description}, the code being the HTTP status. */
    private static void assertError(Api.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode errors = r.json();
        assertThat(errors.isArray()).as(r.body()).isTrue();
        assertThat(errors.get(0).path("code").asInt()).isEqualTo(status);
        assertThat(errors.get(0).path("description").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception");
    }

    @Test
    void servicesAreTheTicketTypesWithinTheTopLevelClasses() {
        Api.Response r = client("198.51.100.10").get(BASE + "/services.json");
        assertThat(r.status()).isEqualTo(200);
        JsonNode services = r.json();
        assertThat(services.isArray()).isTrue();
        long topClasses = new Api(port).get("/api/v1/hotline/classes").json().path("classes").findValues("level").stream()
                .filter(l -> l.asInt() == 1).count();
        assertThat(topClasses).isPositive();
        assertThat(services.size()).isEqualTo(TicketType.values().length * (int) topClasses);
        JsonNode noise = null;
        for (JsonNode s : services) {
            assertThat(s.path("service_code").asText()).matches("[A-Z]+-\\d{2}0000");
            assertThat(s.path("metadata").isBoolean()).isTrue();
            assertThat(s.path("type").asText()).isEqualTo("realtime");
            if (s.path("service_code").asText().equals("COMPLAINT-050000")) {
                noise = s;
            }
        }
        assertThat(noise).isNotNull();
        assertThat(noise.path("service_name").asText()).isEqualTo("投诉·生态环境");
        assertThat(noise.path("group").asText()).isEqualTo("生态环境");
    }

    @Test
    void aPartnerFilesARequestWithItsKeyAndFollowsIt() {
        Api app = client("198.51.100.11");
        Api.Response created = post(app, valid());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode answer = created.json();
        assertThat(answer.isArray()).isTrue();
        String id = answer.get(0).path("service_request_id").asText();
        assertThat(id).matches("12345-\\d{8}-\\d{6}");
        assertThat(answer.get(0).path("service_notice").asText()).isNotBlank();

        // Anyone may read it, without its description, location or contact; the channel that filed it sees them.
        Api.Response read = client("198.51.100.12").get(BASE + "/requests/" + id + ".json");
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        JsonNode one = read.json();
        assertThat(one.isArray()).isTrue();
        assertThat(one.size()).isEqualTo(1);
        JsonNode r = one.get(0);
        assertThat(r.path("service_request_id").asText()).isEqualTo(id);
        assertThat(r.path("status").asText()).isEqualTo("open");
        assertThat(r.path("service_code").asText()).isEqualTo("COMPLAINT-050000");
        assertThat(r.path("requested_datetime").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}.*\\+08:00");
        assertThat(r.has("description")).isFalse();
        assertThat(read.body()).doesNotContain("人民大道").doesNotContain("1397600").doesNotContain("王");
        JsonNode own = app.get(BASE + "/requests/" + id + ".json", "api_key", Personas.PASSWORD).json().get(0);
        assertThat(own.path("description").asText()).contains("噪声扰民");
        assertThat(own.path("address").asText()).contains("人民大道");

        // The operator's centre sees the ticket with the region read from the address and the contact masked.
        JsonNode ticket = Personas.login(port, "dispatcher").get(Hotline.TICKETS + "/" + id).json();
        assertThat(ticket.path("channel").asText()).isEqualTo("OPEN311");
        assertThat(ticket.path("regionCode").asText()).isEqualTo("460108");
        assertThat(ticket.path("citizen").path("name").asText()).isEqualTo("王**");
        assertThat(ticket.path("citizen").path("phone").asText()).isEqualTo("139****1234");

        JsonNode byId = app.get(BASE + "/requests.json", "service_request_id", id).json();
        assertThat(byId.findValuesAsText("service_request_id")).containsExactly(id);
        assertThat(app.get(BASE + "/requests.json", "service_code", "COMPLAINT-050000", "status", "open").json()
                .findValuesAsText("service_request_id")).contains(id);
        assertThat(app.get(BASE + "/requests.json", "status", "closed").json().findValuesAsText("service_request_id"))
                .doesNotContain(id);
        assertThat(app.get(BASE + "/requests.json", "start_date", "2000-01-01T00:00:00+08:00", "end_date", "2000-01-02T00:00:00Z")
                .json().size()).isZero();
    }

    @Test
    void filingNeedsAValidKeyAndNoSessionOrCsrf() {
        Api app = client("198.51.100.13");
        Map<String, String> form = valid();
        form.remove("api_key");
        assertError(post(app, form), 403);
        form.put("api_key", "not-a-key");
        assertError(post(app, form), 403);
        // A JSON body carries no form fields at all: no key.
        assertError(app.post(BASE + "/requests.json", valid()), 403);
    }

    @Test
    void badRequestsAnswerInOpen311sErrorFormat() {
        Api app = client("198.51.100.14");
        Map<String, String> form = valid();
        form.put("service_code", "COMPLAINT-990000");
        assertError(post(app, form), 400);
        form.put("service_code", "GOSSIP-050000");
        assertError(post(app, form), 400);
        form = valid();
        form.put("phone", "555-0100");
        assertError(post(app, form), 400);
        form.remove("phone");
        assertError(post(app, form), 400);
        form = valid();
        form.put("description", "噪".repeat(HotlineService.MAX_CONTENT + 1));
        assertError(post(app, form), 400);
        form = valid();
        form.remove("address_string");
        assertError(post(app, form), 400);
        form.put("lat", "north");
        form.put("long", "110.35");
        assertError(post(app, form), 400);
        form.put("lat", "20.05");
        Api.Response located = post(app, form);
        assertThat(located.status()).as(located.body()).isEqualTo(201);
        form.put("email", "not-an-address");
        assertError(post(app, form), 400);

        assertError(app.get(BASE + "/requests/12345-20000101-000001.json"), 404);
        assertError(app.get(BASE + "/requests.json", "status", "pending"), 400);
        assertError(app.get(BASE + "/requests.json", "start_date", "yesterday"), 400);
        assertError(app.get(BASE + "/requests.json", "service_code", "NOPE"), 400);
    }

    @Test
    void aFloodFromOneAddressIsThrottled() {
        Api flood = client("198.51.100.15");
        int status = 200;
        Api.Response last = null;
        for (int i = 0; i < 80 && status != 429; i++) {
            last = flood.get(BASE + "/services.json");
            status = last.status();
        }
        assertError(last, 429);
        assertThat(last.header("Retry-After")).isNotBlank();
    }
}
