package org.yiwang.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks that an answer is the platform's one error shape. */
public final class ProblemAssert {

    private ProblemAssert() {
    }

    public static JsonNode assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
        return problem;
    }
}
