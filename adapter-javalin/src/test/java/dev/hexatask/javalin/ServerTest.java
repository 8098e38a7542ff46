package dev.hexatask.javalin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TestDatabase;
import dev.hexatask.rest.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the server does beside the API: its documents, the frontend, config.json, and input Jetty sees first. */
@ExtendWith(PostgresTestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path frontend;
    private TestStack stack;

    @BeforeAll
    void start(TestDatabase database) throws IOException {
        frontend = Files.createTempDirectory("hexatask-frontend");
        Files.writeString(frontend.resolve("index.html"), "<!doctype html><title>Hexatask</title>");
        Files.createDirectories(frontend.resolve("assets"));
        Files.writeString(frontend.resolve("assets/index-3f9a1c.js"), "console.log('hexatask')");
        Files.writeString(frontend.resolve("favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
        stack = TestStack.start(database, Map.of("FRONTEND_DIR", frontend.toString()));
    }

    @AfterAll
    void stop() {
        stack.close();
    }

    private HttpResponse get(String target) {
        return RawHttp.send(stack.root(), "GET", target, Map.of(), new byte[0]);
    }

    @Test
    void servesTheOpenApiDocumentWithTheApiAsItsServer() throws IOException {
        HttpResponse response = get("/api/openapi.yaml");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().first("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/yaml"));
        JsonNode served = readYaml(response.bodyText());
        assertThat(served.path("openapi").asText()).startsWith("3.1");
        assertThat(served.path("servers")).hasSize(1);
        assertThat(served.path("servers").get(0).path("url").asText()).isEqualTo("/api");
        assertThat(served.path("paths").has("/tasks/{id}")).isTrue();
        try (var in = dev.hexatask.rest.RestApi.class.getResourceAsStream("/openapi.yaml")) {
            JsonNode original = readYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertThat(served.path("paths")).as("the paths, as adapter-rest wrote them")
                    .isEqualTo(original.path("paths"));
            assertThat(served.path("components")).isEqualTo(original.path("components"));
        }
    }

    @Test
    void servesTheDocsPageAndSwaggerUiFromTheWebjarWithoutACdn() {
        HttpResponse page = get("/api/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.bodyText()).contains("/api/openapi.yaml").doesNotContain("https://");
        HttpResponse bundle = get("/api/docs/swagger-ui-bundle.js");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.body().length).isGreaterThan(100_000);
    }

    @Test
    void servesConfigJsonInTheShapeTheFrontendReads() throws IOException {
        HttpResponse response = get("/config.json");
        assertThat(response.status()).isEqualTo(200);
        JsonNode config = JSON.readTree(response.body());
        assertThat(config.path("apiBaseUrl").asText()).endsWith("/api");
        assertThat(config.path("region").asText()).isEqualTo("local");
        assertThat(config.path("auth").path("authority").asText()).isEqualTo(stack.identityProvider.issuer());
        assertThat(config.path("auth").path("clientId").asText()).isEqualTo(stack.identityProvider.clientId());
        assertThat(config.path("auth").path("scopes").asText()).isEqualTo("openid email profile hexatask/api");
        assertThat(config.path("auth").path("managedLoginDomain").isNull()).isTrue();
    }

    @Test
    void servesTheFrontendWithLongCachingForHashedAssetsAndNoneForThePage() {
        HttpResponse asset = get("/assets/index-3f9a1c.js");
        assertThat(asset.status()).isEqualTo(200);
        assertThat(asset.bodyText()).isEqualTo("console.log('hexatask')");
        assertThat(asset.headers().first("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(asset.headers().first("Content-Type")).hasValue("text/javascript; charset=utf-8");

        for (String path : List.of("/", "/tasks/0190c5a8-0000-7000-8000-000000000000", "/settings/profile")) {
            HttpResponse page = get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.bodyText()).as(path).contains("<title>Hexatask</title>");
            assertThat(page.headers().first("Cache-Control")).as(path).hasValue("no-cache");
        }
        assertThat(get("/favicon.svg").headers().first("Content-Type")).hasValue("image/svg+xml");
        HttpResponse head = RawHttp.send(stack.root(), "HEAD", "/", Map.of(), new byte[0]);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.headers().first("Cache-Control")).hasValue("no-cache");
    }

    @Test
    void servesTheAppWithTheSecurityHeadersCloudFrontSends() throws IOException {
        URI issuer = URI.create(stack.identityProvider.issuer());
        URI api = URI.create(JSON.readTree(get("/config.json").body()).path("apiBaseUrl").asText());
        for (String path : List.of("/", "/tasks/new", "/assets/index-3f9a1c.js")) {
            HttpResponse page = get(path);
            assertThat(page.headers().first("Content-Security-Policy")).as(path).hasValue(String.join("; ",
                    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
                    "font-src 'self'", "connect-src 'self' " + api.getScheme() + "://" + api.getAuthority() + " "
                            + issuer.getScheme() + "://" + issuer.getAuthority(),
                    "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'"));
            assertThat(page.headers().first("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(page.headers().first("Referrer-Policy")).as(path).hasValue("strict-origin-when-cross-origin");
            assertThat(page.headers().first("Strict-Transport-Security")).as(path)
                    .hasValue("max-age=63072000; includeSubDomains; preload");
            assertThat(page.headers().first("X-Content-Type-Options")).as(path).hasValue("nosniff");
        }
    }

    @Test
    void aMissingAssetIsNotFoundRatherThanThePage() {
        assertProblem(get("/assets/gone-123.js"), 404);
    }

    @Test
    void noFileOutsideTheFrontendCanBeReached() {
        for (String target : List.of("/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/%2e%2e/%2e%2e/x",
                "/..%2f..%2fetc%2fpasswd", "/%00", "/index.html%00.js")) {
            HttpResponse response = get(target);
            assertThat(response.status()).as(target).isIn(200, 400, 404);
            assertThat(response.bodyText()).as(target).doesNotContain("root:");
            if (response.status() == 200) {
                assertThat(response.bodyText()).as(target).contains("<title>Hexatask</title>");
            }
        }
    }

    @Test
    void badInputOnTheApiGetsAProblemAndNever500() {
        List<String> targets = List.of("/api/tasks/%2e%2e", "/api/tasks/%2e%2e/%2e%2e/health", "/api/%2e%2e/config.json",
                "/api/tasks/%00", "/api/tasks/not-a-uuid", "/api/tasks/0190C5A8-0000-7000-8000-00000000000",
                "/api/tasks?limit=1&limit=2", "/api/tasks?sort=created&sort=priority", "/api/tasks?nope=1",
                "/api/tasks/%C0%AF", "/api/tasks/%zz", "/api/health?%zz=1");
        for (String target : targets) {
            HttpResponse response = get(target);
            assertThat(response.status()).as(target).isBetween(400, 499);
            assertThat(response.headers().first("Content-Type")).as(target).hasValue("application/problem+json");
        }
    }

    @Test
    void aMalformedEscapeIsRefusedBeforeTheApiWithAProblem() {
        assertProblem(get("/api/tasks/%zz"), 400);
    }

    @Test
    void hugeHeadersAre431WithAProblem() {
        HttpResponse response = RawHttp.send(stack.root(), "GET", "/api/health",
                Map.of("X-Padding", List.of("a".repeat(64 * 1024))), new byte[0]);
        assertProblem(response, 431);
    }

    @Test
    void aHugeBodyIs413FromTheApiAndNothingIsWritten() throws Exception {
        String token = stack.identityProvider.authorizationHeader("huge-body-user", "huge");
        byte[] body = ("{\"title\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse response = RawHttp.send(stack.root(), "POST", "/api/tasks",
                Map.of("Authorization", List.of(token), "Content-Type", List.of("application/json")), body);
        assertProblem(response, 413);
        try (var connection = stack.database.connect(); var statement = connection.createStatement();
             var rows = statement.executeQuery("select count(*) from tasks")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
    }

    @Test
    void aNonGetOutsideTheApiIsAProblem() {
        HttpResponse response = RawHttp.send(stack.root(), "POST", "/config.json", Map.of(), new byte[0]);
        assertThat(response.status()).isBetween(400, 499);
        assertThat(response.headers().first("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void theServersOwnAnswersCarryTheCorsGrantAndSecurityHeaders() {
        Map<String, List<String>> fromTheApp = Map.of("Origin", List.of(TestStack.ALLOWED_ORIGIN));
        HttpResponse refusedByJetty = RawHttp.send(stack.root(), "GET", "/api/health",
                Map.of("Origin", List.of(TestStack.ALLOWED_ORIGIN), "X-Padding", List.of("a".repeat(64 * 1024))),
                new byte[0]);
        HttpResponse malformed = RawHttp.send(stack.root(), "GET", "/api/tasks/%zz", fromTheApp, new byte[0]);
        HttpResponse outsideTheApi = RawHttp.send(stack.root(), "POST", "/config.json", fromTheApp, new byte[0]);
        HttpResponse missingAsset = RawHttp.send(stack.root(), "GET", "/assets/gone-123.js", fromTheApp,
                new byte[0]);
        assertProblem(refusedByJetty, 431);
        assertProblem(malformed, 400);
        assertProblem(outsideTheApi, 404);
        assertProblem(missingAsset, 404);
        for (HttpResponse response : List.of(refusedByJetty, malformed, outsideTheApi, missingAsset)) {
            // Jetty refuses these two while reading the request line or the headers, before it knows the Origin: no
            // grant can be given, but the rest of the headers are the same.
            if (response != refusedByJetty && response != malformed) {
                assertThat(response.headers().all("Access-Control-Allow-Origin")).as("%s", response)
                        .containsExactly(TestStack.ALLOWED_ORIGIN);
            }
            assertThat(response.headers().first("Vary")).hasValue("Origin");
            assertThat(response.headers().first("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().first("Cache-Control")).hasValue("no-store");
            assertThat(response.headers().first("Referrer-Policy")).hasValue("no-referrer");
            assertThat(response.headers().first("X-Request-Id")).isPresent();
        }
        HttpResponse otherOrigin = RawHttp.send(stack.root(), "POST", "/config.json",
                Map.of("Origin", List.of("https://elsewhere.example")), new byte[0]);
        assertThat(otherOrigin.headers().contains("Access-Control-Allow-Origin")).isFalse();
    }

    private static JsonNode readYaml(String text) throws IOException {
        return new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(text);
    }

    private static void assertProblem(HttpResponse response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.headers().first("Content-Type")).hasValue("application/problem+json");
        assertThat(response.bodyText()).contains("\"status\":" + status);
    }
}
