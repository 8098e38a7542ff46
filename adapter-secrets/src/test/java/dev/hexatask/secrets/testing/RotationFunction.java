package dev.hexatask.secrets.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.postgresql.PGConnection;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * A rotation of an RDS PostgreSQL secret done step by step as AWS's rotation functions for PostgreSQL do it
 * ({@code SecretsManagerRDSPostgreSQLRotationSingleUser} and {@code ...MultiUser}), through the real SDK client and
 * against the real database:
 * <ol>
 *   <li>{@code createSecret}: a copy of AWSCURRENT with a new password from {@code GetRandomPassword} (and, for
 *       alternating users, the other user's name: {@code _clone} added or taken off) put as AWSPENDING;</li>
 *   <li>{@code setSecret}: the database told: single user, signed in as the user itself with its current password,
 *       {@code ALTER USER} to the pending one; alternating users, signed in as the master user of the secret's
 *       {@code masterarn}, the other user made ({@code GRANT} of the current one, so it inherits its rights) or its
 *       password changed;</li>
 *   <li>{@code testSecret}: a sign-in with AWSPENDING and a query;</li>
 *   <li>{@code finishSecret}: AWSCURRENT moved to the new version (the service puts AWSPREVIOUS on the old one);
 *       then, as the service does when the function has finished, AWSPENDING taken off.</li>
 * </ol>
 * Every step may be run again, as Secrets Manager retries them. Connections ask for TLS ({@code sslmode=require}).
 */
public final class RotationFunction {

    public enum Strategy { SINGLE_USER, ALTERNATING_USERS }

    /** What one rotation did, and when: its database-changing part is from setSecret to the end of finishSecret. */
    public record Rotation(String token, String userBefore, String userAfter, long startNanos, long setSecretNanos,
                           long finishedNanos) {

        public Duration window() {
            return Duration.ofNanos(finishedNanos - setSecretNanos);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The characters AWS's templates exclude: they would need quoting in a URL or a statement. */
    private static final String EXCLUDED = "/@\"'\\";

    private final SecretsManagerClient client;
    private final String secretArn;
    private final Strategy strategy;

    public RotationFunction(SecretsManagerClient client, String secretArn, Strategy strategy) {
        this.client = client;
        this.secretArn = secretArn;
        this.strategy = strategy;
    }

    /** All four steps with a new token; {@code afterSetSecret} runs once the database has the new password. */
    public Rotation rotate(Runnable afterSetSecret) {
        String token = UUID.randomUUID().toString();
        long start = System.nanoTime();
        String before = secret(LocalSecretsManager.CURRENT, null).get("username").asText();
        createSecret(token);
        long set = System.nanoTime();
        setSecret(token);
        afterSetSecret.run();
        testSecret(token);
        finishSecret(token);
        long finished = System.nanoTime();
        String after = secret(LocalSecretsManager.CURRENT, null).get("username").asText();
        return new Rotation(token, before, after, start, set, finished);
    }

    public void createSecret(String token) {
        ObjectNode current = secret(LocalSecretsManager.CURRENT, null);
        try {
            secret(LocalSecretsManager.PENDING, token);
            return;
        } catch (ResourceNotFoundException e) {
            // not made yet: make it below
        }
        ObjectNode pending = current.deepCopy();
        if (strategy == Strategy.ALTERNATING_USERS) {
            String user = current.get("username").asText();
            pending.put("username", user.endsWith("_clone") ? user.substring(0, user.length() - 6) : user + "_clone");
        }
        pending.put("password", client.getRandomPassword(request -> request.excludeCharacters(EXCLUDED))
                .randomPassword());
        client.putSecretValue(request -> request.secretId(secretArn).clientRequestToken(token)
                .secretString(text(pending)).versionStages(LocalSecretsManager.PENDING));
    }

    public void setSecret(String token) {
        ObjectNode pending = secret(LocalSecretsManager.PENDING, token);
        try (Connection alreadySet = connect(pending)) {
            return;
        } catch (SQLException e) {
            // the database does not know the pending password yet
        }
        ObjectNode current = secret(LocalSecretsManager.CURRENT, null);
        String pendingUser = pending.get("username").asText();
        try {
            if (strategy == Strategy.SINGLE_USER) {
                if (!pendingUser.equals(current.get("username").asText())) {
                    throw new IllegalStateException("single-user rotation: AWSPENDING names another user");
                }
                try (Connection connection = connectWithCurrentOrPrevious(current)) {
                    setPassword(connection, pendingUser, pending.get("password").asText());
                }
            } else {
                ObjectNode master = masterSecret(current);
                try (Connection connection = connect(master)) {
                    if (roleExists(connection, pendingUser)) {
                        setPassword(connection, pendingUser, pending.get("password").asText());
                    } else {
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("create role " + identifier(pendingUser) + " login");
                            statement.execute("grant " + identifier(current.get("username").asText()) + " to "
                                    + identifier(pendingUser));
                        }
                        setPassword(connection, pendingUser, pending.get("password").asText());
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("setSecret failed: " + e.getMessage(), e);
        }
    }

    public void testSecret(String token) {
        try (Connection connection = connect(secret(LocalSecretsManager.PENDING, token));
             Statement statement = connection.createStatement();
             ResultSet now = statement.executeQuery("select now()")) {
            now.next();
        } catch (SQLException e) {
            throw new IllegalStateException("testSecret: the pending secret cannot sign in: " + e.getMessage(), e);
        }
    }

    public void finishSecret(String token) {
        Map<String, java.util.List<String>> versions = client.describeSecret(request -> request.secretId(secretArn))
                .versionIdsToStages();
        String current = versions.entrySet().stream()
                .filter(version -> version.getValue().contains(LocalSecretsManager.CURRENT))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        if (!current.equals(token)) {
            client.updateSecretVersionStage(request -> request.secretId(secretArn)
                    .versionStage(LocalSecretsManager.CURRENT).moveToVersionId(token).removeFromVersionId(current));
        }
        // The service's own last step once the function has finished.
        if (versions.getOrDefault(token, java.util.List.of()).contains(LocalSecretsManager.PENDING)) {
            client.updateSecretVersionStage(request -> request.secretId(secretArn)
                    .versionStage(LocalSecretsManager.PENDING).removeFromVersionId(token));
        }
    }

    private Connection connectWithCurrentOrPrevious(ObjectNode current) throws SQLException {
        try {
            return connect(current);
        } catch (SQLException e) {
            return connect(secret(LocalSecretsManager.PREVIOUS, null));
        }
    }

    private ObjectNode masterSecret(ObjectNode current) {
        String masterArn = current.path("masterarn").asText(null);
        if (masterArn == null) {
            throw new IllegalStateException("alternating-users rotation needs masterarn in the secret");
        }
        return read(masterArn, LocalSecretsManager.CURRENT, null);
    }

    private ObjectNode secret(String stage, String versionId) {
        return read(secretArn, stage, versionId);
    }

    private ObjectNode read(String arn, String stage, String versionId) {
        String value = client.getSecretValue(request -> request.secretId(arn).versionStage(stage)
                .versionId(versionId)).secretString();
        try {
            return (ObjectNode) JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the secret is not JSON", e);
        }
    }

    private static Connection connect(ObjectNode secret) throws SQLException {
        String url = "jdbc:postgresql://" + secret.get("host").asText() + ":" + secret.get("port").asInt() + "/"
                + secret.path("dbname").asText("postgres") + "?sslmode=require&connectTimeout=5";
        Properties properties = new Properties();
        properties.setProperty("user", secret.get("username").asText());
        properties.setProperty("password", secret.get("password").asText());
        properties.setProperty("ApplicationName", "rotation");
        return DriverManager.getConnection(url, properties);
    }

    private static boolean roleExists(Connection connection, String role) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            statement.setString(1, role);
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
            }
        }
    }

    /** As a SCRAM verifier computed here, so the password is never in a statement's text. */
    private static void setPassword(Connection connection, String user, String password) throws SQLException {
        connection.unwrap(PGConnection.class).alterUserPassword(user, password.toCharArray(), "scram-sha-256");
    }

    private static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String text(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
