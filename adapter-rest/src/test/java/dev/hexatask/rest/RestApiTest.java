package dev.hexatask.rest;

import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.http.HttpResponse;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hexatask.application.fixtures.InMemoryCore;
import dev.hexatask.application.port.in.CheckHealthUseCase;
import dev.hexatask.application.port.in.CreateTaskUseCase;
import dev.hexatask.application.port.in.GetProfileUseCase;
import dev.hexatask.application.port.in.ListTasksUseCase;
import dev.hexatask.application.port.in.Result;
import dev.hexatask.application.port.out.Authenticator;
import dev.hexatask.application.port.out.StorageUnavailableException;
import dev.hexatask.rest.contract.OpenApiContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the contract suite cannot provoke through a real core: failures of the core itself, and the log lines.
 */
class RestApiTest {

    private static final OpenApiContract CONTRACT = OpenApiContract.load();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET_DETAIL = "SELECT password FROM users -- java.sql.SQLException";

    private final InMemoryCore core = InMemoryCore.create();
    private final String alice = core.authenticator().register("alice-token", "alice");
    private final ListAppender<ILoggingEvent> errors = new ListAppender<>();
    private final ListAppender<ILoggingEvent> access = new ListAppender<>();

    private final Logger apiLogger = (Logger) LoggerFactory.getLogger(RestApi.class);
    private final Logger accessLogger = (Logger) LoggerFactory.getLogger("dev.hexatask.rest.access");
    private final Level apiLevel = apiLogger.getLevel();
    private final Level accessLevel = accessLogger.getLevel();
    private final boolean apiAdditive = apiLogger.isAdditive();
    private final boolean accessAdditive = accessLogger.isAdditive();

    @BeforeEach
    void captureLogs() {
        capture(apiLogger, errors, Level.DEBUG);
        capture(accessLogger, access, Level.INFO);
    }

    @AfterEach
    void releaseLogs() {
        apiLogger.detachAppender(errors);
        apiLogger.setLevel(apiLevel);
        apiLogger.setAdditive(apiAdditive);
        accessLogger.detachAppender(access);
        accessLogger.setLevel(accessLevel);
        accessLogger.setAdditive(accessAdditive);
    }

    /** Sends the logger's events to the list only, so that the failures provoked here stay out of the console. */
    private static void capture(Logger logger, ListAppender<ILoggingEvent> appender, Level level) {
        appender.start();
        logger.setLevel(level);
        logger.setAdditive(false);
        logger.addAppender(appender);
    }

    private RestApi api(CheckHealthUseCase health, GetProfileUseCase getProfile, CreateTaskUseCase create,
                        ListTasksUseCase list, Authenticator authenticator) {
        return new RestApi(health, getProfile, core.profiles(), create, core.tasks(), list, core.tasks(),
                core.tasks(), core.tasks(), authenticator, RestSettings.allowingOrigins(List.of()));
    }

    private RestApi apiWithList(ListTasksUseCase list) {
        return api(core.health(), core.profiles(), core.tasks(), list, core.authenticator());
    }

    private static HttpResponse send(RestApi api, HttpRequest request) {
        HttpResponse response = api.handle(request);
        assertThat(CONTRACT.violations(request, response)).isEmpty();
        return response;
    }

    private HttpRequest listTasks() {
        return HttpRequest.of("GET", "/tasks").withHeader("Authorization", alice);
    }

