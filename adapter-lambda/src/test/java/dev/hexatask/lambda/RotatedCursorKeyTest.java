package dev.hexatask.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hexatask.application.fixtures.InMemoryCore;
import dev.hexatask.application.fixtures.SettableClock;
import dev.hexatask.application.port.out.CursorKeys;
import dev.hexatask.secrets.testing.LocalSecretsManager;
import dev.hexatask.lambda.local.LocalContext;
import dev.hexatask.lambda.local.ProxyEventFactory;
import dev.hexatask.rest.RestApi;
import dev.hexatask.rest.RestSettings;
import dev.hexatask.secrets.SecretsManagerClients;
import dev.hexatask.secrets.SecretsManagerCursorKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API function's list cursors signed with a key from Secrets Manager (the real SDK client against a local
 * endpoint), through a rotation of that key: a cursor handed out before it still pages on, one signed with a key
 * the secret never held is a 400 problem naming the cursor.
 */
class RotatedCursorKeyTest {

    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:/hexatask/test/cursor-key";
    private static final String FIRST = "first-cursor-signing-key-generated-by-the-stack-0123456789";
    private static final String SECOND = "second-cursor-signing-key-put-by-the-rotation-0123456789";
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SettableClock clock = SettableClock.at("2026-11-25T12:00:00Z");
    private final ProxyEventFactory events = new ProxyEventFactory("test");
    private LocalSecretsManager secretsManager;
    private SecretsManagerClient client;

    @BeforeEach
    void start() throws Exception {
        secretsManager = LocalSecretsManager.serving(ARN, FIRST);
        client = SecretsManagerClients.create(Region.EU_WEST_1, StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "not-a-real-secret-key")),
                URI.create(secretsManager.endpoint()));
    }

    @AfterEach
    void stop() {
        client.close();
        secretsManager.close();
    }

    @Test
    void aCursorHandedOutBeforeTheKeyRotatesStillPagesOnAfterIt() throws Exception {
        var core = InMemoryCore.withCursorKeys(new SecretsManagerCursorKeys(client, ARN, TTL, clock));
        var handler = new ApiHandler(api(core));
        var alice = core.authenticator().register("alice-token", "alice");
        for (var title : List.of("one", "two", "three")) {
            assertThat(send(handler, "POST", "/tasks", Map.of(), alice, "{\"title\":\"" + title + "\"}")
                    .getStatusCode()).isEqualTo(201);
        }
        var firstPage = JSON.readTree(send(handler, "GET", "/tasks", Map.of("limit", List.of("1")), alice, null)
                .getBody());
        var handedOut = firstPage.path("nextCursor").asText();
        assertThat(handedOut).isNotBlank();

        rotateTo(SECOND);
        clock.advance(TTL);

        var secondPage = send(handler, "GET", "/tasks", Map.of("limit", List.of("1"), "cursor", List.of(handedOut)),
                alice, null);
        assertThat(secondPage.getStatusCode()).as(secondPage.getBody()).isEqualTo(200);
        var next = JSON.readTree(secondPage.getBody());
        assertThat(next.path("items")).hasSize(1);
        assertThat(next.path("items").get(0).path("id")).isNotEqualTo(firstPage.path("items").get(0).path("id"));
        var signedWithSecond = next.path("nextCursor").asText();
        assertThat(signedWithSecond).isNotBlank();

        // Once the first key is neither current nor previous, its cursors are refused; the second key's still page.
        rotateTo("third-cursor-signing-key-of-a-later-rotation-0123456789");
        clock.advance(TTL);
        assertThat(send(handler, "GET", "/tasks", Map.of("limit", List.of("1"), "cursor", List.of(signedWithSecond)),
                alice, null).getStatusCode()).isEqualTo(200);
        assertInvalidCursor(send(handler, "GET", "/tasks", Map.of("limit", List.of("1"),
                "cursor", List.of(handedOut)), alice, null));
    }

    @Test
    void aCursorSignedWithAKeyTheSecretNeverHeldIsA400ProblemNamingTheCursor() throws Exception {
        rotateTo(SECOND);
        var core = InMemoryCore.withCursorKeys(new SecretsManagerCursorKeys(client, ARN, TTL, clock));
        var handler = new ApiHandler(api(core));
        var alice = core.authenticator().register("alice-token", "alice");

        var elsewhere = InMemoryCore.withCursorKeys(CursorKeys.fixed(
                "a-key-this-secret-never-held-0123456789-abcdef".getBytes(StandardCharsets.UTF_8)));
        var otherHandler = new ApiHandler(api(elsewhere));
        var otherAlice = elsewhere.authenticator().register("alice-token", "alice");
        for (var title : List.of("one", "two")) {
            send(otherHandler, "POST", "/tasks", Map.of(), otherAlice, "{\"title\":\"" + title + "\"}");
        }
        var forged = JSON.readTree(send(otherHandler, "GET", "/tasks", Map.of("limit", List.of("1")), otherAlice, null)
                .getBody()).path("nextCursor").asText();
        assertThat(forged).isNotBlank();

        assertInvalidCursor(send(handler, "GET", "/tasks", Map.of("limit", List.of("1"), "cursor", List.of(forged)),
                alice, null));
    }

    private static void assertInvalidCursor(APIGatewayProxyResponseEvent response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        JsonNode problem = JSON.readTree(response.getBody());
        assertThat(problem.path("errors")).anySatisfy(error -> {
            assertThat(error.path("field").asText()).isEqualTo("cursor");
            assertThat(error.path("rule").asText()).isEqualTo("invalid_cursor");
        });
    }

    private APIGatewayProxyResponseEvent send(ApiHandler handler, String method, String path,
            Map<String, List<String>> query, String authorization, String body) {
        var headers = body == null ? Map.of("Authorization", List.of(authorization))
                : Map.of("Authorization", List.of(authorization), "Content-Type", List.of("application/json"));
        return handler.handleRequest(events.event(method, path, query, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), false), new LocalContext());
    }

    private static RestApi api(InMemoryCore core) {
        return new RestApi(core.health(), core.profiles(), core.profiles(), core.tasks(), core.tasks(), core.tasks(),
                core.tasks(), core.tasks(), core.tasks(), core.authenticator(), RestSettings.allowingOrigins(
                        List.of(TestStack.ORIGIN)));
    }

    /**
     * A rotation as Secrets Manager's rotation steps make it, through the real client: the new value put as
     * AWSPENDING, then AWSCURRENT moved onto it (the version it leaves becomes AWSPREVIOUS).
     */
    private void rotateTo(String value) {
        String current = client.describeSecret(request -> request.secretId(ARN)).versionIdsToStages().entrySet()
                .stream().filter(entry -> entry.getValue().contains("AWSCURRENT")).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
        String pending = client.putSecretValue(request -> request.secretId(ARN).secretString(value)
                .versionStages("AWSPENDING")).versionId();
        client.updateSecretVersionStage(request -> request.secretId(ARN).versionStage("AWSCURRENT")
                .moveToVersionId(pending).removeFromVersionId(current));
    }

}
