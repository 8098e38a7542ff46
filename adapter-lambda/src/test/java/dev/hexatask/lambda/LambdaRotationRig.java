package dev.hexatask.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hexatask.jwt.testing.TestIdentityProvider;
import dev.hexatask.lambda.local.LocalContext;
import dev.hexatask.lambda.local.ProxyEventFactory;
import dev.hexatask.persistence.ApplicationRole;
import dev.hexatask.persistence.PostgresPersistence;
import dev.hexatask.persistence.RotationAwareDataSource;
import dev.hexatask.persistence.UrlDatabaseCredentials;
import dev.hexatask.persistence.testing.RotationRun.Sample;
import dev.hexatask.persistence.testing.TlsPostgres;
import dev.hexatask.secrets.testing.LocalSecretsManager;
import dev.hexatask.secrets.testing.RotationFunction;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Lambda execution environments in-process (one {@link ApiComponent} and {@link ApiHandler} each, its own pool, as
 * the API function runs) configured with {@code DB_SECRET_ARN} as in AWS: the application's secret names the
 * least-privilege role {@link ApplicationRole#NAME} on a {@link TlsPostgres}, read through the real SDK client whose
 * endpoint is the SDK's own setting ({@code aws.endpointUrlSecretsManager}, the system property of
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}) and whose keys are the environment's ({@code AWS_ACCESS_KEY_ID}, set for
 * the test JVM by the build). The migrations function made the schema as its owner and let the role sign in; the
 * owner is the master user of the secret's {@code masterarn}, for the alternating-users rotation.
 */
final class LambdaRotationRig implements AutoCloseable {

    static final String OWNER = "hexatask";
    static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hexatask/app-db-AbCdEf";
    static final String MASTER_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hexatask/master-XyZ123";
    private static final ObjectMapper JSON = new ObjectMapper();

    final TlsPostgres database;
    final LocalSecretsManager secretsManager;
    final TestIdentityProvider identity;
    final List<ApiComponent> environments = new ArrayList<>();
    final List<ApiHandler> handlers = new ArrayList<>();
    private final SecretsManagerClient rotationClient;
    private final RotationFunction rotation;
    private final ProxyEventFactory events = new ProxyEventFactory("test");

    private LambdaRotationRig(TlsPostgres database, LocalSecretsManager secretsManager, TestIdentityProvider identity,
                              RotationFunction.Strategy strategy) {
        this.database = database;
        this.secretsManager = secretsManager;
        this.identity = identity;
        this.rotationClient = SecretsManagerClient.builder()
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDROTATIONEXAMPLE", "rotation-key-not-real")))
                .endpointOverride(URI.create(secretsManager.endpoint()))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        this.rotation = new RotationFunction(rotationClient, SECRET_ARN, strategy);
    }

    static LambdaRotationRig start(RotationFunction.Strategy strategy, int environments) throws IOException {
        if (System.getenv("AWS_ACCESS_KEY_ID") == null) {
            throw new IllegalStateException("AWS_ACCESS_KEY_ID is not set: the function reads its keys from the "
                    + "environment (the build sets local ones for the test JVM)");
        }
        TlsPostgres database = TlsPostgres.start();
        LambdaRotationRig rig = null;
        try {
            String ownerPassword = UUID.randomUUID().toString();
            database.createOwner(OWNER, ownerPassword);
            LocalSecretsManager secretsManager = LocalSecretsManager.start();
            secretsManager.create(SECRET_ARN, rdsSecret(database, ApplicationRole.NAME, UUID.randomUUID().toString(),
                    MASTER_ARN));
            secretsManager.create(MASTER_ARN, rdsSecret(database, OWNER, ownerPassword, null));
            System.setProperty("aws.endpointUrlSecretsManager", secretsManager.endpoint());
            rig = new LambdaRotationRig(database, secretsManager, TestIdentityProvider.start(), strategy);
            rig.migrate(ownerPassword);
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("HEXATASK_STAGE", "test");
            environment.put("DB_SECRET_ARN", SECRET_ARN);
            environment.put("AWS_REGION", "eu-west-1");
            environment.put("OIDC_ISSUER", rig.identity.issuer());
            environment.put("OIDC_CLIENT_IDS", rig.identity.clientId());
            environment.put("OIDC_REQUIRED_SCOPE", "hexatask/api");
            environment.put("CORS_ALLOWED_ORIGINS", TestStack.ORIGIN);
            LambdaSettings settings = LambdaSettings.fromEnvironment(environment);
            for (int i = 0; i < environments; i++) {
                ApiComponent component = ApiComponent.create(settings);
                rig.environments.add(component);
                rig.handlers.add(new ApiHandler(component.restApi()::get, settings.rest()));
            }
            return rig;
        } catch (RuntimeException | IOException e) {
            if (rig != null) {
                rig.close();
            } else {
                database.close();
            }
            throw e;
        }
    }

