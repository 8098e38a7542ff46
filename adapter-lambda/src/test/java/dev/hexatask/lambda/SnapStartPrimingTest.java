package dev.hexatask.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.hexatask.jwt.testing.TestIdentityProvider;
import dev.hexatask.lambda.local.LocalContext;
import dev.hexatask.lambda.local.ProxyEventFactory;
import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TestDatabase;
import org.crac.CheckpointException;
import org.crac.Context;
import org.crac.Resource;
import org.crac.RestoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives SnapStart's hooks through the CRaC global context, as the runtime does around a snapshot. */
@ExtendWith(PostgresTestDatabase.class)
class SnapStartPrimingTest {

    private final TestDatabase database;
    private TestIdentityProvider identityProvider;
    private ApiComponent component;
    private ApiHandler handler;
    private final ProxyEventFactory events = new ProxyEventFactory("prod");

    SnapStartPrimingTest(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void start() {
        identityProvider = TestIdentityProvider.start();
        LambdaSettings settings = LambdaSettings.fromEnvironment(TestStack.environment(database, identityProvider));
        component = ApiComponent.create(settings);
        handler = new ApiHandler(component.restApi()::get, settings.rest());
    }

    @AfterEach
    void stop() {
        component.persistence().get().close();
        identityProvider.close();
    }

    @Test
    void beforeCheckpointPrimesAndClosesEveryConnectionAndAfterRestoreServesAgain() throws Exception {
        String sub = UUID.randomUUID().toString();
        String authorization = identityProvider.authorizationHeader(sub, "snap");
        assertThat(listTasks(authorization).getStatusCode()).isEqualTo(200);
        assertThat(openConnections()).isEqualTo(1);

        RuntimeContext context = new RuntimeContext();
        context.register(component.snapStartPriming());
        context.beforeCheckpoint(null);

        assertThat(openConnections()).as("connections left open in the snapshot").isZero();
        Thread.sleep(300);
        assertThat(openConnections()).as("the pool must not reconnect before the restore").isZero();
        int jwksFetches = identityProvider.jwksRequestCount();

        context.afterRestore(null);
        assertThat(listTasks(authorization).getStatusCode()).isEqualTo(200);
        assertThat(identityProvider.authorizationHeader(sub, "snap")).isNotEqualTo(authorization);
        assertThat(listTasks(identityProvider.authorizationHeader(sub, "snap")).getStatusCode()).isEqualTo(200);
        assertThat(openConnections()).isEqualTo(1);
        assertThat(identityProvider.jwksRequestCount()).as("keys still cached after the restore")
                .isEqualTo(jwksFetches);
    }

    @Test
    void primingOnAColdComponentFetchesTheKeysAndLeavesNoConnection() throws Exception {
        SnapStartPriming priming = component.snapStartPriming();
        RuntimeContext context = new RuntimeContext();
        assertThat(identityProvider.jwksRequestCount()).isZero();
        priming.beforeCheckpoint(context);
        assertThat(identityProvider.jwksRequestCount()).as("JWKS fetched while priming").isPositive();
        assertThat(openConnections()).isZero();
        priming.afterRestore(context);
        int fetches = identityProvider.jwksRequestCount();
        String authorization = identityProvider.authorizationHeader(UUID.randomUUID().toString(), "cold");
        APIGatewayProxyResponseEvent created = handler.handleRequest(events.event("POST", "/tasks", Map.of(),
                Map.of("Authorization", List.of(authorization), "Content-Type", List.of("application/json")),
                "{\"title\":\"after restore\"}".getBytes(), false), new LocalContext());
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
        assertThat(identityProvider.jwksRequestCount()).as("keys already cached by the priming").isEqualTo(fetches);
    }

    /**
     * A CRaC context as the runtime's: notifies its resources before the checkpoint in reverse order of
     * registration and after the restore in order. (org.crac's global context cannot be driven without a CRaC JVM.)
     */
    static final class RuntimeContext extends Context<Resource> {

        private final List<Resource> resources = new java.util.ArrayList<>();

        @Override
        public void register(Resource resource) {
            resources.add(resource);
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) throws CheckpointException {
            for (Resource resource : resources.reversed()) {
                try {
                    resource.beforeCheckpoint(this);
                } catch (Exception e) {
                    CheckpointException failure = new CheckpointException();
                    failure.addSuppressed(e);
                    throw failure;
                }
            }
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) throws RestoreException {
            for (Resource resource : resources) {
                try {
                    resource.afterRestore(this);
                } catch (Exception e) {
                    RestoreException failure = new RestoreException();
                    failure.addSuppressed(e);
                    throw failure;
                }
            }
        }
    }

    private APIGatewayProxyResponseEvent listTasks(String authorization) {
        return handler.handleRequest(events.event("GET", "/tasks", Map.of(),
                Map.of("Authorization", List.of(authorization)), null, false), new LocalContext());
    }

    /** Server-side view: backends of this database opened by the function's pool. */
    private int openConnections() throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "select count(*) from pg_stat_activity where datname = ? and application_name = 'hexatask'")) {
            statement.setString(1, database.name());
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
