package dev.hexatask.lambda;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hexatask.application.fixtures.InMemoryCore;
import dev.hexatask.lambda.local.LocalContext;
import dev.hexatask.rest.RestApi;
import dev.hexatask.rest.RestSettings;
import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.http.HttpResponse;
import dev.hexatask.rest.problem.Problem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Coverage-guided fuzzing of the API function as API Gateway invokes it: any JSON the runtime can turn into a proxy
 * event (payload format 1.0, the REST API's; a 2.0 event of an HTTP API included, which this function must refuse
 * cleanly), through {@link ProxyEvents} and the real {@link RestApi} over the in-memory core. The property: a 2xx
 * for a valid request or a well-formed 4xx problem document with the request id, never a 5xx, and nothing stored
 * on a refusal. JSON that does not fit the event class is refused by the runtime before the handler is called, so
 * it is skipped here.
 * <p>
 * Regression inputs are under {@code ApiHandlerFuzzTestInputs/anyEvent/}, {@code {task}} and {@code {etag}} in them
 * standing for one of alice's tasks and its ETag; {@code bin/fuzz} fuzzes for a set time.
 */
class ApiHandlerFuzzTest {

    private static final ObjectMapper EVENTS = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger HANDLER_LOG = (Logger) LoggerFactory.getLogger(ApiHandler.class);
    private static Level handlerLevel;

    /** Every refused event logs a warning: millions of them while fuzzing. Errors still show. */
    @BeforeAll
    static void quietRefusals() {
        handlerLevel = HANDLER_LOG.getLevel();
        HANDLER_LOG.setLevel(Level.ERROR);
    }

    @AfterAll
    static void restoreLogging() {
        HANDLER_LOG.setLevel(handlerLevel);
    }

    @FuzzTest(maxDuration = "5m")
    void anyEvent(byte[] input) {
        InMemoryCore core = InMemoryCore.create();
        core.authenticator().register("alice-token", "alice");
        RestApi api = new RestApi(core.health(), core.profiles(), core.profiles(), core.tasks(), core.tasks(),
                core.tasks(), core.tasks(), core.tasks(), core.tasks(), core.authenticator(),
                RestSettings.allowingOrigins(List.of(TestStack.ORIGIN)));
        HttpResponse seeded = api.handle(HttpRequest.of("POST", "/tasks")
                .withHeader("Authorization", "Bearer alice-token").withHeader("Content-Type", "application/json")
                .withBody("{\"title\":\"Water the plants\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(seeded.status()).as("seeding the core").isEqualTo(201);
        String text = new String(input, StandardCharsets.UTF_8);
        byte[] json = text.contains("{task}") || text.contains("{etag}")
                ? text.replace("{task}", read(seeded.bodyText()).path("id").asText())
                        .replace("{etag}", seeded.headers().first("ETag").orElseThrow().replace("\"", "\\\""))
                        .getBytes(StandardCharsets.UTF_8)
                : input;
        APIGatewayProxyRequestEvent event;
        try {
            event = EVENTS.readValue(json, APIGatewayProxyRequestEvent.class);
        } catch (IOException e) {
            return;
        }

        Object tasks = core.taskStore().snapshot();
        Object profiles = core.profileStore().snapshot();
        Object idempotency = core.idempotencyStore().snapshot();
        APIGatewayProxyResponseEvent response = new ApiHandler(api).handleRequest(event, new LocalContext());

        int status = response.getStatusCode();
        if (status < 200 || status >= 500) {
            fail("answered %d: %s", status, response.getBody());
        }
        assertThat(response.getMultiValueHeaders().get("X-Request-Id")).as("request id").hasSize(1);
        if (status >= 400) {
            assertThat(response.getIsBase64Encoded()).as("a problem is text").isFalse();
            assertThat(response.getMultiValueHeaders().get("Content-Type")).containsExactly(Problem.MEDIA_TYPE);
            JsonNode problem = read(response.getBody());
            assertThat(problem.path("status").asInt()).as("problem status").isEqualTo(status);
            assertThat(problem.path("title").asText()).as("problem title").isNotBlank();
            assertThat(response.getBody()).as("no stack trace").doesNotContain("Exception", "\tat ");
            assertThat(core.taskStore().snapshot()).as("tasks after a refusal").isEqualTo(tasks);
            assertThat(core.profileStore().snapshot()).as("profiles after a refusal").isEqualTo(profiles);
            assertThat(core.idempotencyStore().snapshot()).as("idempotency records after a refusal")
                    .isEqualTo(idempotency);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
