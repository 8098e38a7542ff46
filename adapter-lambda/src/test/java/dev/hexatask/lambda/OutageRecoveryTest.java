package dev.hexatask.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.hexatask.jwt.testing.TestIdentityProvider;
import dev.hexatask.lambda.local.LocalContext;
import dev.hexatask.lambda.local.ProxyEventFactory;
import dev.hexatask.persistence.PostgresPersistence;
import dev.hexatask.persistence.testing.FreezablePostgres;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An execution environment serves every request on one thread, so what a failed transaction leaves bound to that
 * thread meets the next request. The Lambda outage run once found such a defect (after a request got no connection,
 * the rollback of the transaction that never began was short-cut, and the environment then answered {@code 500} to
 * creates after the database was back). This test holds the behaviour that run asked for: {@code 503} while the
 * database is frozen, also for a request during which it comes back, and {@code 201}/{@code 200} on the same thread
 * after it. It does not reproduce that defect's interleaving: with the short-cut put back, it still passes.
 */
class OutageRecoveryTest {

    @Test
    void afterAnOutageTheSameEnvironmentAnswersAsBeforeIt() throws Exception {
        try (FreezablePostgres database = FreezablePostgres.start();
             TestIdentityProvider identity = TestIdentityProvider.start()) {
            Map<String, String> environment = TestStack.environment(database.jdbcUrl(), database.credentials(),
                    identity);
            LambdaSettings settings = LambdaSettings.fromEnvironment(environment);
            try (PostgresPersistence migrations = PostgresPersistence.start(
                    MigrationsHandler.settings(database.jdbcUrl()), database.credentials())) {
                migrations.migrate();
            }
            ApiComponent component = ApiComponent.create(settings);
            try {
                ApiHandler handler = new ApiHandler(component.restApi()::get, settings.rest());
                String token = identity.authorizationHeader("recovery", "recovery");
                assertThat(create(handler, token).getStatusCode()).isEqualTo(201);

                // Idle for longer than the pool trusts a connection unchecked: the next request has it validated,
                // finds it dead, and gets no connection at all.
                Thread.sleep(700);
                database.freeze();
                Thread thaw = null;
                try {
                    APIGatewayProxyResponseEvent duringOutage = create(handler, token);
                    assertThat(duringOutage.getStatusCode()).as(duringOutage.getBody()).isEqualTo(503);
                    // The database comes back while the next request waits for a connection, as under load.
                    thaw = Thread.ofPlatform().start(() -> {
                        try {
                            Thread.sleep(1_500);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        database.thaw();
                    });
                    APIGatewayProxyResponseEvent whileComingBack = create(handler, token);
                    assertThat(whileComingBack.getStatusCode()).as(whileComingBack.getBody()).isIn(201, 503);
                } finally {
                    if (thaw != null) {
                        thaw.join();
                    }
                    database.thaw();
                }

                for (int i = 0; i < 3; i++) {
                    APIGatewayProxyResponseEvent created = create(handler, token);
                    assertThat(created.getStatusCode()).as("create %d after the outage: %s", i, created.getBody())
                            .isEqualTo(201);
                    assertThat(list(handler, token).getStatusCode()).isEqualTo(200);
                }
            } finally {
                component.persistence().get().close();
            }
        }
    }

    private static APIGatewayProxyResponseEvent create(ApiHandler handler, String token) {
        Map<String, List<String>> headers = headers(token);
        headers.put("Content-Type", List.of("application/json"));
        headers.put("Idempotency-Key", List.of(UUID.randomUUID().toString()));
        APIGatewayProxyRequestEvent event = new ProxyEventFactory("test").event("POST", "/tasks", Map.of(), headers,
                "{\"title\":\"After an outage\"}".getBytes(StandardCharsets.UTF_8), false);
        return handler.handleRequest(event, new LocalContext());
    }

    private static APIGatewayProxyResponseEvent list(ApiHandler handler, String token) {
        APIGatewayProxyRequestEvent event = new ProxyEventFactory("test").event("GET", "/tasks", Map.of(),
                headers(token), new byte[0], false);
        return handler.handleRequest(event, new LocalContext());
    }

    private static Map<String, List<String>> headers(String token) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Authorization", List.of(token));
        headers.put("Origin", List.of(TestStack.ORIGIN));
        return headers;
    }
}
