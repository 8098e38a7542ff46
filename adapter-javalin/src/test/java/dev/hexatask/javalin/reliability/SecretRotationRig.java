package dev.hexatask.javalin.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hexatask.javalin.HexataskApplication;
import dev.hexatask.javalin.config.ServerConfig;
import dev.hexatask.jwt.testing.TestIdentityProvider;
import dev.hexatask.persistence.RotationAwareDataSource;
import dev.hexatask.persistence.testing.RotationRun.Sample;
import dev.hexatask.persistence.testing.TlsPostgres;
import dev.hexatask.secrets.testing.LocalSecretsManager;
import dev.hexatask.secrets.testing.RotationFunction;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The server configured with {@code DB_SECRET_ARN} as on a laptop with a real secret: the SDK's default credentials
 * and its own endpoint setting ({@code aws.endpointUrlSecretsManager}, the system property of
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}) pointing at a {@link LocalSecretsManager}; the secret names a
 * {@link TlsPostgres}, whose URL asks for TLS as an RDS secret's does. The schema's owner is the secret's user
 * ({@value #USER}; with alternating users also {@value #USER}_clone, made by the rotation), and the secret's
 * {@code masterarn} names the superuser, for the alternating-users rotation. A {@link RotationFunction} rotates the
 * secret with its own SDK client.
 */
public final class SecretRotationRig implements AutoCloseable {

    public static final String USER = "hexatask";
    static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hexatask/server-db-AbCdEf";
    static final String MASTER_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hexatask/master-XyZ123";
    static final String ORIGIN = "https://app.hexatask.test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SDK_PROPERTIES = Map.of(
            "aws.accessKeyId", "AKIDLOCALEXAMPLE",
            "aws.secretAccessKey", "local-secret-key-not-real");

    public final TlsPostgres database;
    public final LocalSecretsManager secretsManager;
    public final TestIdentityProvider identity;
    public final HexataskApplication application;
    private final SecretsManagerClient rotationClient;
    private final RotationFunction rotation;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private SecretRotationRig(TlsPostgres database, LocalSecretsManager secretsManager, TestIdentityProvider identity,
                              HexataskApplication application, RotationFunction.Strategy strategy) {
        this.database = database;
        this.secretsManager = secretsManager;
        this.identity = identity;
        this.application = application;
        this.rotationClient = rotationClient(secretsManager);
        this.rotation = new RotationFunction(rotationClient, SECRET_ARN, strategy);
    }

    public static SecretRotationRig start(RotationFunction.Strategy strategy, int poolSize) throws IOException {
        TlsPostgres database = TlsPostgres.start();
        LocalSecretsManager secretsManager = null;
        TestIdentityProvider identity = null;
        try {
            String password = UUID.randomUUID().toString();
            database.createOwner(USER, password);
            secretsManager = LocalSecretsManager.start();
            secretsManager.create(SECRET_ARN, rdsSecret(database, USER, password, USER, MASTER_ARN));
            secretsManager.create(MASTER_ARN, rdsSecret(database, TlsPostgres.SUPERUSER, "trusted-on-localhost",
                    "postgres", null));
            System.setProperty("aws.endpointUrlSecretsManager", secretsManager.endpoint());
            SDK_PROPERTIES.forEach(System::setProperty);
            identity = TestIdentityProvider.start();
            Map<String, String> env = new HashMap<>();
            env.put("PORT", "0");
            env.put("DB_SECRET_ARN", SECRET_ARN);
            env.put("DB_POOL_SIZE", Integer.toString(poolSize));
            env.put("OIDC_ISSUER", identity.issuer());
            env.put("OIDC_CLIENT_IDS", identity.clientId());
            env.put("OIDC_REQUIRED_SCOPE", "hexatask/api");
            env.put("CORS_ALLOWED_ORIGINS", ORIGIN);
            HexataskApplication application = HexataskApplication.start(ServerConfig.fromEnvironment(env),
                    "127.0.0.1", line -> { });
            return new SecretRotationRig(database, secretsManager, identity, application, strategy);
        } catch (RuntimeException | IOException e) {
            clearProperties();
            if (identity != null) {
                identity.close();
            }
            if (secretsManager != null) {
                secretsManager.close();
            }
            database.close();
            throw e;
        }
    }

    static String rdsSecret(TlsPostgres database, String user, String password, String dbname, String masterArn) {
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("engine", "postgres");
        secret.put("host", database.host());
        secret.put("port", database.port());
        secret.put("username", user);
        secret.put("password", password);
        secret.put("dbname", dbname);
        if (masterArn != null) {
            secret.put("masterarn", masterArn);
        }
        try {
            return JSON.writeValueAsString(secret);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rotation function's own client, as AWS's function has: static keys, the endpoint given. */
    private static SecretsManagerClient rotationClient(LocalSecretsManager secretsManager) {
        return SecretsManagerClient.builder()
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDROTATIONEXAMPLE", "rotation-key-not-real")))
                .endpointOverride(URI.create(secretsManager.endpoint()))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .build();
    }

    /**
     * One rotation, step by step. Once the database has the new password, every pooled connection is replaced (as
     * when connections reach their lifetime or new instances start during a rotation), so new sign-ins meet it.
     */
    public RotationFunction.Rotation rotate() {
        return rotate(Duration.ZERO);
    }

    /**
     * The same, with {@code pause} between setSecret and testSecret, as when the function's steps run as separate
     * invocations seconds apart: the database has the new password and AWSCURRENT still the old one meanwhile.
     */
    public RotationFunction.Rotation rotate(Duration pause) {
        return rotation.rotate(() -> {
            application.persistence().renewConnections();
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** The secret's AWSCURRENT value, parsed. */
    public Map<String, Object> current() {
        return parse(secretsManager.value(SECRET_ARN, LocalSecretsManager.CURRENT));
    }

    /** The AWSPREVIOUS value, parsed. */
    public Map<String, Object> previous() {
        return parse(secretsManager.value(SECRET_ARN, LocalSecretsManager.PREVIOUS));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Refused passwords the server's data source has seen (each one led to reading the secret again). */
    public long passwordRefusals() {
        try {
            return application.persistence().dataSource().unwrap(RotationAwareDataSource.class).passwordRefusals();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code Authorization} header of a user. */
    public String token(String user) {
        return identity.authorizationHeader(user, user);
    }

    /** A request of a client of the load: a create, then a list, in turn. */
    public Sample request(String token, int sequence) {
        URI api = URI.create(application.baseUri() + "/api");
        boolean create = sequence % 3 == 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + (create ? "/tasks" : "/tasks?limit=20")))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", token)
                .header("Origin", ORIGIN);
        if (create) {
            request.header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Rotation " + sequence + "\"}"));
        }
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Sample(started, System.nanoTime(), create ? "POST" : "GET", response.statusCode(),
                    response.statusCode() < 300 ? "" : response.body());
        } catch (IOException e) {
            return new Sample(started, System.nanoTime(), create ? "POST" : "GET", -1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sample(started, System.nanoTime(), create ? "POST" : "GET", -1, "interrupted");
        }
    }

    private static void clearProperties() {
        System.clearProperty("aws.endpointUrlSecretsManager");
        SDK_PROPERTIES.keySet().forEach(System::clearProperty);
    }

    @Override
    public void close() throws IOException {
        try {
            application.close();
            rotationClient.close();
            identity.close();
            secretsManager.close();
        } finally {
            clearProperties();
            database.close();
        }
    }
}
