package org.yiwang.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One account logged in over the suite's shared HTTP client, as a browser is: the session cookie from the login
 * answer, and its CSRF token sent back on every state-changing request. Cookies are kept here rather than in
 * a cookie handler so that every worker and account can share one client.
 */
final class Session {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** An answer other than the one a step expects; the lifecycle it belongs to counts as failed. */
    static final class UnexpectedAnswer extends RuntimeException {

        UnexpectedAnswer(String step, int status, String body) {
            super(step + " answered " + status + ": " + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
        }
    }

    private final HttpClient http;
    private final String baseUrl;
    private final String cookie;
    private final String csrfToken;

    private Session(HttpClient http, String baseUrl, String cookie, String csrfToken) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.cookie = cookie;
        this.csrfToken = csrfToken;
    }

    /** Nobody logged in: the public routes. */
    static Session anonymous(HttpClient http, String baseUrl) {
        return new Session(http, baseUrl, null, null);
    }

    static Session login(HttpClient http, String baseUrl, String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/auth/login"))
                .timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", username, "password", password))))
                .build(), BodyHandlers.ofString());
        JsonNode me = expect(answer, 200, "login " + username);
        String cookie = answer.headers().allValues("Set-Cookie").stream()
                .map(c -> c.split(";", 2)[0]).collect(Collectors.joining("; "));
        return new Session(http, baseUrl, cookie, me.path("csrfToken").asText());
    }

    /** The answer's JSON if it has the expected status, else an {@link UnexpectedAnswer} naming the step. */
    static JsonNode expect(HttpResponse<String> answer, int status, String step) throws IOException {
        if (answer.statusCode() != status) {
            throw new UnexpectedAnswer(step, answer.statusCode(), answer.body());
        }
        return answer.body().isEmpty() ? JSON.missingNode() : JSON.readTree(answer.body());
    }

    /** {@code path} with its query parameters given as name, value pairs. */
    URI uri(String path, String... params) {
        StringBuilder url = new StringBuilder(baseUrl).append(path);
        for (int i = 0; i + 1 < params.length; i += 2) {
            url.append(i == 0 ? '?' : '&').append(params[i]).append('=').append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        return URI.create(url.toString());
    }

    HttpResponse<String> get(String path, String... params) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path, params)).GET());
    }

    HttpResponse<String> postJson(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** A multipart/form-data POST of one file and plain fields, as the portal's upload form sends it. */
    HttpResponse<String> upload(String path, String fileName, byte[] content, String contentType, Map<String, String> fields)
            throws IOException, InterruptedException {
        String boundary = "----yiwangbench" + System.nanoTime();
        StringBuilder head = new StringBuilder();
        fields.forEach((name, value) -> head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                .append(name).append("\"\r\n\r\n").append(value).append("\r\n"));
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"").append(fileName)
                .append("\"\r\nContent-Type: ").append(contentType).append("\r\n\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[start.length + content.length + end.length];
        System.arraycopy(start, 0, body, 0, start.length);
        System.arraycopy(content, 0, body, start.length, content.length);
        System.arraycopy(end, 0, body, start.length + content.length, end.length);
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.ofByteArray(body)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(signed(request), BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A GET as this account, for a load generator to send. */
    HttpRequest getRequest(String path, String... params) {
        return signed(HttpRequest.newBuilder(uri(path, params)).GET());
    }

    /** A JSON POST as this account, for a load generator to send. */
    HttpRequest postRequest(String path, Object body) {
        try {
            return signed(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private HttpRequest signed(HttpRequest.Builder request) {
        request.timeout(TIMEOUT);
        if (cookie != null) {
            request.header("Cookie", cookie).header("X-CSRF-Token", csrfToken);
        }
        return request.build();
    }
}
