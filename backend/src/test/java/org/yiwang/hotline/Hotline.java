package org.yiwang.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.yiwang.support.Api;
import org.yiwang.support.Journeys;

import com.fasterxml.jackson.databind.JsonNode;

/** Steps of the hotline's journeys for tests: file, act, read. */
final class Hotline {

    static final String TICKETS = "/api/v1/hotline/tickets";

    private final int port;

    Hotline(int port) {
        this.port = port;
    }

    static Map<String, Object> intake(String type, String classCode, String regionCode, String content) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", type);
        body.put("classCode", classCode);
        body.put("regionCode", regionCode);
        body.put("content", content);
        return body;
    }

    /** A ticket filed by the caller (an applicant for themselves), answered as filed. */
    JsonNode file(Api caller, Map<String, Object> body) {
        Api.Response r = caller.post(TICKETS, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    JsonNode get(Api caller, String no) {
        Api.Response r = caller.get(TICKETS + "/" + no);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    Api.Response act(Api caller, String no, String action, Map<String, ?> body) {
        return caller.post(TICKETS + "/" + no + "/" + action, body);
    }

    JsonNode step(Api caller, String no, String action, Map<String, ?> body) {
        Api.Response r = act(caller, no, action, body);
        assertThat(r.status()).as(action + ": " + r.body()).isEqualTo(200);
        return r.json();
    }

    long agency(String regionCode, String code) {
        return new Journeys(port).agency(regionCode, code).path("id").asLong();
    }

    static List<String> actions(JsonNode ticket) {
        return ticket.path("history").findValuesAsText("action");
    }

    static List<String> numbers(JsonNode page) {
        return page.path("items").findValuesAsText("ticketNo");
    }
}
