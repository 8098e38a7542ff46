package dev.hexatask.lambda;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hexatask.application.fixtures.InMemoryCore;
import dev.hexatask.lambda.local.LocalContext;
import dev.hexatask.lambda.local.ProxyEventFactory;
import dev.hexatask.rest.RestApi;
import dev.hexatask.rest.RestSettings;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The handler's own duties, on the in-memory core: what it answers when there is nothing sensible to hand on. */
class ApiHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final InMemoryCore core = InMemoryCore.create();
    private final RestApi api = new RestApi(core.health(), core.profiles(), core.profiles(), core.tasks(),
            core.tasks(), core.tasks(), core.tasks(), core.tasks(), core.tasks(), core.authenticator(),
            RestSettings.allowingOrigins(List.of(TestStack.ORIGIN)));
    private final ProxyEventFactory events = new ProxyEventFactory("prod");

    @Test
    void aNullEventIsAnsweredWithAProblemNotAnException() throws Exception {
        APIGatewayProxyResponseEvent response = new ApiHandler(api).handleRequest(null, new LocalContext());
        assertWellFormedProblem(response, 400);
    }

    @Test
    void anEventWithoutMethodOrPathIsAnsweredWithAProblem() throws Exception {
        ApiHandler handler = new ApiHandler(api);
        assertWellFormedProblem(handler.handleRequest(new APIGatewayProxyRequestEvent(), null), 400);
        assertWellFormedProblem(handler.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("GET"),
                new LocalContext()), 400);
    }

    @Test
    void aBodyFlaggedBase64ThatIsNotIsAMalformedBody() throws Exception {
        APIGatewayProxyRequestEvent event = events.event("POST", "/tasks", Map.of(), Map.of(), null, false)
                .withBody("%%% not base64").withIsBase64Encoded(true);
        APIGatewayProxyResponseEvent response = new ApiHandler(api).handleRequest(event, new LocalContext());
        JsonNode problem = assertWellFormedProblem(response, 400);
        assertThat(problem.path("type").asText()).isEqualTo("urn:hexatask:problem:malformed-body");
        assertThat(problem.path("instance").asText()).isEqualTo(event.getRequestContext().getRequestId());
    }

    @Test
    void apiGatewaysRequestIdIsTheRequestId() throws Exception {
        APIGatewayProxyRequestEvent event = events.event("GET", "/health", Map.of(), Map.of(), null, false);
        APIGatewayProxyResponseEvent response = new ApiHandler(api).handleRequest(event, new LocalContext());
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getMultiValueHeaders().get("X-Request-Id"))
                .containsExactly(event.getRequestContext().getRequestId());
    }

    @Test
    void whileTheApiCannotBeBuiltRequestsAre503AndTheNextOneTriesAgain() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Supplier<RestApi> flaky = () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("database unreachable");
            }
            return api;
        };
        ApiHandler handler = new ApiHandler(flaky, RestSettings.allowingOrigins(List.of()));
        APIGatewayProxyRequestEvent event = events.event("GET", "/health", Map.of(), Map.of(), null, false);
        APIGatewayProxyResponseEvent unavailable = handler.handleRequest(event, new LocalContext());
        JsonNode problem = assertWellFormedProblem(unavailable, 503);
        assertThat(problem.path("detail").asText()).doesNotContain("database unreachable");
        assertThat(unavailable.getMultiValueHeaders().get("Retry-After")).containsExactly("5");
        assertThat(handler.handleRequest(event, new LocalContext()).getStatusCode()).isEqualTo(200);
    }

    @Test
    void evenAnErrorBecomesA500Response() throws Exception {
        ApiHandler handler = new ApiHandler(() -> {
            throw new StackOverflowError("simulated");
        }, RestSettings.allowingOrigins(List.of()));
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                events.event("GET", "/health", Map.of(), Map.of(), null, false), new LocalContext());
        JsonNode problem = assertWellFormedProblem(response, 500);
        assertThat(problem.toString()).doesNotContain("simulated", "StackOverflow");
    }

    @Test
    void theHandlersOwnAnswersCarryTheCorsGrantSoABrowserCanReadThem() throws Exception {
        RestSettings settings = RestSettings.allowingOrigins(List.of(TestStack.ORIGIN));
        Map<String, List<String>> fromTheApp = Map.of("Origin", List.of(TestStack.ORIGIN));
        APIGatewayProxyRequestEvent health = events.event("GET", "/health", Map.of(), fromTheApp, null, false);
        APIGatewayProxyRequestEvent unreadable = events.event("POST", "/tasks", Map.of(), fromTheApp, null, false)
                .withBody("%%% not base64").withIsBase64Encoded(true);

        APIGatewayProxyResponseEvent badEvent = new ApiHandler(() -> api, settings)
                .handleRequest(unreadable, new LocalContext());
        APIGatewayProxyResponseEvent unavailable = new ApiHandler(() -> {
            throw new IllegalStateException("database unreachable");
        }, settings).handleRequest(health, new LocalContext());
        APIGatewayProxyResponseEvent failed = new ApiHandler(() -> {
            throw new StackOverflowError("simulated");
        }, settings).handleRequest(health, new LocalContext());

        assertWellFormedProblem(badEvent, 400);
        assertWellFormedProblem(unavailable, 503);
        assertWellFormedProblem(failed, 500);
        for (APIGatewayProxyResponseEvent response : List.of(badEvent, unavailable, failed)) {
            assertThat(response.getMultiValueHeaders())
                    .containsEntry("Access-Control-Allow-Origin", List.of(TestStack.ORIGIN))
                    .containsEntry("Vary", List.of("Origin"))
                    .containsEntry("Referrer-Policy", List.of("no-referrer"))
                    .containsKey("Access-Control-Expose-Headers");
        }
        APIGatewayProxyResponseEvent otherOrigin = new ApiHandler(() -> {
            throw new IllegalStateException("database unreachable");
        }, settings).handleRequest(events.event("GET", "/health", Map.of(),
                Map.of("Origin", List.of("https://elsewhere.example")), null, false), new LocalContext());
        assertThat(otherOrigin.getMultiValueHeaders()).doesNotContainKey("Access-Control-Allow-Origin");
    }

    @Test
    void logLinesAreJsonWithRequestAndTraceIdsAndNeverTheTokenOrBody() throws Exception {
        String token = core.authenticator().register("secret-token-0123456789", "alice");
        String title = "My secret plan for the surprise party";
        APIGatewayProxyRequestEvent event = events.event("POST", "/tasks", Map.of(),
                Map.of("Authorization", List.of(token), "Content-Type", List.of("application/json"),
                        "X-Amzn-Trace-Id", List.of("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")),
                ("{\"title\":\"" + title + "\"}").getBytes(StandardCharsets.UTF_8), true);
        List<String> lines = loggedWithProductionConfiguration(() -> {
            APIGatewayProxyResponseEvent response = new ApiHandler(api).handleRequest(event, new LocalContext());
            assertThat(response.getStatusCode()).isEqualTo(201);
        });
        assertThat(lines).isNotEmpty();
        List<JsonNode> access = new ArrayList<>();
        for (String line : lines) {
            assertThat(line).doesNotContain("secret-token", title, "secret plan");
            JsonNode json = JSON.readTree(line);
            if (json.path("loggerName").asText().equals("dev.hexatask.rest.access")) {
                access.add(json);
            }
        }
        assertThat(access).hasSize(1);
        JsonNode mdc = access.getFirst().path("mdc");
        assertThat(mdc.path("requestId").asText()).isEqualTo(event.getRequestContext().getRequestId());
        assertThat(mdc.path("traceId").asText()).isEqualTo("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
        assertThat(mdc.path("awsRequestId").asText()).isNotBlank();
    }

    @Test
    void aFailureIsLoggedWithItsCausesButWithoutAStackFrame() throws Exception {
        IllegalStateException failure = new IllegalStateException("the pool could not start",
                new ConnectException("Connection refused"));
        failure.addSuppressed(new UncheckedIOException("socket closed", new IOException("reset")));
        ApiHandler handler = new ApiHandler(() -> {
            throw failure;
        }, RestSettings.allowingOrigins(List.of()));
        APIGatewayProxyRequestEvent event = events.event("GET", "/health", Map.of(), Map.of(), null, false);
        List<String> lines = loggedWithProductionConfiguration(() ->
                assertThat(handler.handleRequest(event, new LocalContext()).getStatusCode()).isEqualTo(503));

        List<JsonNode> withThrowable = new ArrayList<>();
        for (String line : lines) {
            // A frame would name this test's class, the handler's file or a JDK module, with its line number.
            assertThat(line).doesNotContain("ApiHandlerTest", "ApiHandler.java", "java.base", "lineNumber");
            JsonNode json = JSON.readTree(line);
            if (!json.path("throwable").isNull() && !json.path("throwable").isMissingNode()) {
                withThrowable.add(json.path("throwable"));
            }
        }
        assertThat(withThrowable).hasSize(1);
        JsonNode thrown = withThrowable.getFirst();
        assertThat(thrown.path("className").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(thrown.path("message").asText()).isEqualTo("the pool could not start");
        assertThat(thrown.path("stepArray")).isEmpty();
        assertThat(thrown.path("cause").path("className").asText()).isEqualTo("java.net.ConnectException");
        assertThat(thrown.path("cause").path("message").asText()).isEqualTo("Connection refused");
        assertThat(thrown.path("cause").path("stepArray")).isEmpty();
        JsonNode suppressed = thrown.path("suppressed").path(0);
        assertThat(suppressed.path("className").asText()).isEqualTo("java.io.UncheckedIOException");
        assertThat(suppressed.path("stepArray")).isEmpty();
        assertThat(suppressed.path("cause").path("className").asText()).isEqualTo("java.io.IOException");
    }

    @Test
    void aFailureNoCodeCaughtIsLoggedAsJsonWithoutAStackFrameNotPrinted() throws Exception {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> lines;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            lines = loggedWithProductionConfiguration(() -> {
                try {
                    Thread.ofPlatform().name("doomed").start(() -> {
                        throw new IllegalStateException("nobody caught this");
                    }).join(10_000);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            System.setErr(originalErr);
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line).doesNotContain("ApiHandlerTest", "lineNumber");
            JsonNode json = JSON.readTree(line);
            assertThat(json.path("level").asText()).isEqualTo("ERROR");
            assertThat(json.path("formattedMessage").asText())
                    .isEqualTo("Thread doomed ended with an unexpected failure");
            assertThat(json.path("throwable").path("message").asText()).isEqualTo("nobody caught this");
        });
    }

    @Test
    void naughtyStringsAnywhereInAnEventGetAWellFormedAnswer() throws Exception {
        String authorization = core.authenticator().register("naughty-token", "naughty-user");
        ApiHandler handler = new ApiHandler(api);
        List<String> naughty;
        try (var in = dev.hexatask.application.fixtures.NaughtyStrings.json().openStream()) {
            naughty = List.of(JSON.readValue(in, String[].class));
        }
        assertThat(naughty).hasSizeGreaterThan(500);
        for (String text : naughty) {
            // As raw as API Gateway could hand them over: decoded path, any header value, any query name and value.
            APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent().withHttpMethod("POST")
                    .withPath("/tasks/" + text).withResource("/{proxy+}")
                    .withPathParameters(Map.of("proxy", "tasks/" + text))
                    .withMultiValueHeaders(Map.of("Authorization", List.of(authorization),
                            "Content-Type", List.of("application/json"), "X-Naughty", List.of(text), text.isEmpty() ? "X-Empty" : "X-" + text.hashCode(),
                            List.of(text)))
                    .withMultiValueQueryStringParameters(Map.of("q", List.of(text), text, List.of("x")))
                    .withBody(JSON.writeValueAsString(Map.of("title", text)))
                    .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withRequestId(
                            "naughty-" + text.hashCode()).withStage("prod"));
            APIGatewayProxyResponseEvent response = handler.handleRequest(event, new LocalContext());
            assertThat(response.getStatusCode()).as(text).isBetween(200, 499);
            assertThat(response.getMultiValueHeaders().get("X-Request-Id")).as(text).hasSize(1);
            JSON.readTree(response.getBody());
            APIGatewayProxyResponseEvent created = handler.handleRequest(event.withPath("/tasks")
                    .withPathParameters(Map.of("proxy", "tasks")).withMultiValueQueryStringParameters(null),
                    new LocalContext());
            assertThat(created.getStatusCode()).as(text).isIn(201, 400);
        }
    }

    /** Runs the work with logback configured as in the function, and returns its output lines. */
    private static List<String> loggedWithProductionConfiguration(Runnable work) throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            context.reset();
            JsonLogging.install(context);
            work.run();
        } finally {
            System.setOut(original);
            configure(context, "/logback-test.xml");
        }
        return captured.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
    }

    private static void configure(LoggerContext context, String resource) throws Exception {
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(ApiHandlerTest.class.getResource(resource));
    }

    private static JsonNode assertWellFormedProblem(APIGatewayProxyResponseEvent response, int status)
            throws Exception {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getIsBase64Encoded()).isFalse();
        assertThat(response.getMultiValueHeaders()).containsKeys("X-Request-Id", "Content-Type",
                "X-Content-Type-Options", "Cache-Control");
        assertThat(response.getHeaders().get("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = JSON.readTree(response.getBody());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("instance").asText()).isEqualTo(response.getHeaders().get("X-Request-Id"));
        assertThat(problem.path("title").asText()).isNotBlank();
        return problem;
    }
}
