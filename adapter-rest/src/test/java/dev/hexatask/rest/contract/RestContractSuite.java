package dev.hexatask.rest.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The HTTP contract of Hexatask, as a client sees it. Every transport runs this suite by extending it and saying,
 * in {@link #createEnvironment()}, how to reach the API and make users; nothing else differs between runs. Every
 * response is also checked against {@code openapi.yaml}.
 *
 * <p>Tests share one environment per class; each makes its own users, so they never see each other's data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RestContractSuite {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiContract CONTRACT = OpenApiContract.load();
    private static final String REQUEST_ID_PATTERN = "[A-Za-z0-9._~-]{1,128}";

    private ContractEnvironment environment;

    /** The API and its users for this run. Called once per test class. */
    protected abstract ContractEnvironment createEnvironment();

    @BeforeAll
    void startEnvironment() {
        environment = createEnvironment();
    }

    @AfterAll
    void stopEnvironment() throws Exception {
        environment.close();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Client helpers

    /** A response and its body parsed as JSON (a missing node when there is none). */
    protected record Reply(HttpResponse response, JsonNode json) {

        int status() {
            return response.status();
        }

        String header(String name) {
            return response.headers().first(name).orElse(null);
        }

        List<String> errorFields() {
            List<String> fields = new ArrayList<>();
            json.path("errors").forEach(error -> fields.add(error.path("field").asText()));
            return fields;
        }

        String text(String field) {
            return json.path(field).isNull() ? null : json.path(field).asText();
        }
    }

    /** One request being put together. */
    protected final class Call {

        private HttpRequest request;

        private Call(String method, String path) {
            this.request = HttpRequest.of(method, path);
        }

        Call as(ContractUser user) {
            return header("Authorization", user.authorization());
        }

        Call header(String name, String value) {
            request = request.withHeader(name, value);
            return this;
        }

        Call query(String name, String value) {
            request = request.withQueryParameter(name, value);
            return this;
        }

        Call json(Object body) {
            try {
                return body(JSON.writeValueAsBytes(body), "application/json");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Call body(byte[] content, String contentType) {
            request = request.withBody(content);
            return contentType == null ? this : header("Content-Type", contentType);
        }

        Reply send() {
            HttpResponse response = environment.client().send(request);
            assertThat(CONTRACT.violations(request, response))
                    .as("%s %s answered %s, which openapi.yaml does not allow", request.method(), request.path(),
                            response.status())
                    .isEmpty();
            assertThat(response.headers().first("X-Request-Id")).hasValueSatisfying(
                    id -> assertThat(id).matches(REQUEST_ID_PATTERN));
            JsonNode json;
            try {
                json = response.body().length == 0 ? JSON.missingNode() : JSON.readTree(response.body());
            } catch (IOException e) {
                throw new AssertionError("the body is not JSON: " + response.bodyText(), e);
            }
            if (response.headers().first("Content-Type").orElse("").equals("application/problem+json")) {
                assertThat(json.path("status").asInt()).isEqualTo(response.status());
                assertThat(json.path("instance").asText()).isEqualTo(response.headers().first("X-Request-Id")
                        .orElseThrow());
                assertNoLeak(response.bodyText());
            }
            return new Reply(response, json);
        }
    }

    protected Call call(String method, String path) {
        return new Call(method, path);
    }

    protected ContractUser newUser() {
        return environment.newUser();
    }

    protected static ObjectNode object(Object... namesAndValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            node.set((String) namesAndValues[i], JSON.valueToTree(namesAndValues[i + 1]));
        }
        return node;
    }

    protected Reply createTask(ContractUser user, Object body) {
        Reply reply = call("POST", "/tasks").as(user).json(body).send();
        assertThat(reply.status()).as(reply.response().bodyText()).isEqualTo(201);
        return reply;
    }

    protected Reply createTask(ContractUser user, String title) {
        return createTask(user, object("title", title));
    }

    protected static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void assertNoLeak(String body) {
        assertThat(body).doesNotContain("Exception", "at dev.", "at java.", "java.lang", "SELECT ", "INSERT ",
                "com.fasterxml", "dev.hexatask");
    }

    private static void assertProblem(Reply reply, int status, String type) {
        assertThat(reply.status()).as(reply.response().bodyText()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(reply.json().path("type").asText()).isEqualTo("urn:hexatask:problem:" + type);
        assertThat(reply.json().path("title").asText()).isNotBlank();
        assertThat(reply.json().path("detail").asText()).isNotBlank();
    }

    private static void assertInvalid(Reply reply, String... fields) {
        assertProblem(reply, 400, "validation-error");
        assertThat(reply.errorFields()).containsExactlyInAnyOrder(fields);
        reply.json().path("errors").forEach(error -> {
            assertThat(error.path("message").asText()).isNotBlank();
            assertThat(error.path("rule").asText()).isNotBlank();
        });
    }

    // ---------------------------------------------------------------------------------------------------------

    @Nested
    class Health {

        @Test
        void answersUpWithoutAToken() {
            Reply reply = call("GET", "/health").send();
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json()).isEqualTo(object("status", "UP", "database", "UP"));
        }

        @Test
        void answers503WhileTheDatabaseCannotBeReached() {
            assumeTrue(environment.setDatabaseReachable(false), "this environment cannot cut its database off");
            try {
                Reply reply = call("GET", "/health").send();
                assertThat(reply.status()).isEqualTo(503);
                assertThat(reply.json()).isEqualTo(object("status", "DOWN", "database", "DOWN"));
            } finally {
                environment.setDatabaseReachable(true);
            }
            assertThat(healthOnceTheDatabaseIsBack()).isEqualTo(200);
        }

        /** A pool whose connections were cut reconnects on its own, though not always by the very next request. */
        private int healthOnceTheDatabaseIsBack() {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            int status;
            do {
                status = call("GET", "/health").send().status();
                if (status == 200) {
                    return status;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return status;
                }
            } while (System.nanoTime() < deadline);
            return status;
        }

        @Test
        void refusesQueryParameters() {
            assertInvalid(call("GET", "/health").query("verbose", "true").send(), "verbose");
        }
    }

    @Nested
    class Authentication {

        private final List<String[]> securedRoutes = List.of(new String[] {"GET", "/me"},
                new String[] {"PUT", "/me"}, new String[] {"POST", "/tasks"}, new String[] {"GET", "/tasks"},
                new String[] {"GET", "/tasks/summary"}, new String[] {"GET", "/tasks/" + UUID.randomUUID()},
                new String[] {"PATCH", "/tasks/" + UUID.randomUUID()},
                new String[] {"DELETE", "/tasks/" + UUID.randomUUID()});

        @Test
        void everyRouteButHealthNeedsAToken() {
            for (String[] route : securedRoutes) {
                Reply reply = call(route[0], route[1]).json(object("title", "x")).send();
                assertProblem(reply, 401, "unauthorized");
                assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
            }
        }

        @Test
        void everyBadTokenGetsTheSameAnswer() {
            List<String> bodies = new ArrayList<>();
            for (String authorization : List.of("Bearer not-a-token", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer",
                    "bearer " + UUID.randomUUID(), "Bearer a.b.c")) {
                Reply reply = call("GET", "/tasks").header("Authorization", authorization).send();
                assertProblem(reply, 401, "unauthorized");
                assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
                bodies.add(((ObjectNode) reply.json()).without("instance").toString());
            }
            assertThat(new HashSet<>(bodies)).hasSize(1);
        }

        @Test
        void anUnknownPathIsNotFoundEvenWithoutAToken() {
            assertProblem(call("GET", "/nowhere").send(), 404, "not-found");
        }
    }

    @Nested
    class Routing {

        @Test
        void unknownPathsAreNotFound() {
            ContractUser user = newUser();
            List<String> paths = new ArrayList<>(List.of("/", "/taskz", "/tasks/", "/tasks/summary/x", "//tasks",
                    "/me/x"));
            if (environment.carriesMalformedEscapes()) {
                paths.add("/tasks/%zz");
            }
            for (String path : paths) {
                assertProblem(call("GET", path).as(user).send(), 404, "not-found");
            }
        }

        @Test
        void aWrongMethodIs405WithAllow() {
            ContractUser user = newUser();
            Reply reply = call("PUT", "/tasks").as(user).send();
            assertProblem(reply, 405, "method-not-allowed");
            assertThat(reply.header("Allow")).isEqualTo("POST, GET, OPTIONS");
            assertThat(call("DELETE", "/me").as(user).send().header("Allow")).isEqualTo("GET, PUT, OPTIONS");
            assertThat(call("POST", "/tasks/" + UUID.randomUUID()).send().header("Allow"))
                    .isEqualTo("GET, PATCH, DELETE, OPTIONS");
            assertThat(call("POST", "/health").send().status()).isEqualTo(405);
        }

        @Test
        void everyRouteRefusesUnknownQueryParameters() {
            ContractUser user = newUser();
            String id = createTask(user, "Queried").text("id");
            for (String[] route : List.of(new String[] {"GET", "/me"}, new String[] {"PUT", "/me"},
                    new String[] {"POST", "/tasks"}, new String[] {"GET", "/tasks/summary"},
                    new String[] {"GET", "/tasks/" + id}, new String[] {"PATCH", "/tasks/" + id},
                    new String[] {"DELETE", "/tasks/" + id})) {
                Reply reply = call(route[0], route[1]).as(user).header("If-Match", "\"1\"").query("debug", "1")
                        .json(object("title", "Changed")).send();
                assertInvalid(reply, "debug");
            }
            Reply unchanged = call("GET", "/tasks/" + id).as(user).send();
            assertThat(unchanged.text("title")).isEqualTo("Queried");
            assertThat(call("GET", "/tasks").as(user).send().json().path("items")).hasSize(1);
        }

        @Test
        void aRequestIdIsGeneratedEchoedOrReplaced() {
            Reply generated = call("GET", "/health").send();
            assertThat(generated.header("X-Request-Id")).isNotBlank();
            assertThat(call("GET", "/health").send().header("X-Request-Id"))
                    .isNotEqualTo(generated.header("X-Request-Id"));
            Reply echoed = call("GET", "/nowhere").header("X-Request-Id", "client-id-42").send();
            String expected = environment.transportAssignsRequestIds() ? echoed.header("X-Request-Id")
                    : "client-id-42";
            assertThat(echoed.header("X-Request-Id")).isEqualTo(expected).matches(REQUEST_ID_PATTERN);
            assertThat(echoed.json().path("instance").asText()).isEqualTo(expected);
            if (environment.transportAssignsRequestIds()) {
                assertThat(expected).isNotEqualTo("client-id-42");
            }
            for (String bad : List.of("with space", "x".repeat(129), "quote\"d", "<script>", "")) {
                assertThat(call("GET", "/health").header("X-Request-Id", bad).send().header("X-Request-Id"))
                        .isNotEqualTo(bad).matches(REQUEST_ID_PATTERN);
            }
        }

        @Test
        void everyResponseCarriesTheSecurityHeaders() {
            ContractUser user = newUser();
            for (Reply reply : List.of(call("GET", "/health").send(), call("GET", "/me").as(user).send(),
                    call("GET", "/tasks").send(), call("PUT", "/tasks").as(user).send())) {
                assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
                assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
                assertThat(reply.header("Referrer-Policy")).isEqualTo("no-referrer");
                assertThat(reply.header("Vary")).isEqualTo("Origin");
            }
        }
    }

    @Nested
    class Cors {

        @Test
        void aPreflightFromAnAllowedOriginIsGranted() {
            String origin = environment.allowedOrigin();
            Reply reply = call("OPTIONS", "/tasks/" + UUID.randomUUID()).header("Origin", origin)
                    .header("Access-Control-Request-Method", "PATCH")
                    .header("Access-Control-Request-Headers", "authorization, if-match, content-type").send();
            assertThat(reply.status()).isEqualTo(204);
            assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(origin);
            assertThat(reply.header("Access-Control-Allow-Methods")).isEqualTo("GET, PATCH, DELETE, OPTIONS");
            assertThat(reply.header("Access-Control-Allow-Headers"))
                    .contains("Authorization", "If-Match", "Content-Type", "Idempotency-Key");
            assertThat(Integer.parseInt(reply.header("Access-Control-Max-Age"))).isPositive();
            assertThat(reply.header("Vary")).isEqualTo("Origin");
        }

        @Test
        void aPreflightFromAnotherOriginIsRefused() {
            Reply reply = call("OPTIONS", "/tasks").header("Origin", "https://evil.example")
                    .header("Access-Control-Request-Method", "POST").send();
            assertProblem(reply, 403, "origin-not-allowed");
            assertThat(reply.header("Access-Control-Allow-Origin")).isNull();
        }

        @Test
        void plainOptionsListsTheMethods() {
            Reply reply = call("OPTIONS", "/me").send();
            assertThat(reply.status()).isEqualTo(204);
            assertThat(reply.header("Allow")).isEqualTo("GET, PUT, OPTIONS");
        }

        @Test
        void errorResponsesCarryCorsHeadersToo() {
            String origin = environment.allowedOrigin();
            Reply reply = call("GET", "/tasks").header("Origin", origin).send();
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(origin);
            assertThat(reply.header("Access-Control-Expose-Headers"))
                    .contains("ETag", "Location", "X-Request-Id", "Idempotent-Replayed", "Retry-After");
            assertThat(call("GET", "/health").header("Origin", "https://evil.example").send()
                    .header("Access-Control-Allow-Origin")).isNull();
        }
    }

    @Nested
    class Profile {

        @Test
        void identityComesFromTheTokenAndPreferencesHaveDefaults() {
            ContractUser user = newUser();
            Reply reply = call("GET", "/me").as(user).send();
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.text("sub")).isEqualTo(user.sub());
            assertThat(reply.text("username")).isEqualTo(user.username());
            assertThat(reply.text("email")).isEqualTo(user.email().orElse(null));
            assertThat(reply.json().path("displayName").isNull()).isTrue();
            assertThat(reply.text("timeZone")).isEqualTo("UTC");
        }

        @Test
        void putReplacesThePreferences() {
            ContractUser user = newUser();
            Reply put = call("PUT", "/me").as(user).json(object("displayName", "  Ada  ", "timeZone",
                    "Europe/Paris")).send();
            assertThat(put.status()).isEqualTo(200);
            assertThat(put.text("displayName")).isEqualTo("Ada");
            assertThat(call("GET", "/me").as(user).send().json()).isEqualTo(put.json());
            Reply reset = call("PUT", "/me").as(user).json(object()).send();
            assertThat(reset.json().path("displayName").isNull()).isTrue();
            assertThat(reset.text("timeZone")).isEqualTo("UTC");
            call("PUT", "/me").as(user).json(object("displayName", "Ada", "timeZone", "Asia/Tokyo")).send();
            Reply nulls = call("PUT", "/me").as(user).json(object("displayName", null, "timeZone", null)).send();
            assertThat(nulls.json()).isEqualTo(reset.json());
        }

        @Test
        void everyBadFieldIsReported() {
            ContractUser user = newUser();
            assertInvalid(call("PUT", "/me").as(user).json(object("displayName", " ", "timeZone", "+02:00")).send(),
                    "displayName", "timeZone");
            assertInvalid(call("PUT", "/me").as(user).json(object("displayName", 7, "timeZone", List.of())).send(),
                    "displayName", "timeZone");
            assertInvalid(call("PUT", "/me").as(user).json(object("sub", "someone-else", "email", "x@y.z",
                    "nickname", "x")).send(), "sub", "email", "nickname");
            assertThat(call("GET", "/me").as(user).send().text("sub")).isEqualTo(user.sub());
        }

        @Test
        void theBodyMustBeJson() {
            ContractUser user = newUser();
            assertProblem(call("PUT", "/me").as(user).body("{}".getBytes(StandardCharsets.UTF_8), "text/plain")
                    .send(), 415, "unsupported-media-type");
            assertProblem(call("PUT", "/me").as(user).body("{".getBytes(StandardCharsets.UTF_8),
                    "application/json").send(), 400, "malformed-body");
            assertProblem(call("PUT", "/me").as(user).body(new byte[64 * 1024 + 1], "application/json").send(),
                    413, "body-too-large");
        }
    }

    @Nested
    class CreateTask {

        @Test
        void createsWithDefaultsLocationAndETag() {
            ContractUser user = newUser();
            Reply reply = createTask(user, "  Water the plants ");
            String id = reply.text("id");
            assertThat(reply.header("Location")).isEqualTo("tasks/" + id);
            assertThat(reply.header("ETag")).isEqualTo("\"1\"");
            assertThat(reply.header("Idempotent-Replayed")).isNull();
            assertThat(reply.text("title")).isEqualTo("Water the plants");
            assertThat(reply.text("status")).isEqualTo("TODO");
            assertThat(reply.text("priority")).isEqualTo("MEDIUM");
            assertThat(reply.json().path("version").asLong()).isEqualTo(1);
            assertThat(reply.json().path("completedAt").isNull()).isTrue();
            Reply fetched = call("GET", "/" + reply.header("Location")).as(user).send();
            assertThat(fetched.status()).isEqualTo(200);
            assertThat(fetched.json()).isEqualTo(reply.json());
            assertThat(fetched.header("ETag")).isEqualTo("\"1\"");
        }

        @Test
        void takesEveryWritableField() {
            ContractUser user = newUser();
            Reply reply = createTask(user, object("title", "Ship", "description", "line one\nline two",
                    "status", "DONE", "priority", "HIGH", "dueDate", "2026-12-31", "tags", List.of("Work", "urgent",
                            "work")));
            assertThat(reply.text("description")).isEqualTo("line one\nline two");
            assertThat(reply.text("status")).isEqualTo("DONE");
            assertThat(reply.text("priority")).isEqualTo("HIGH");
            assertThat(reply.text("dueDate")).isEqualTo("2026-12-31");
            assertThat(reply.json().path("tags")).isEqualTo(JSON.valueToTree(List.of("work", "urgent")));
            assertThat(reply.json().path("completedAt").isTextual()).isTrue();
        }

        @Test
        void reportsEveryBrokenRuleAtOnce() {
            ContractUser user = newUser();
            assertInvalid(call("POST", "/tasks").as(user).json(object("title", "", "status", "NOPE", "priority",
                    "urgent", "dueDate", "2026-13-01", "tags", List.of("ok", "Bad Tag"))).send(),
                    "title", "status", "priority", "dueDate", "tags[1]");
            assertInvalid(call("POST", "/tasks").as(user).json(object("title", 5, "tags", "x", "description",
                    true, "dueDate", List.of())).send(), "title", "tags", "description", "dueDate");
            assertInvalid(call("POST", "/tasks").as(user).json(object("title", "x", "tags", List.of("a", 1))).send(),
                    "tags[1]");
            assertInvalid(call("POST", "/tasks").as(user).json(object("description", "no title")).send(), "title");
            assertThat(call("GET", "/tasks").as(user).send().json().path("items")).isEmpty();
        }

        @Test
        void refusesServerOwnedFields() {
            ContractUser user = newUser();
            for (String field : List.of("id", "owner", "version", "createdAt", "updatedAt", "completedAt")) {
                Reply reply = call("POST", "/tasks").as(user).json(object("title", "Mine", field, "2026-01-01"))
                        .send();
                assertInvalid(reply, field);
                assertThat(reply.json().path("errors").get(0).path("rule").asText()).isEqualTo("read_only");
            }
            assertInvalid(call("POST", "/tasks").as(user).json(object("title", "x", "Title", "y", "colour", "red"))
                    .send(), "Title", "colour");
            assertThat(call("GET", "/tasks").as(user).send().json().path("items")).isEmpty();
        }

        @Test
        void refusesBodiesThatAreNotOneJsonObject() {
            ContractUser user = newUser();
            for (String body : List.of("", "   ", "{", "[]", "\"title\"", "null", "{\"title\":\"a\"} {}",
                    "{\"title\":\"a\",\"title\":\"b\"}", "{'title':'a'}", "{\"title\":\"a\",}",
                    "{\"title\":\"a\"/*c*/}", "\uFEFF{\"title\":\"a\"}", "{\"title\":NaN}",
                    "{\"tags\":" + "[".repeat(5000) + "]".repeat(5000) + "}")) {
                assertProblem(call("POST", "/tasks").as(user).body(body.getBytes(StandardCharsets.UTF_8),
                        "application/json").send(), 400, "malformed-body");
            }
            for (byte[] invalidUtf8 : List.of(new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xC3, '"', '}'},
                    new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},
                    new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'})) {
                assertProblem(call("POST", "/tasks").as(user).body(invalidUtf8, "application/json").send(), 400,
                        "malformed-body");
            }
            assertThat(call("GET", "/tasks").as(user).send().json().path("items")).isEmpty();
        }

        @Test
        void checksContentTypeAndSize() {
            ContractUser user = newUser();
            byte[] body = "{\"title\":\"a\"}".getBytes(StandardCharsets.UTF_8);
            for (String contentType : List.of("text/plain", "application/xml", "application/json; charset=latin1",
                    "application/merge-patch+json", "application/jsonx")) {
                assertProblem(call("POST", "/tasks").as(user).body(body, contentType).send(), 415,
                        "unsupported-media-type");
            }
            assertProblem(call("POST", "/tasks").as(user).body(body, null).send(), 415, "unsupported-media-type");
            assertThat(call("POST", "/tasks").as(user).body(body, "Application/JSON; charset=UTF-8").send()
                    .status()).isEqualTo(201);

            String padded = "{\"title\":\"padded\"}";
            byte[] atLimit = (padded + " ".repeat(64 * 1024 - padded.length())).getBytes(StandardCharsets.UTF_8);
            assertThat(call("POST", "/tasks").as(user).body(atLimit, "application/json").send().status())
                    .isEqualTo(201);
            byte[] overLimit = (padded + " ".repeat(64 * 1024 + 1 - padded.length()))
                    .getBytes(StandardCharsets.UTF_8);
            assertProblem(call("POST", "/tasks").as(user).body(overLimit, "application/json").send(), 413,
                    "body-too-large");
        }
    }

    @Nested
    class Idempotency {

        @Test
        void theSameKeyAndBodyReplayTheFirstResponse() {
            ContractUser user = newUser();
            String key = UUID.randomUUID().toString();
            Reply first = call("POST", "/tasks").as(user).header("Idempotency-Key", key).json(object("title",
                    "Once")).send();
            assertThat(first.status()).isEqualTo(201);
            Reply again = call("POST", "/tasks").as(user).header("Idempotency-Key", "\"" + key + "\"")
                    .json(object("title", "Once")).send();
            assertThat(again.status()).isEqualTo(201);
            assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(again.header("Location")).isEqualTo(first.header("Location"));
            assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
            assertThat(again.json()).isEqualTo(first.json());
            assertThat(call("GET", "/tasks").as(user).send().json().path("items")).hasSize(1);
        }

        @Test
        void theSameKeyWithAnotherBodyIs422() {
            ContractUser user = newUser();
            String key = UUID.randomUUID().toString();
            createTaskWithKey(user, key, "First");
            assertProblem(call("POST", "/tasks").as(user).header("Idempotency-Key", key).json(object("title",
                    "Second")).send(), 422, "idempotency-key-reused");
            assertThat(call("GET", "/tasks").as(user).send().json().path("items")).hasSize(1);
        }

        @Test
        void keysBelongToOneUser() {
            ContractUser alice = newUser();
            ContractUser bob = newUser();
            String key = UUID.randomUUID().toString();
            Reply hers = createTaskWithKey(alice, key, "Same");
            Reply his = createTaskWithKey(bob, key, "Same");
            assertThat(his.header("Idempotent-Replayed")).isNull();
            assertThat(his.text("id")).isNotEqualTo(hers.text("id"));
        }

        @Test
        void aMalformedKeyIsRefused() {
            ContractUser user = newUser();
            for (String key : List.of("k".repeat(256), "with space", "")) {
                assertInvalid(call("POST", "/tasks").as(user).header("Idempotency-Key", key).json(object("title",
                        "x")).send(), "Idempotency-Key");
            }
            assertInvalid(call("POST", "/tasks").as(user).header("Idempotency-Key", "a").header("Idempotency-Key",
                    "b").json(object("title", "x")).send(), "Idempotency-Key");
            assertThat(call("GET", "/tasks").as(user).send().json().path("items")).isEmpty();
        }

        @Test
        void twentyParallelPostsWithOneKeyCreateOneTask() throws Exception {
            ContractUser user = newUser();
            String key = UUID.randomUUID().toString();
            List<Reply> replies = inParallel(20, i -> call("POST", "/tasks").as(user).header("Idempotency-Key", key)
                    .json(object("title", "Exactly once")).send());
            List<Reply> created = replies.stream().filter(reply -> reply.status() == 201).toList();
            assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).isIn(201, 409));
            assertThat(created).isNotEmpty();
            assertThat(created.stream().map(reply -> reply.text("id")).distinct()).hasSize(1);
            assertThat(created.stream().filter(reply -> reply.header("Idempotent-Replayed") == null)).hasSize(1);
            assertThat(call("GET", "/tasks").as(user).send().json().path("items")).hasSize(1);
        }

        private Reply createTaskWithKey(ContractUser user, String key, String title) {
            Reply reply = call("POST", "/tasks").as(user).header("Idempotency-Key", key).json(object("title", title))
                    .send();
            assertThat(reply.status()).isEqualTo(201);
            return reply;
        }
    }

    @Nested
    class ReadTask {

        @Test
        void aMalformedIdIs400AndAnUnknownOne404() {
            ContractUser user = newUser();
            assertInvalid(call("GET", "/tasks/not-a-uuid").as(user).send(), "id");
            assertInvalid(call("GET", "/tasks/1-1-1-1-1").as(user).send(), "id");
            assertProblem(call("GET", "/tasks/" + UUID.randomUUID()).as(user).send(), 404, "not-found");
        }

        @Test
        void summaryCountsByStatusAndOverdue() {
            ContractUser user = newUser();
            createTask(user, object("title", "a"));
            createTask(user, object("title", "b", "status", "IN_PROGRESS", "dueDate", "2000-01-01"));
            createTask(user, object("title", "c", "status", "DONE", "dueDate", "2000-01-01"));
            Reply reply = call("GET", "/tasks/summary").as(user).send();
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json()).isEqualTo(object("todo", 1, "inProgress", 1, "done", 1, "overdue", 1,
                    "total", 3));
            assertInvalid(call("GET", "/tasks/summary").as(user).query("status", "DONE").send(), "status");
        }
    }

    @Nested
    class ListTasks {

        @Test
        void filtersAndSorts() {
            ContractUser user = newUser();
            createTask(user, object("title", "Buy milk", "tags", List.of("home"), "priority", "LOW"));
            createTask(user, object("title", "Write report", "status", "IN_PROGRESS", "dueDate", "2000-01-01",
                    "priority", "HIGH"));
            createTask(user, object("title", "File taxes", "status", "DONE", "dueDate", "2099-04-15",
                    "description", "before the MILK runs out"));
            assertThat(titles(call("GET", "/tasks").as(user).send()))
                    .containsExactly("File taxes", "Write report", "Buy milk");
            assertThat(titles(call("GET", "/tasks").as(user).query("status", "TODO").query("status", "DONE")
                    .send())).containsExactlyInAnyOrder("Buy milk", "File taxes");
            assertThat(titles(call("GET", "/tasks").as(user).query("tag", "HOME").send())).containsExactly("Buy milk");
            assertThat(titles(call("GET", "/tasks").as(user).query("q", "milk").send()))
                    .containsExactlyInAnyOrder("Buy milk", "File taxes");
            assertThat(titles(call("GET", "/tasks").as(user).query("overdue", "true").send()))
                    .containsExactly("Write report");
            assertThat(titles(call("GET", "/tasks").as(user).query("dueAfter", "2000-01-01").send()))
                    .containsExactly("File taxes");
            assertThat(titles(call("GET", "/tasks").as(user).query("dueBefore", "2000-01-02").send()))
                    .containsExactly("Write report");
            assertThat(titles(call("GET", "/tasks").as(user).query("sort", "priority").send()))
                    .containsExactly("Write report", "File taxes", "Buy milk");
            assertThat(titles(call("GET", "/tasks").as(user).query("sort", "dueDate").send()))
                    .containsExactly("Write report", "File taxes", "Buy milk");
        }

        @Test
        void refusesUnknownRepeatedAndBadParameters() {
            ContractUser user = newUser();
            assertInvalid(call("GET", "/tasks").as(user).query("colour", "red").query("page", "2").send(),
                    "colour", "page");
            assertInvalid(call("GET", "/tasks").as(user).query("limit", "5").query("limit", "6").send(), "limit");
            assertInvalid(call("GET", "/tasks").as(user).query("limit", "0").query("sort", "title")
                    .query("status", "OPEN").query("overdue", "yes").query("dueBefore", "tomorrow")
                    .query("dueAfter", "2026-02-30").query("tag", "no spaces").query("q", "").send(),
                    "limit", "sort", "status", "overdue", "dueBefore", "dueAfter", "tag", "q");
            assertInvalid(call("GET", "/tasks").as(user).query("cursor", "forged").send(), "cursor");
            assertInvalid(call("GET", "/tasks").as(user).query("limit", "101").send(), "limit");
        }

        @Test
        void aPaginationWalkSeesEveryTaskOnceWhileOthersAreInserted() throws Exception {
            ContractUser user = newUser();
            Set<String> before = new HashSet<>();
            for (int i = 0; i < 25; i++) {
                before.add(createTask(user, object("title", "task " + i, "priority", List.of("LOW", "MEDIUM",
                        "HIGH").get(i % 3))).text("id"));
            }
            for (String sort : List.of("created", "priority", "dueDate")) {
                AtomicBoolean walking = new AtomicBoolean(true);
                CountDownLatch insertingAlready = new CountDownLatch(1);
                ExecutorService inserter = Executors.newSingleThreadExecutor();
                Future<Integer> inserted = inserter.submit(() -> {
                    int count = 0;
                    do {
                        createTask(user, object("title", "inserted meanwhile " + sort + " " + count++));
                        insertingAlready.countDown();
                    } while (walking.get() && count < 50);
                    return count;
                });
                assertThat(insertingAlready.await(30, TimeUnit.SECONDS)).isTrue();
                List<String> seen = new ArrayList<>();
                String cursor = null;
                int pages = 0;
                do {
                    Call page = call("GET", "/tasks").as(user).query("sort", sort).query("limit", "4");
                    if (cursor != null) {
                        page.query("cursor", cursor);
                    }
                    Reply reply = page.send();
                    assertThat(reply.status()).isEqualTo(200);
                    reply.json().path("items").forEach(item -> seen.add(item.path("id").asText()));
                    cursor = reply.json().path("nextCursor").isNull() ? null : reply.text("nextCursor");
                    // Besides the thread's inserts, one between every two pages, whatever the scheduling.
                    createTask(user, object("title", "inserted between pages", "priority", "HIGH",
                            "dueDate", "2000-01-01"));
                    assertThat(++pages).isLessThan(100);
                } while (cursor != null);
                walking.set(false);
                assertThat(inserted.get(30, TimeUnit.SECONDS)).isPositive();
                inserter.shutdown();
                assertThat(seen).as("sort %s", sort).doesNotHaveDuplicates().containsAll(before);
                before.addAll(seen);
            }
        }

        private List<String> titles(Reply reply) {
            assertThat(reply.status()).as(reply.response().bodyText()).isEqualTo(200);
            List<String> titles = new ArrayList<>();
            reply.json().path("items").forEach(item -> titles.add(item.path("title").asText()));
            return titles;
        }
    }

    @Nested
    class UpdateTask {

        @Test
        void needsIfMatch() {
            ContractUser user = newUser();
            Reply task = createTask(user, "Needs a precondition");
            assertProblem(call("PATCH", "/tasks/" + task.text("id")).as(user).json(object("title", "x")).send(),
                    428, "precondition-required");
            assertThat(get(user, task).json()).isEqualTo(task.json());
        }

        @Test
        void aStaleOrWeakETagIs412WithTheCurrentETag() {
            ContractUser user = newUser();
            Reply task = createTask(user, "Version one");
            String path = "/tasks/" + task.text("id");
            assertThat(patch(user, path, "\"1\"", object("title", "Version two")).status()).isEqualTo(200);
            for (String stale : List.of("\"1\"", "W/\"2\"", "\"7\", \"9\"", "\"abc\"")) {
                Reply reply = patch(user, path, stale, object("title", "Lost update"));
                assertProblem(reply, 412, "precondition-failed");
                assertThat(reply.header("ETag")).isEqualTo("\"2\"");
            }
            assertThat(get(user, task).text("title")).isEqualTo("Version two");
            assertInvalid(patch(user, path, "2", object("title", "x")), "If-Match");
        }

        @Test
        void changesOnlyWhatIsSentAndNullClears() {
            ContractUser user = newUser();
            Reply task = createTask(user, object("title", "Full", "description", "text", "dueDate", "2030-01-01",
                    "tags", List.of("a"), "priority", "HIGH"));
            String path = "/tasks/" + task.text("id");
            Reply changed = patch(user, path, "\"1\"", object("status", "DONE", "description", null, "dueDate", null,
                    "tags", null));
            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.header("ETag")).isEqualTo("\"2\"");
            assertThat(changed.text("title")).isEqualTo("Full");
            assertThat(changed.text("priority")).isEqualTo("HIGH");
            assertThat(changed.text("status")).isEqualTo("DONE");
            assertThat(changed.json().path("description").isNull()).isTrue();
            assertThat(changed.json().path("dueDate").isNull()).isTrue();
            assertThat(changed.json().path("tags")).isEmpty();
            assertThat(changed.json().path("completedAt").isTextual()).isTrue();
            assertThat(get(user, task).json()).isEqualTo(changed.json());

            Reply any = call("PATCH", path).as(user).header("If-Match", "*")
                    .body("{\"priority\":\"LOW\"}".getBytes(StandardCharsets.UTF_8), "application/merge-patch+json")
                    .send();
            assertThat(any.status()).isEqualTo(200);
            assertThat(any.header("ETag")).isEqualTo("\"3\"");
            assertThat(patch(user, path, "\"1\", \"3\"", object("priority", "MEDIUM")).header("ETag"))
                    .isEqualTo("\"4\"");
        }

        @Test
        void reportsEveryBadFieldAndChangesNothing() {
            ContractUser user = newUser();
            Reply task = createTask(user, "Stays");
            String path = "/tasks/" + task.text("id");
            assertInvalid(patch(user, path, "\"1\"", object("title", null, "status", null, "priority", "NONE",
                    "tags", List.of("x y"))), "title", "status", "priority", "tags[0]");
            assertInvalid(patch(user, path, "\"1\"", object("title", 1, "tags", "x")), "title", "tags");
            for (String field : List.of("id", "owner", "version", "createdAt", "updatedAt", "completedAt")) {
                assertInvalid(patch(user, path, "\"1\"", object(field, "2030-01-01T00:00:00Z")), field);
            }
            assertProblem(call("PATCH", path).as(user).header("If-Match", "\"1\"")
                    .body("{\"title\":".getBytes(StandardCharsets.UTF_8), "application/json").send(), 400,
                    "malformed-body");
            assertProblem(call("PATCH", path).as(user).header("If-Match", "\"1\"")
                    .body("{}".getBytes(StandardCharsets.UTF_8), "text/plain").send(), 415, "unsupported-media-type");
            assertInvalid(patch(user, "/tasks/nope", "\"1\"", object("title", "x")), "id");
            assertThat(get(user, task).json()).isEqualTo(task.json());
        }

        @Test
        void twentyParallelPatchesWithOneIfMatchGiveOne200() throws Exception {
            ContractUser user = newUser();
            Reply task = createTask(user, "Contended");
            String path = "/tasks/" + task.text("id");
            List<Reply> replies = inParallel(20, i -> patch(user, path, "\"1\"", object("title", "Writer " + i)));
            assertThat(replies.stream().filter(reply -> reply.status() == 200)).hasSize(1);
            assertThat(replies.stream().filter(reply -> reply.status() == 412)).hasSize(19);
            Reply winner = replies.stream().filter(reply -> reply.status() == 200).findFirst().orElseThrow();
            assertThat(get(user, task).json()).isEqualTo(winner.json());
            assertThat(winner.header("ETag")).isEqualTo("\"2\"");
        }

        private Reply patch(ContractUser user, String path, String ifMatch, Object body) {
            return call("PATCH", path).as(user).header("If-Match", ifMatch).json(body).send();
        }
    }

    @Nested
    class DeleteTask {

        @Test
        void deletesAndThenItIsGone() {
            ContractUser user = newUser();
            Reply task = createTask(user, "Short-lived");
            String path = "/tasks/" + task.text("id");
            Reply deleted = call("DELETE", path).as(user).send();
            assertThat(deleted.status()).isEqualTo(204);
            assertThat(deleted.response().body()).isEmpty();
            assertProblem(call("GET", path).as(user).send(), 404, "not-found");
            assertProblem(call("DELETE", path).as(user).send(), 404, "not-found");
        }

        @Test
        void honoursIfMatch() {
            ContractUser user = newUser();
            Reply task = createTask(user, "Guarded");
            String path = "/tasks/" + task.text("id");
            Reply stale = call("DELETE", path).as(user).header("If-Match", "\"5\"").send();
            assertProblem(stale, 412, "precondition-failed");
            assertThat(stale.header("ETag")).isEqualTo("\"1\"");
            assertThat(get(user, task).status()).isEqualTo(200);
            assertThat(call("DELETE", path).as(user).header("If-Match", "\"1\"").send().status()).isEqualTo(204);
            assertThat(call("GET", path).as(user).send().status()).isEqualTo(404);
        }

        @Test
        void aMalformedIdIs400() {
            assertInvalid(call("DELETE", "/tasks/123").as(newUser()).send(), "id");
        }
    }

    @Nested
    class Isolation {

        @Test
        void anotherUsersTaskIsNotFoundOnEveryRouteAndNothingChanges() {
            ContractUser alice = newUser();
            ContractUser bob = newUser();
            Reply task = createTask(alice, object("title", "Alice's secret", "tags", List.of("private")));
            String path = "/tasks/" + task.text("id");

            assertProblem(call("GET", path).as(bob).send(), 404, "not-found");
            assertProblem(call("PATCH", path).as(bob).header("If-Match", "\"1\"").json(object("title", "Bob's"))
                    .send(), 404, "not-found");
            assertProblem(call("PATCH", path).as(bob).header("If-Match", "*").json(object("title", "Bob's"))
                    .send(), 404, "not-found");
            assertProblem(call("PATCH", path).as(bob).header("If-Match", "\"1\", \"2\"").json(object("title", "B"))
                    .send(), 404, "not-found");
            assertProblem(call("DELETE", path).as(bob).send(), 404, "not-found");
            assertProblem(call("DELETE", path).as(bob).header("If-Match", "\"1\"").send(), 404, "not-found");
            assertProblem(call("DELETE", path).as(bob).header("If-Match", "\"1\", \"2\"").send(), 404, "not-found");
            assertThat(call("GET", "/tasks").as(bob).send().json().path("items")).isEmpty();
            assertThat(call("GET", "/tasks").as(bob).query("q", "secret").send().json().path("items")).isEmpty();
            assertThat(call("GET", "/tasks").as(bob).query("tag", "private").send().json().path("items")).isEmpty();
            assertThat(call("GET", "/tasks/summary").as(bob).send().json().path("total").asInt()).isZero();

            Reply after = get(alice, task);
            assertThat(after.json()).isEqualTo(task.json());
            assertThat(after.header("ETag")).isEqualTo("\"1\"");
        }

        @Test
        void aCursorIssuedToAnotherUserIsRefused() {
            ContractUser alice = newUser();
            for (int i = 0; i < 3; i++) {
                createTask(alice, "page " + i);
            }
            String cursor = call("GET", "/tasks").as(alice).query("limit", "1").send().text("nextCursor");
            assertThat(cursor).isNotNull();
            assertInvalid(call("GET", "/tasks").as(newUser()).query("limit", "1").query("cursor", cursor).send(),
                    "cursor");
        }
    }

    @Nested
    class NaughtyStrings {

        /** Every BLNS string in every text input: accepted ones come back exactly, the rest are a 4xx problem. */
        @Test
        void bodyFieldsRoundTripOrAreRefused() {
            ContractUser user = newUser();
            for (String naughty : naughtyStrings()) {
                Reply titled = call("POST", "/tasks").as(user).json(object("title", naughty)).send();
                if (titled.status() == 201) {
                    assertThat(titled.text("title")).isEqualTo(naughty.strip());
                    assertThat(get(user, titled).text("title")).isEqualTo(naughty.strip());
                    Reply found = call("GET", "/tasks").as(user).query("q", naughty).send();
                    assertThat(found.status()).isEqualTo(200);
                    assertThat(found.json().path("items").findValuesAsText("id")).contains(titled.text("id"));
                } else {
                    assertInvalid(titled, "title");
                }

                Reply described = call("POST", "/tasks").as(user).json(object("title", "d", "description", naughty))
                        .send();
                if (described.status() == 201) {
                    assertThat(described.text("description")).isEqualTo(naughty.isBlank() ? null : naughty);
                } else {
                    assertInvalid(described, "description");
                }

                Reply tagged = call("POST", "/tasks").as(user).json(object("title", "t", "tags", List.of(naughty)))
                        .send();
                if (tagged.status() == 201) {
                    assertThat(tagged.json().path("tags").get(0).asText())
                            .isEqualTo(naughty.toLowerCase(Locale.ROOT));
                } else {
                    assertInvalid(tagged, "tags[0]");
                }

                Reply named = call("PUT", "/me").as(user).json(object("displayName", naughty, "timeZone", naughty))
                        .send();
                if (named.status() == 200) {
                    assertThat(named.text("displayName")).isEqualTo(naughty.strip());
                } else {
                    assertThat(named.status()).isEqualTo(400);
                    assertThat(named.errorFields()).isSubsetOf("displayName", "timeZone").isNotEmpty();
                }
                Reply unknownMember = call("PUT", "/me").as(user).json(object(naughty, "x")).send();
                assertThat(unknownMember.status()).isEqualTo(400);
                assertThat(unknownMember.json().path("errors")).singleElement()
                        .satisfies(error -> assertThat(error.path("rule").asText()).isEqualTo("unknown_field"));

                Reply enumerated = call("POST", "/tasks").as(user).json(object("title", "e", "status", naughty,
                        "priority", naughty, "dueDate", naughty)).send();
                assertThat(enumerated.status()).isEqualTo(400);
                assertThat(enumerated.errorFields()).containsExactlyInAnyOrder("status", "priority", "dueDate");
            }
        }

        @Test
        void headersNeverFail() {
            ContractUser user = newUser();
            Reply task = createTask(user, "Headed");
            String path = "/tasks/" + task.text("id");
            for (String naughty : naughtyStrings()) {
                if (!naughty.chars().allMatch(c -> c == '\t' || c >= 0x20 && c <= 0x7e)) {
                    continue; // not a value an HTTP header can carry
                }
                Reply keyed = call("POST", "/tasks").as(user).header("Idempotency-Key", naughty)
                        .json(object("title", "Keyed")).send();
                if (keyed.status() != 201) {
                    assertInvalid(keyed, "Idempotency-Key");
                }
                Reply matched = call("PATCH", path).as(user).header("If-Match", naughty)
                        .json(object("priority", "HIGH")).send();
                assertThat(matched.status()).as("If-Match: %s", naughty).isIn(200, 400, 412);
                Reply traced = call("GET", "/health").header("X-Request-Id", naughty).send();
                assertThat(traced.status()).isEqualTo(200);
            }
        }

        @Test
        void queryParametersAndPathSegmentsNeverFail() {
            ContractUser user = newUser();
            createTask(user, object("title", "something", "dueDate", "2030-01-01"));
            for (String naughty : naughtyStrings()) {
                for (String parameter : List.of("status", "tag", "dueBefore", "dueAfter", "overdue", "q", "sort",
                        "cursor", "limit")) {
                    Reply reply = call("GET", "/tasks").as(user).query(parameter, naughty).send();
                    if (reply.status() != 200) {
                        assertInvalid(reply, parameter);
                    }
                }
                assertThat(call("GET", "/tasks").as(user).query(naughty, "x").send().status()).isEqualTo(400);
                String path = "/tasks/" + segment(naughty);
                for (String method : List.of("GET", "DELETE")) {
                    Reply reply = call(method, path).as(user).send();
                    assertThat(reply.status()).as("%s %s", method, path).isIn(400, 404, 405);
                }
                Reply patched = call("PATCH", path).as(user).header("If-Match", "\"1\"").json(object("title", "x"))
                        .send();
                assertThat(patched.status()).isIn(400, 404, 405);
            }
            assertThat(call("GET", "/tasks").as(user).send().json().path("items")).hasSize(1);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private Reply get(ContractUser user, Reply created) {
        return call("GET", "/tasks/" + created.text("id")).as(user).send();
    }

    protected static List<String> naughtyStrings() {
        try (InputStream in = dev.hexatask.application.fixtures.NaughtyStrings.json().openStream()) {
            return List.of(JSON.readValue(in, String[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    protected interface Indexed<T> {
        T call(int index) throws Exception;
    }

    /** Runs the calls at the same moment, as far as threads allow, and returns their results in order. */
    protected static <T> List<T> inParallel(int count, Indexed<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<T> task = () -> {
                    start.await();
                    return work.call(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
