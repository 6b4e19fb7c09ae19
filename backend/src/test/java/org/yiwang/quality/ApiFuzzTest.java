package org.yiwang.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every operation of the published OpenAPI document, called with malformed, missing, oversized and
 * wrong-typed path variables, query parameters, headers and bodies, anonymously and as three logged-in
 * personas. Whatever the input, the answer is never a 5xx, every 4xx is a problem detail, and no body
 * shows a stack trace. All violations are collected and reported together.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEGABYTE = "x".repeat(1024 * 1024);
    private static final List<String> PERSONAS = List.of("anonymous", "applicant", "hk.accept", "admin");
    /** Operations that change the caller's own standing run last, so the others see a live session and an open draft. */
    private static final List<String> LAST = List.of("/withdraw", "/auth/logout");

    /** Path-segment junk, already in its wire form: some of it is deliberately not re-encoded. */
    private static final Map<String, String> PATH_JUNK = new LinkedHashMap<>();

    static {
        PATH_JUNK.put("NUL", "%00");
        PATH_JUNK.put("../../etc/passwd", "../../etc/passwd");
        PATH_JUNK.put("encoded ../../etc/passwd", "..%2F..%2Fetc%2Fpasswd");
        PATH_JUNK.put("encoded backslashes", "..%5C..%5Cwin.ini");
        PATH_JUNK.put("300 chars", "z".repeat(300));
        PATH_JUNK.put("-1", "-1");
        PATH_JUNK.put("22-digit number", "9999999999999999999999");
        PATH_JUNK.put("Chinese", segment("海南省人民政府"));
        PATH_JUNK.put("SQL", segment("' OR 1=1 --"));
        PATH_JUNK.put("matrix parameter", "a;b=c");
        PATH_JUNK.put("percent sign", "100%25");
    }

    @LocalServerPort
    int port;

    private JsonNode docs;
    private final Map<String, String> pathSamples = new LinkedHashMap<>();
    private final List<Violation> violations = Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger forwardedAddress = new AtomicInteger();

    @BeforeAll
    void prepare() {
        docs = new Api(port).get("/v3/api-docs").json();
        Journeys journeys = new Journeys(port);
        JsonNode item = journeys.haikouLicensingItem();
        // Real resources where one exists, so that bad bodies and parameters get past the lookup of the resource.
        pathSamples.put("no", journeys.draft(Personas.login(port, "applicant"), item, "4601"));
        pathSamples.put("code", "46");
        pathSamples.put("itemCode", item.path("code").asText());
        pathSamples.put("id", "999999");
        pathSamples.put("taskId", "no-such-task");
        pathSamples.put("action", "claim");
        // The administrator's staff operations act on a member of staff of this test's own, never a demo account.
        Api.Response staff = Personas.login(port, "admin").post("/api/v1/admin/staff", Map.of("username", "fuzz.target",
                "displayName", "模糊测试", "agencyId", journeys.agencyId("4601", "海口市市场监督管理局"),
                // An item administrator: a role that never receives tasks, so other tests' routing is untouched.
                "roles", List.of("ITEM_ADMIN"), "password", "Fuzz-Target-2026"));
        assertThat(staff.status()).as(staff.body()).isIn(201, 409);
        pathSamples.put("staffId", staff.status() == 201 ? staff.json().path("id").asText() : "999999");
    }

    @Test
    void noInputGetsA5xxOrAnythingButAProblemDetail() throws Exception {
        long started = System.nanoTime();
        List<Operation> operations = operations();
        // One caller per thread: each keeps its own session, and the two cores stay busy.
        ExecutorService callers = Executors.newFixedThreadPool(PERSONAS.size());
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (String persona : PERSONAS) {
                runs.add(callers.submit(() -> {
                    Api api = persona.equals("anonymous") ? new Api(port) : Personas.login(port, persona);
                    operations.forEach(op -> fuzz(api, persona, op));
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            callers.shutdownNow();
        }
        System.out.printf("ApiFuzzTest: %d operations x %d callers, %d requests in %d s; statuses %s%n", operations.size(),
                PERSONAS.size(), requests.get(), Duration.ofNanos(System.nanoTime() - started).toSeconds(), statuses);
        assertThat(operations).as("operations under /api/ in /v3/api-docs").hasSizeGreaterThan(40);
        assertThat(violations).as("%d violations in %d requests%n%s%nAll of them:%n%s", violations.size(), requests.get(),
                summary(), violations.stream().map(Violation::toString).sorted().collect(Collectors.joining("\n"))).isEmpty();
    }

    record Violation(String where, String input, String problem, String body) {

        @Override
        public String toString() {
            return where + ": " + problem + " — " + body;
        }
    }

    /** The violations grouped by what went wrong and with which input, each with one example. */
    private String summary() {
        Map<String, List<Violation>> groups = new TreeMap<>();
        synchronized (violations) {
            violations.forEach(v -> groups.computeIfAbsent(v.problem() + " for " + v.input(), k -> new ArrayList<>()).add(v));
        }
        StringBuilder summary = new StringBuilder();
        groups.forEach((kind, list) -> summary.append(String.format("%4d x %s, e.g. %s%n", list.size(), kind, list.get(0))));
        return summary.toString();
    }

    record Operation(String method, String path, JsonNode spec) {

        List<JsonNode> parameters(String in) {
            List<JsonNode> found = new ArrayList<>();
            spec.path("parameters").forEach(p -> {
                if (p.path("in").asText().equals(in)) {
                    found.add(p);
                }
            });
            return found;
        }
    }

    /** One request: the target with its query already encoded, extra headers, and a body with its type (or none). */
    record Case(String input, String target, Map<String, String> headers, String contentType, HttpRequest.BodyPublisher body) {

        Case(String input, String target) {
            this(input, target, Map.of(), null, null);
        }

        Case(String input, String target, String contentType, String body) {
            this(input, target, Map.of(), contentType, HttpRequest.BodyPublishers.ofString(body));
        }

        Case(String input, String target, String contentType, byte[] body) {
            this(input, target, Map.of(), contentType, HttpRequest.BodyPublishers.ofByteArray(body));
        }
    }

    private List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        docs.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (path.getKey().startsWith("/api/")) {
                operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), op.getValue()));
            }
        }));
        operations.sort(Comparator.comparingInt((Operation o) -> LAST.stream().filter(o.path()::endsWith).findFirst()
                .map(LAST::indexOf).orElse(-1)).thenComparing(Operation::path).thenComparing(Operation::method));
        return operations;
    }

    private void fuzz(Api api, String persona, Operation op) {
        List<Case> cases = new ArrayList<>();
        String base = path(op, Map.of());
        String query = requiredQuery(op);
        Case valid = baseline(op, base + query);
        // Where the caller is turned away anyway, bad parameters and properties all meet the same gate: only the
        // inputs that are read before access control (path, body syntax, content type, method) are worth sending.
        Api.Response gate = send(api, persona, op.method(), op, valid);
        boolean reachesHandler = gate != null && !List.of("UNAUTHENTICATED", "FORBIDDEN").contains(code(gate));
        for (JsonNode p : op.parameters("path")) {
            PATH_JUNK.forEach((name, junk) -> cases.add(withTarget(valid, "path " + p.path("name").asText() + " = " + name,
                    path(op, Map.of(p.path("name").asText(), junk)) + query)));
        }
        for (JsonNode p : reachesHandler ? op.parameters("query") : List.<JsonNode>of()) {
            for (var junk : queryJunk(p).entrySet()) {
                cases.add(withTarget(valid, "query " + p.path("name").asText() + " = " + junk.getKey(),
                        base + query(op, p.path("name").asText(), junk.getValue())));
            }
        }
        for (JsonNode p : reachesHandler ? op.parameters("header") : List.<JsonNode>of()) {
            for (var junk : headerJunk().entrySet()) {
                cases.add(new Case("header " + p.path("name").asText() + " = " + junk.getKey(), base + query,
                        Map.of(p.path("name").asText(), junk.getValue()), valid.contentType(), valid.body()));
            }
        }
        cases.addAll(bodies(op, base + query, reachesHandler));
        cases.add(new Case("undeclared method PATCH", base + query, "application/json", "{}"));
        for (Case c : cases) {
            send(api, persona, c.input().startsWith("undeclared method") ? "PATCH" : op.method(), op, c);
        }
        if (!persona.equals("anonymous") && !op.method().equals("GET")) {
            // A state-changing request with a stale CSRF token is refused, as a problem detail too.
            String token = api.csrfToken();
            api.csrfToken("stale-" + UUID.randomUUID());
            send(api, persona, op.method(), op, withInput(valid, "wrong X-CSRF-Token"));
            api.csrfToken(token);
        }
    }

    /** The request a well-meaning caller would send: sample path values, required parameters, a type-correct body. */
    private Case baseline(Operation op, String target) {
        if (isMultipart(op)) {
            return multipart("multipart without a file", target, Map.of("materialId", "1"), null);
        }
        JsonNode schema = bodySchema(op);
        if (schema == null) {
            return new Case("no body", target);
        }
        return new Case("type-correct body", target, "application/json", sample(op, schema).toString());
    }

    private List<Case> bodies(Operation op, String target, boolean properties) {
        List<Case> cases = new ArrayList<>();
        JsonNode schema = bodySchema(op);
        if (op.method().equals("GET")) {
            return cases;
        }
        if (schema == null) {
            // A body nobody reads: only what the framework might still trip over.
            cases.add(new Case("truncated JSON", target, "application/json", "{\"a\":"));
            cases.add(new Case("Content-Type application/xml", target, "application/xml", "<a/>"));
            cases.add(new Case("multipart without a boundary", target, "multipart/form-data", "--x\r\n\r\n--x--"));
            return cases;
        }
        if (isMultipart(op)) {
            cases.add(multipart("multipart with an empty file", target, Map.of("materialId", "1"), new byte[0]));
            cases.add(multipart("multipart with a junk file", target, Map.of("materialId", "1"), "junk".getBytes()));
            cases.add(multipart("multipart, materialId not a number", target, Map.of("materialId", "abc"), "junk".getBytes()));
            cases.add(new Case("multipart with no parts", target, "multipart/form-data; boundary=fuzz", "--fuzz--\r\n"));
            cases.add(new Case("multipart, garbage after the boundary", target, "multipart/form-data; boundary=fuzz",
                    "--fuzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nabc"));
            cases.add(new Case("multipart without a boundary", target, "multipart/form-data", "--x\r\n\r\n--x--"));
            cases.add(new Case("JSON instead of multipart", target, "application/json", "{}"));
        }
        Map<String, String> generic = new LinkedHashMap<>();
        generic.put("empty JSON body", "");
        generic.put("{}", "{}");
        generic.put("[]", "[]");
        generic.put("null", "null");
        generic.put("a bare string", "\"fuzz\"");
        generic.put("a bare number", "42");
        generic.put("truncated JSON", "{\"a\":");
        generic.put("single-quoted JSON", "{'a':1}");
        generic.put("trailing garbage", "{} xyz");
        generic.put("10,000 nested arrays", "[".repeat(10_000));
        generic.put("10,000 nested objects", "{\"a\":".repeat(10_000));
        generic.forEach((name, body) -> cases.add(new Case(name, target, "application/json", body)));
        cases.add(new Case("invalid UTF-8", target, "application/json", new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xc3, 0x28, '"', '}' }));
        cases.add(new Case("Content-Type text/plain", target, "text/plain", "{}"));
        cases.add(new Case("Content-Type application/xml", target, "application/xml", "<a><b/></a>"));
        cases.add(new Case("form-encoded body", target, "application/x-www-form-urlencoded", "a=b&c=%00"));
        cases.add(new Case("unknown charset", target, "application/json;charset=nope-8", "{}"));
        cases.add(new Case("no Content-Type", target, Map.of(), null, HttpRequest.BodyPublishers.ofString("{}")));
        if (properties && schema != null && !isMultipart(op)) {
            ObjectNode sample = sample(op, schema);
            schema.path("properties").fields().forEachRemaining(property -> {
                for (var junk : propertyJunk(property.getValue()).entrySet()) {
                    ObjectNode body = sample.deepCopy();
                    body.set(property.getKey(), junk.getValue());
                    cases.add(new Case("body " + property.getKey() + " = " + junk.getKey(), target, "application/json", body.toString()));
                }
            });
        }
        return cases;
    }

    /** Type-correct values that mean nothing: no request built from them can succeed and change shared state. */
    private ObjectNode sample(Operation op, JsonNode schema) {
        ObjectNode body = JSON.createObjectNode();
        schema.path("properties").fields().forEachRemaining(p -> body.set(p.getKey(), switch (p.getValue().path("type").asText()) {
            case "integer", "number" -> JSON.getNodeFactory().numberNode(0);
            case "boolean" -> JSON.getNodeFactory().booleanNode(false);
            case "array" -> JSON.createArrayNode();
            case "object" -> JSON.createObjectNode();
            default -> JSON.getNodeFactory().textNode(p.getValue().path("format").asText().equals("date") ? "1970-01-01"
                    // Login attempts name nobody: a demo account must never collect failures here.
                    : op.path().endsWith("/login") ? "fuzz-" + UUID.randomUUID() : "fuzz");
        }));
        return body;
    }

    private static Map<String, JsonNode> propertyJunk(JsonNode property) {
        Map<String, String> junk = new LinkedHashMap<>();
        junk.put("null", "null");
        switch (property.path("type").asText()) {
            case "integer", "number" -> {
                junk.put("a string", "\"abc\"");
                junk.put("1.5", "1.5");
                junk.put("a 22-digit number", "9999999999999999999999");
                junk.put("-1", "-1");
                junk.put("true", "true");
                junk.put("an object", "{}");
                junk.put("an array", "[1]");
            }
            case "array" -> {
                junk.put("a string", "\"x\"");
                junk.put("an object", "{\"a\":1}");
                junk.put("nested arrays", "[[[]]]");
                junk.put("[null]", "[null]");
                junk.put("[objects]", "[{},{}]");
                junk.put("1,000 numbers", "[" + "1,".repeat(999) + "1]");
            }
            case "object" -> {
                junk.put("a string", "\"x\"");
                junk.put("an array", "[]");
                junk.put("500 nested objects", "{\"a\":".repeat(500) + "1" + "}".repeat(500));
                junk.put("a 1 MB value", "{\"a\":\"" + MEGABYTE + "\"}");
                junk.put("10,000 keys", "{" + String.join(",", java.util.stream.IntStream.range(0, 10_000)
                        .mapToObj(i -> "\"k" + i + "\":" + i).toList()) + "}");
            }
            case "boolean" -> {
                junk.put("a string", "\"maybe\"");
                junk.put("2", "2");
            }
            default -> {
                if (property.path("format").asText().equals("date")) {
                    junk.put("2026-13-45", "\"2026-13-45\"");
                    junk.put("a number as a date", "20261127");
                }
                junk.put("a number", "123");
                junk.put("true", "true");
                junk.put("an object", "{}");
                junk.put("an array", "[\"a\"]");
                junk.put("1 MB", "\"" + MEGABYTE + "\"");
                junk.put("empty", "\"\"");
                junk.put("NUL", "\"a\\u0000b\"");
                junk.put("emoji", "\"\uD83D\uDE00\uD83C\uDFDD\"");
                junk.put("SQL", "\"' OR 1=1 --\"");
                junk.put("lone surrogate", "\"\\ud800\"");
            }
        }
        Map<String, JsonNode> nodes = new LinkedHashMap<>();
        junk.forEach((name, json) -> {
            try {
                nodes.put(name, JSON.readTree(json));
            } catch (java.io.IOException e) {
                throw new AssertionError(json, e);
            }
        });
        return nodes;
    }

    private static Map<String, String> queryJunk(JsonNode parameter) {
        String name = parameter.path("name").asText();
        JsonNode schema = parameter.path("schema");
        Map<String, String> junk = new LinkedHashMap<>();
        junk.put("empty", "");
        junk.put("NUL", "\u0000");
        junk.put("300 chars", "q".repeat(300));
        junk.put("SQL", "' OR 1=1 --");
        switch (schema.path("type").asText()) {
            case "integer", "number" -> {
                junk.put("a string", "abc");
                junk.put("a 22-digit number", "9999999999999999999999");
                junk.put("-1", "-1");
                junk.put("1.5", "1.5");
                if (name.equals("size")) {
                    junk.put("0", "0");
                    junk.put("101", "101");
                    junk.put("10^9", "1000000000");
                }
                if (name.equals("page")) {
                    junk.put("0", "0");
                    junk.put("10^9", "1000000000");
                }
                if (name.equals("days")) {
                    junk.put("10^9", "1000000000");
                    junk.put("-10^9", "-1000000000");
                }
            }
            case "boolean" -> junk.put("maybe", "maybe");
            default -> {
                junk.put("Chinese", "海南省人民政府");
                junk.put("2026-13-45", "2026-13-45");
                junk.put("-999999999-01-01", "-999999999-01-01");
                junk.put("8 KB", "w".repeat(8 * 1024));
            }
        }
        if (schema.has("enum")) {
            junk.put("an unknown constant", "NOPE");
            junk.put("a lower-case constant", schema.path("enum").get(0).asText().toLowerCase());
        }
        return junk;
    }

    /** Header junk; the HTTP client itself refuses control characters and non-Latin text in header values. */
    private static Map<String, String> headerJunk() {
        Map<String, String> junk = new LinkedHashMap<>();
        junk.put("empty", "");
        junk.put("300 chars", "h".repeat(300));
        junk.put("6 KB", "k".repeat(6 * 1024));
        junk.put("SQL", "' OR 1=1 --");
        return junk;
    }

    private String path(Operation op, Map<String, String> replaced) {
        String path = op.path();
        for (JsonNode p : op.parameters("path")) {
            String name = p.path("name").asText();
            String value = replaced.containsKey(name) ? replaced.get(name) : segment(pathSample(op, name));
            path = path.replace("{" + name + "}", value);
        }
        return path;
    }

    private String pathSample(Operation op, String name) {
        if (name.equals("code") && op.path().startsWith("/api/v1/catalog/")) {
            return pathSamples.get("itemCode");
        }
        if (name.equals("id") && op.path().startsWith("/api/v1/admin/staff/")) {
            return pathSamples.get("staffId");
        }
        if (name.equals("action") && op.path().contains("/batch/")) {
            return "accept";
        }
        return pathSamples.getOrDefault(name, "1");
    }

    /** Required query parameters with plausible values, so that the one under test is the only bad one. */
    private static String requiredQuery(Operation op) {
        return query(op, null, null);
    }

    private static String query(Operation op, String junkName, String junkValue) {
        StringBuilder query = new StringBuilder();
        for (JsonNode p : op.parameters("query")) {
            String name = p.path("name").asText();
            String value = name.equals(junkName) ? junkValue
                    : p.path("required").asBoolean() ? plausible(name, p.path("schema")) : null;
            if (value != null) {
                query.append(query.isEmpty() ? '?' : '&').append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return query.toString();
    }

    private static String plausible(String name, JsonNode schema) {
        if (schema.path("type").asText().equals("integer")) {
            return "3";
        }
        return name.equals("from") || name.equals("to") ? "2026-11-27" : "fuzz";
    }

    private JsonNode bodySchema(Operation op) {
        JsonNode content = op.spec().path("requestBody").path("content");
        if (content.isMissingNode() || !content.fields().hasNext()) {
            return null;
        }
        JsonNode schema = content.fields().next().getValue().path("schema");
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asText();
            schema = docs.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return schema;
    }

    /** springdoc describes a {@code @RequestPart} file as a binary property of the body. */
    private boolean isMultipart(Operation op) {
        JsonNode schema = bodySchema(op);
        if (schema == null) {
            return false;
        }
        for (JsonNode p : schema.path("properties")) {
            if (p.path("format").asText().equals("binary")) {
                return true;
            }
        }
        return false;
    }

    private static Case multipart(String input, String target, Map<String, String> fields, byte[] file) {
        String boundary = "fuzz" + UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        if (file != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"fuzz.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Case(input, target, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    private static Case withTarget(Case valid, String input, String target) {
        return new Case(input, target, valid.headers(), valid.contentType(), valid.body());
    }

    private static Case withInput(Case c, String input) {
        return new Case(input, c.target(), c.headers(), c.contentType(), c.body());
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Sends one case and records what is wrong with the answer; answers it, or null when there was none. */
    private Api.Response send(Api api, String persona, String method, Operation op, Case c) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + c.target()))
                .timeout(Duration.ofSeconds(30))
                .method(method, c.body() == null ? HttpRequest.BodyPublishers.noBody() : c.body());
        if (c.contentType() != null) {
            request.header("Content-Type", c.contentType());
        }
        c.headers().forEach(request::header);
        if (op.path().startsWith("/api/v1/auth/")) {
            // Failed logins count against the caller's address: each attempt comes from its own, in a range no other test uses.
            int n = forwardedAddress.incrementAndGet();
            request.header("X-Forwarded-For", "198.18." + (n / 250 % 250) + "." + (n % 250 + 1));
        }
        String where = method + " " + op.path() + " as " + persona + " with " + c.input() + " (" + abbreviate(c.target(), 120) + ")";
        requests.incrementAndGet();
        Api.Response r;
        try {
            r = api.send(request);
        } catch (AssertionError e) {
            violations.add(new Violation(where, c.input(), "no answer", String.valueOf(e.getCause())));
            return null;
        }
        synchronized (statuses) {
            statuses.merge(r.status(), 1, Integer::sum);
        }
        check(where, r).ifPresent(problem -> violations.add(new Violation(where, c.input(), r.status() + " " + problem,
                abbreviate(String.valueOf(r.body()), 300))));
        return r;
    }

    /** What is wrong with the answer, if anything. */
    static java.util.Optional<String> check(String where, Api.Response r) {
        String body = r.body() == null ? "" : r.body();
        String contentType = String.valueOf(r.header("Content-Type"));
        boolean text = contentType.contains("json") || contentType.startsWith("text/") || contentType.contains("xml");
        if (text && (body.contains("Exception") || body.contains("at org.") || body.contains("java."))) {
            return java.util.Optional.of("stack trace or class name in the body");
        }
        if (r.status() >= 500) {
            return java.util.Optional.of("server error");
        }
        if (r.status() < 400) {
            return java.util.Optional.empty();
        }
        if (!contentType.startsWith("application/problem+json")) {
            return java.util.Optional.of("Content-Type " + contentType + ", not application/problem+json");
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (java.io.IOException e) {
            return java.util.Optional.of("problem detail is not JSON");
        }
        if (problem == null || problem.path("status").asInt() != r.status() || problem.path("code").asText().isBlank()
                || !problem.hasNonNull("detail")) {
            return java.util.Optional.of("problem detail without status, code or detail");
        }
        return java.util.Optional.empty();
    }

    private static String code(Api.Response r) {
        try {
            return JSON.readTree(r.body()).path("code").asText();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static String abbreviate(String s, int max) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…(" + s.length() + " chars)";
    }
}
