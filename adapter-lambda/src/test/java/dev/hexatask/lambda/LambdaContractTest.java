package dev.hexatask.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.hexatask.jwt.testing.TestIdentityProvider;
import dev.hexatask.lambda.local.LocalContext;
import dev.hexatask.lambda.local.ProxyEventFactory;
import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TestDatabase;
import dev.hexatask.rest.contract.ContractClient;
import dev.hexatask.rest.contract.ContractEnvironment;
import dev.hexatask.rest.contract.ContractUser;
import dev.hexatask.rest.contract.RestContractSuite;
import dev.hexatask.rest.http.HttpHeaders;
import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.http.HttpResponse;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP contract over the Lambda handler: each request becomes the proxy event API Gateway would send (both
 * header and query maps, a stage, a request id, the caller's address, every third body base64-encoded), on
 * PostgreSQL, with tokens signed by a real key and verified against its JWKS over HTTP. Like Lambda, it runs several
 * execution environments, each with its own component and a pool of one connection, each serving one request at a
 * time.
 */
@ExtendWith({PostgresTestDatabase.class, LambdaContractTest.Database.class})
class LambdaContractTest extends RestContractSuite {

    private static final int EXECUTION_ENVIRONMENTS = 4;

    /** Set before the suite's {@code @BeforeAll} asks for the environment (the test instance does not exist yet). */
    private static volatile TestDatabase database;

    static final class Database implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            if (context.getParent().flatMap(ExtensionContext::getTestClass).isEmpty()) {
                database = TestStack.database(context);
            }
        }
    }

    @Override
    protected ContractEnvironment createEnvironment() {
        TestIdentityProvider identityProvider = TestIdentityProvider.start();
        LambdaSettings settings = LambdaSettings.fromEnvironment(TestStack.environment(database, identityProvider));
        BlockingQueue<ApiHandler> handlers = new ArrayBlockingQueue<>(EXECUTION_ENVIRONMENTS);
        List<ApiComponent> components = new ArrayList<>();
        for (int i = 0; i < EXECUTION_ENVIRONMENTS; i++) {
            ApiComponent component = ApiComponent.create(settings);
            components.add(component);
            handlers.add(new ApiHandler(component.restApi()::get, settings.rest()));
        }
        ProxyEventFactory events = new ProxyEventFactory("test");
        AtomicLong sent = new AtomicLong();
        return new ContractEnvironment() {
            @Override
            public ContractClient client() {
                return request -> {
                    APIGatewayProxyRequestEvent event = events.event(request.method(), request.path(),
                            request.query(), request.headers().toMap(), request.body(),
                            sent.incrementAndGet() % 3 == 0);
                    ApiHandler handler = take(handlers);
                    try {
                        return toResponse(handler.handleRequest(event, new LocalContext()));
                    } finally {
                        handlers.add(handler);
                    }
                };
            }

            @Override
            public ContractUser newUser() {
                String sub = UUID.randomUUID().toString();
                String username = "user-" + sub.substring(0, 8);
                return new ContractUser(sub, username, Optional.empty(),
                        identityProvider.authorizationHeader(sub, username));
            }

            @Override
            public String allowedOrigin() {
                return TestStack.ORIGIN;
            }

            /** Closes the database to new connections and ends the open ones, as an outage would. */
            @Override
            public boolean setDatabaseReachable(boolean reachable) {
                String name = database.name();
                database.executeOnServer("alter database " + name + " allow_connections " + reachable);
                if (!reachable) {
                    database.executeOnServer("select pg_terminate_backend(pid) from pg_stat_activity"
                            + " where datname = '" + name + "' and pid <> pg_backend_pid()");
                }
                return true;
            }

            @Override
            public boolean transportAssignsRequestIds() {
                return true;
            }

            @Override
            public void close() {
                components.forEach(component -> component.persistence().get().close());
                identityProvider.close();
            }
        };
    }

    private static ApiHandler take(BlockingQueue<ApiHandler> handlers) {
        try {
            return handlers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What API Gateway would send the client for this proxy response. */
    static HttpResponse toResponse(APIGatewayProxyResponseEvent event) {
        assertThat(event.getStatusCode()).isBetween(100, 599);
        assertThat(event.getMultiValueHeaders()).isNotNull();
        HttpHeaders headers = HttpHeaders.of(event.getMultiValueHeaders());
        String body = event.getBody() == null ? "" : event.getBody();
        byte[] bytes = Boolean.TRUE.equals(event.getIsBase64Encoded()) ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        return new HttpResponse(event.getStatusCode(), headers, bytes);
    }
}
