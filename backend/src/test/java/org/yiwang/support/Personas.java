package org.yiwang.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Logs test clients in as the demo accounts (password from the test profile). */
public final class Personas {

    public static final String PASSWORD = "Demo-Pass-2026";

    private Personas() {
    }

    public static Api login(int port, String username) {
        return login(port, username, PASSWORD);
    }

    public static Api login(int port, String username, String password) {
        Api api = new Api(port);
        Api.Response response = api.post("/api/v1/auth/login", Map.of("username", username, "password", password));
        assertThat(response.status()).as("login %s: %s", username, response.body()).isEqualTo(200);
        JsonNode me = response.json();
        api.csrfToken(me.path("csrfToken").asText());
        return api;
    }
}