    @Test
    void anUnexpectedFailureIsA500WithTheRequestIdOnlyAndIsLoggedOnceWithItsCause() throws Exception {
        IllegalStateException failure = new IllegalStateException(SECRET_DETAIL);
        RestApi api = apiWithList((caller, request) -> {
            throw failure;
        });
        HttpResponse response = send(api, listTasks().withHeader("X-Request-Id", "req-500"));

        assertThat(response.status()).isEqualTo(500);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("instance").asText()).isEqualTo("req-500");
        assertThat(body.path("detail").asText()).contains("req-500");
        assertThat(response.bodyText()).doesNotContain("SELECT", "SQLException", "IllegalState", "at dev.", "java.");
        List<ILoggingEvent> logged = errors.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
        assertThat(logged).hasSize(1);
        assertThat(logged.getFirst().getFormattedMessage()).contains("req-500");
        assertThat(logged.getFirst().getThrowableProxy().getMessage()).isEqualTo(SECRET_DETAIL);
    }

    @Test
    void evenAnErrorBecomesA500() {
        RestApi api = apiWithList((caller, request) -> {
            throw new StackOverflowError();
        });
        assertThat(send(api, listTasks()).status()).isEqualTo(500);
    }

    @Test
    void aFailingAuthenticatorIsA500NotAPass() {
        RestApi api = api(core.health(), core.profiles(), core.tasks(), core.tasks(), header -> {
            throw new IllegalStateException("JWKS endpoint down");
        });
        HttpResponse response = send(api, listTasks());
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.bodyText()).doesNotContain("JWKS");
    }

    @Test
    void anUnreachableDatabaseIsA503WithRetryAfter() throws Exception {
        RestApi api = apiWithList((caller, request) -> {
            throw new StorageUnavailableException("connection refused", new java.net.ConnectException(SECRET_DETAIL));
        });
        HttpResponse response = send(api, listTasks());
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers().first("Retry-After")).hasValue("5");
        assertThat(JSON.readTree(response.body()).path("type").asText())
                .isEqualTo("urn:hexatask:problem:service-unavailable");
        assertThat(response.bodyText()).doesNotContain("SELECT", "refused", "Exception");
        assertThat(errors.list).noneMatch(e -> e.getLevel() == Level.ERROR);
        // Every request of an outage is logged: one line each, without the stack trace or the driver's detail.
        assertThat(errors.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).endsWith("storage unavailable: connection refused")
                    .doesNotContain(SECRET_DETAIL);
            assertThat(event.getThrowableProxy()).isNull();
        });
    }

    @Test
    void anUnreachableDatabaseMakesTheHealthCheckA503WithRetryAfter() throws Exception {
        core.databaseHealth().setReachable(false);
        HttpResponse response = send(RestApis.over(core, RestSettings.allowingOrigins(List.of())),
                HttpRequest.of("GET", "/health"));
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers().first("Retry-After")).hasValue("5");
        assertThat(JSON.readTree(response.body()).path("database").asText()).isEqualTo("DOWN");
    }

    @Test
    void aCreateStillInFlightIsA409() throws Exception {
        RestApi api = api(core.health(), core.profiles(), command -> new Result.IdempotencyKeyInFlight<>(),
                core.tasks(), core.authenticator());
        HttpRequest request = HttpRequest.of("POST", "/tasks").withHeader("Authorization", alice)
                .withHeader("Idempotency-Key", "k-1").withHeader("Content-Type", "application/json")
                .withBody("{\"title\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        HttpResponse response = send(api, request);
        assertThat(response.status()).isEqualTo(409);
        assertThat(JSON.readTree(response.body()).path("type").asText())
                .isEqualTo("urn:hexatask:problem:idempotency-key-in-flight");
    }

    @Test
    void writesOneAccessLogLinePerRequestWithoutTokenOrBody() throws Exception {
        RestApi api = RestApis.over(core, RestSettings.allowingOrigins(List.of()));
        send(api, HttpRequest.of("POST", "/tasks").withHeader("Authorization", alice)
                .withHeader("Content-Type", "application/json").withTransportRequestId("gw-1")
                .withBody("{\"title\":\"private words\"}".getBytes(StandardCharsets.UTF_8)));
        send(api, HttpRequest.of("GET", "/tasks/0190c5a8-0000-7000-8000-000000000001")
                .withHeader("Authorization", alice).withTransportRequestId("gw-2"));
        send(api, HttpRequest.of("GET", "/nowhere").withTransportRequestId("gw-3"));

        assertThat(access.list).hasSize(3);
        JsonNode first = JSON.readTree(access.list.get(0).getFormattedMessage());
        assertThat(first.path("requestId").asText()).isEqualTo("gw-1");
        assertThat(first.path("method").asText()).isEqualTo("POST");
        assertThat(first.path("route").asText()).isEqualTo("/tasks");
        assertThat(first.path("status").asInt()).isEqualTo(201);
        assertThat(first.path("durationMs").isIntegralNumber()).isTrue();
        JsonNode second = JSON.readTree(access.list.get(1).getFormattedMessage());
        assertThat(second.path("route").asText()).isEqualTo("/tasks/{id}");
        assertThat(second.path("status").asInt()).isEqualTo(404);
        assertThat(JSON.readTree(access.list.get(2).getFormattedMessage()).path("route").isNull()).isTrue();
        assertThat(access.list).allSatisfy(line -> assertThat(line.getFormattedMessage())
                .doesNotContain("alice-token", "private words", "0190c5a8"));
    }

    @Test
    void theTransportsRequestIdWinsOverTheClients() {
        RestApi api = RestApis.over(core, RestSettings.allowingOrigins(List.of()));
        HttpResponse response = send(api, HttpRequest.of("GET", "/health").withHeader("X-Request-Id", "client")
                .withTransportRequestId("platform-7"));
        assertThat(response.headers().first("X-Request-Id")).hasValue("platform-7");
        HttpResponse invalidTransportId = send(api, HttpRequest.of("GET", "/health")
                .withHeader("X-Request-Id", "client").withTransportRequestId("not valid"));
        assertThat(invalidTransportId.headers().first("X-Request-Id")).hasValue("client");
    }

    @Test
    void theBearerChallengeNamesNoErrorWhenNoTokenWasSent() {
        RestApi api = RestApis.over(core, RestSettings.allowingOrigins(List.of()));
        HttpResponse noToken = send(api, HttpRequest.of("GET", "/tasks"));
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.headers().first("WWW-Authenticate")).hasValue("Bearer");
        HttpResponse twoHeaders = send(api, listTasks().withHeader("Authorization", alice));
        assertThat(twoHeaders.status()).isEqualTo(401);
        assertThat(twoHeaders.headers().first("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        assertThat(errors.list).filteredOn(e -> e.getLevel() == Level.DEBUG).hasSize(2)
                .allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain("alice-token"));
    }
}