    /** As the migrations function does on a deploy: the schema as its owner, then the role's sign-in. */
    private void migrate(String ownerPassword) {
        UrlDatabaseCredentials owner = UrlDatabaseCredentials.of(database.jdbcUrl(OWNER), OWNER, ownerPassword);
        var application = new dev.hexatask.secrets.SecretsManagerDatabaseCredentials(rotationClient, SECRET_ARN);
        new MigrationsHandler(() -> PostgresPersistence.start(MigrationsHandler.settings(owner.jdbcUrl()), owner),
                Optional.of(() -> application)).handleRequest(Map.of(), new LocalContext());
    }

    static String rdsSecret(TlsPostgres database, String user, String password, String masterArn) {
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("engine", "postgres");
        secret.put("host", database.host());
        secret.put("port", database.port());
        secret.put("username", user);
        secret.put("password", password);
        secret.put("dbname", OWNER);
        if (masterArn != null) {
            secret.put("masterarn", masterArn);
        }
        try {
            return JSON.writeValueAsString(secret);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One rotation, step by step; once the database has the new password, every environment's pooled connection is
     * replaced (as when new environments start or connections reach their lifetime during a rotation).
     */
    RotationFunction.Rotation rotate() {
        return rotate(java.time.Duration.ZERO);
    }

    /** The same, with {@code pause} between setSecret and testSecret (steps run as invocations seconds apart). */
    RotationFunction.Rotation rotate(java.time.Duration pause) {
        return rotation.rotate(() -> {
            environments.forEach(e -> e.persistence().get().renewConnections());
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> secret(String stage) {
        try {
            return JSON.readValue(secretsManager.value(SECRET_ARN, stage), Map.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Refused passwords seen by every environment's data source (each one led to reading the secret again). */
    long passwordRefusals() {
        long refusals = 0;
        for (ApiComponent environment : environments) {
            try {
                refusals += environment.persistence().get().dataSource().unwrap(RotationAwareDataSource.class)
                        .passwordRefusals();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return refusals;
    }

    String token(String user) {
        return identity.authorizationHeader(user, user);
    }

    /** One invocation of environment {@code index}: a create every third time, else a list. */
    Sample invoke(int index, String token, int sequence) {
        boolean create = sequence % 3 == 0;
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Authorization", List.of(token));
        headers.put("Origin", List.of(TestStack.ORIGIN));
        APIGatewayProxyRequestEvent event;
        if (create) {
            headers.put("Content-Type", List.of("application/json"));
            headers.put("Idempotency-Key", List.of(UUID.randomUUID().toString()));
            event = events.event("POST", "/tasks", Map.of(), headers,
                    ("{\"title\":\"Rotation " + sequence + "\"}").getBytes(StandardCharsets.UTF_8), false);
        } else {
            event = events.event("GET", "/tasks", Map.of("limit", List.of("20")), headers, new byte[0], false);
        }
        long started = System.nanoTime();
        APIGatewayProxyResponseEvent response = handlers.get(index).handleRequest(event, new LocalContext());
        int status = response.getStatusCode();
        return new Sample(started, System.nanoTime(), create ? "POST" : "GET", status,
                status < 300 ? "" : response.getBody());
    }

    @Override
    public void close() throws IOException {
        try {
            environments.forEach(environment -> environment.persistence().get().close());
            rotationClient.close();
            identity.close();
            secretsManager.close();
        } finally {
            System.clearProperty("aws.endpointUrlSecretsManager");
            database.close();
        }
    }
}
