package dev.hexatask.lambda.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.hexatask.jwt.testing.TestIdentityProvider;
import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code bin/dev event} then {@code bin/dev invoke} on a stack file like the local stack's: real PostgreSQL, tokens
 * from a token endpoint that answers the password grant as the local provider does, signed by a real key.
 */
@ExtendWith(PostgresTestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private TestIdentityProvider identityProvider;
    private HttpServer tokenEndpoint;
    private LocalStack stack;

    @BeforeAll
    void start(TestDatabase database, @TempDir Path root) throws IOException {
        identityProvider = TestIdentityProvider.start();
        tokenEndpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tokenEndpoint.createContext("/token", exchange -> {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            boolean password = "password".equals(form.get("grant_type")) && form.get("username") != null;
            String user = form.getOrDefault("username", "");
            byte[] body = (password
                    ? "{\"access_token\":\"" + identityProvider.accessToken(user, user) + "\",\"token_type\":\"Bearer\"}"
                    : "{\"error\":\"unsupported_grant_type\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(password ? 200 : 400, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        tokenEndpoint.start();
        var owner = database.credentials().current();
        Map<String, String> file = new LinkedHashMap<>();
        file.put("apiUrl", "http://localhost:8080/api");
        file.put("databaseUrl", database.jdbcUrl());
        file.put("databaseUser", owner.username());
        file.put("databasePassword", owner.password());
        file.put("issuer", identityProvider.issuer());
        file.put("jwksUrl", identityProvider.jwksUrl().toString());
        file.put("tokenEndpoint", "http://127.0.0.1:" + tokenEndpoint.getAddress().getPort() + "/token");
        file.put("clientId", identityProvider.clientId());
        file.put("scope", TestIdentityProvider.DEFAULT_SCOPE);
        Path stackFile = root.resolve(LocalStack.FILE);
        Files.createDirectories(stackFile.getParent());
        JSON.writeValue(stackFile.toFile(), file);
        stack = LocalStack.read(stackFile);
    }

    @AfterAll
    void stop() {
        tokenEndpoint.stop(0);
        identityProvider.close();
    }

    @Test
    void anEventWithABase64BodyCreatesATaskThatTheUserThenLists(@TempDir Path directory) throws Exception {
        String created = EventWriter.write(EventWriter.Arguments.parse(new String[] {
                "post", "/tasks", "{\"title\":\"Ship the Lambda ✓\",\"tags\":[\"bin-dev\"]}", "--user", "alice",
                "--base64"}), stack);
        JsonNode event = JSON.readTree(created);
        assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(new String(Base64.getDecoder().decode(event.path("body").asText()), StandardCharsets.UTF_8))
                .contains("Ship the Lambda ✓");
        assertThat(event.path("requestContext").path("stage").asText()).isEqualTo("local");
        assertThat(event.path("multiValueHeaders").path("Authorization").get(0).asText()).startsWith("Bearer ey");

        JsonNode response = JSON.readTree(LocalInvoke.invoke(save(directory, "create.json", created), stack));
        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(201);
        JsonNode task = JSON.readTree(response.path("body").asText());
        assertThat(task.path("title").asText()).isEqualTo("Ship the Lambda ✓");

        String list = EventWriter.write(EventWriter.Arguments.parse(new String[] {
                "GET", "/tasks?tag=bin-dev&sort=created", "--user", "alice"}), stack);
        JsonNode listed = JSON.readTree(LocalInvoke.invoke(save(directory, "list.json", list), stack));
        assertThat(listed.path("statusCode").asInt()).isEqualTo(200);
        JsonNode items = JSON.readTree(listed.path("body").asText()).path("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("id").asText()).isEqualTo(task.path("id").asText());

        String other = EventWriter.write(EventWriter.Arguments.parse(new String[] {"GET", "/tasks", "--user", "bob"}),
                stack);
        JsonNode bobs = JSON.readTree(LocalInvoke.invoke(save(directory, "bob.json", other), stack));
        assertThat(JSON.readTree(bobs.path("body").asText()).path("items")).isEmpty();
    }

    @Test
    void badArgumentsAreRefusedWithAReason() {
        assertThatThrownBy(() -> EventWriter.Arguments.parse(new String[] {"GET"}))
                .hasMessageContaining("method and a path");
        assertThatThrownBy(() -> EventWriter.Arguments.parse(new String[] {"GET", "tasks"}))
                .hasMessageContaining("start with /");
        assertThatThrownBy(() -> EventWriter.Arguments.parse(new String[] {"GET", "/tasks", "--user"}))
                .hasMessageContaining("--user");
        assertThatThrownBy(() -> EventWriter.Arguments.parse(new String[] {"G E T", "/tasks"}))
                .hasMessageContaining("method");
    }

    @Test
    void aPathAsTypedIsEncodedAndItsQueryDecoded() throws Exception {
        var arguments = EventWriter.Arguments.parse(new String[] {"GET", "/tasks/ä b?q=milk+%26+honey&status=OPEN"
                + "&status=DONE"});
        var event = EventWriter.event(arguments, "Bearer x");
        assertThat(event.getPath()).isEqualTo("/tasks/%C3%A4%20b");
        assertThat(event.getMultiValueQueryStringParameters()).containsEntry("q", java.util.List.of("milk & honey"))
                .containsEntry("status", java.util.List.of("OPEN", "DONE"));
        assertThat(event.getPathParameters()).containsEntry("proxy", "tasks/ä b");
    }

    private static Path save(Path directory, String name, String json) throws IOException {
        return Files.writeString(directory.resolve(name), json);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }
}
