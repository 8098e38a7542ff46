package dev.hexatask.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.hexatask.jwt.testing.TestIdentityProvider;
import dev.hexatask.lambda.local.LocalContext;
import dev.hexatask.lambda.local.ProxyEventFactory;
import dev.hexatask.persistence.testing.FreezablePostgres;
import dev.hexatask.persistence.testing.OutageRun;
import dev.hexatask.persistence.testing.OutageRun.Sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Part 1 of the reliability suite for the Lambda handler (not a test: it prints figures): execution environments
 * (one {@link ApiHandler} each, with its own pool of one connection, invoked one request at a time as Lambda does)
 * driven in-process in a closed loop of reads and writes while the database is frozen and thawed.
 * {@code ./mvnw -q -pl adapter-lambda -am test-compile -Preliability}
 */
public final class LambdaOutageUnderLoad {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private LambdaOutageUnderLoad() {
    }

    public static void main(String[] args) throws Exception {
        int before = Integer.getInteger("reliability.before", 10);
        int outage = Integer.getInteger("reliability.outage", 15);
        int after = Integer.getInteger("reliability.after", 15);
        int environments = Integer.getInteger("reliability.clients", 4);
        System.out.printf("== Outage under load: Lambda handler in-process, %d execution environments (closed loop, "
                + "70%% GET /tasks, 30%% POST /tasks with an Idempotency-Key), %d s before, %d s frozen (SIGSTOP), "
                + "%d s after%n", environments, before, outage, after);
        System.out.println("machine: " + OutageRun.machine());
        try (FreezablePostgres database = FreezablePostgres.start();
             TestIdentityProvider identity = TestIdentityProvider.start()) {
            Map<String, String> environment = TestStack.environment(database.jdbcUrl(), database.credentials(),
                    identity);
            LambdaSettings settings = LambdaSettings.fromEnvironment(environment);
            List<ApiComponent> components = new ArrayList<>();
            for (int i = 0; i < environments; i++) {
                components.add(ApiComponent.create(settings));
            }
            // Flyway needs two connections; the API's pool has one (the migrations function's settings have two).
            try (var migrations = dev.hexatask.persistence.PostgresPersistence.start(
                    MigrationsHandler.settings(database.jdbcUrl()), database.credentials())) {
                migrations.migrate();
            }

            OutageRun run = new OutageRun(Duration.ofSeconds(before), Duration.ofSeconds(outage),
                    Duration.ofSeconds(after));
            ProxyEventFactory events = new ProxyEventFactory("test");
            List<Thread> loops = new ArrayList<>();
            for (int i = 0; i < environments; i++) {
                ApiHandler handler = new ApiHandler(components.get(i).restApi()::get, settings.rest());
                String user = "lambda-" + i;
                String token = identity.authorizationHeader(user, user);
                loops.add(Thread.ofPlatform().start(() -> {
                    while (run.running()) {
                        run.add(invoke(handler, events, token, ThreadLocalRandom.current().nextInt(10) >= 7));
                    }
                }));
            }
            run.drive(database);
            for (Thread loop : loops) {
                loop.join(Duration.ofSeconds(30));
            }
            run.report("Retry-After, the CORS header and problem+json");
            run.checkWrites(database, "hexatask", environments);
            components.forEach(component -> component.persistence().get().close());
        }
        System.exit(0);
    }

    private static Sample invoke(ApiHandler handler, ProxyEventFactory events, String token, boolean create) {
        String title = create ? "Lambda outage " + UUID.randomUUID() : null;
        String key = create ? "key-" + UUID.randomUUID() : null;
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        headers.put("Authorization", List.of(token));
        headers.put("Origin", List.of(TestStack.ORIGIN));
        APIGatewayProxyRequestEvent event;
        if (create) {
            headers.put("Content-Type", List.of("application/json"));
            headers.put("Idempotency-Key", List.of(key));
            event = events.event("POST", "/tasks", Map.of(), headers,
                    ("{\"title\":\"" + title + "\"}").getBytes(StandardCharsets.UTF_8), false);
        } else {
            event = events.event("GET", "/tasks", Map.of("limit", List.of("20")), headers, new byte[0], false);
        }
        long started = System.nanoTime();
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, new LocalContext());
        long ended = System.nanoTime();
        Map<String, String> answer = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (response.getHeaders() != null) {
            answer.putAll(response.getHeaders());
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> answer.put(name, values.getFirst()));
        }
        boolean wellFormed = answer.containsKey("Retry-After")
                && TestStack.ORIGIN.equals(answer.get("Access-Control-Allow-Origin"))
                && answer.getOrDefault("Content-Type", "").startsWith("application/problem+json");
        String id = null;
        if (response.getStatusCode() == 201) {
            Matcher matcher = ID.matcher(response.getBody());
            id = matcher.find() ? matcher.group(1) : null;
        }
        return new Sample(started, ended, create ? "POST" : "GET", response.getStatusCode(), wellFormed, title, key,
                id);
    }
}
