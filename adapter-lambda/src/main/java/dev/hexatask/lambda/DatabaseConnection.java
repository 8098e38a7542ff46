package dev.hexatask.lambda;

import dev.hexatask.application.port.out.DatabaseCredentials;
import dev.hexatask.persistence.DatabaseSettings;
import dev.hexatask.persistence.PostgresPersistence;
import dev.hexatask.persistence.UrlDatabaseCredentials;
import dev.hexatask.secrets.RdsIamAuthTokens;
import dev.hexatask.secrets.RdsSecret;
import dev.hexatask.secrets.SecretsManagerClients;
import dev.hexatask.secrets.SecretsManagerDatabaseCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The database to connect to and the credentials port that signs every new connection in: the secret's password,
 * or IAM authentication tokens through RDS Proxy.
 *
 * @param jdbcUrl    a {@code jdbc:postgresql:} URL without credentials
 * @param fromSecret whether the credentials come from a rotated Secrets Manager secret
 */
public record DatabaseConnection(String jdbcUrl, DatabaseCredentials credentials, boolean fromSecret) {

    /**
     * How long a request may wait for a new connection when the password is being rotated (the retries of the
     * rotation-aware data source run meanwhile), and the whole transaction's bound on the database then: both well
     * inside the API function's 15 s timeout, so that the caller gets a 503 problem rather than a gateway timeout,
     * also when the database stops answering.
     */
    static final Duration ROTATION_CONNECTION_WAIT = Duration.ofSeconds(6);
    static final Duration ROTATION_TRANSACTION_TIMEOUT = Duration.ofSeconds(8);

    /**
     * The persistence adapter over this database. A refused password makes it read the credentials again and retry
     * with backoff (adapter-persistence's {@code RotationAwareDataSource}), which covers the moments of a rotation
     * when the database already has the new password and the secret's current version does not yet; with a
     * secret, a new connection may wait for that up to {@link #ROTATION_CONNECTION_WAIT}.
     */
    public PostgresPersistence open(DatabaseSettings settings) {
        return PostgresPersistence.start(fromSecret ? settings.withConnectionTimeout(ROTATION_CONNECTION_WAIT)
                .withTransactionTimeout(ROTATION_TRANSACTION_TIMEOUT) : settings, credentials);
    }

    /**
     * Resolves the source. A secret is read once here (its host, port and database name make the URL); the
     * credentials port reads it again when its cache expires or PostgreSQL refuses the password.
     */
    public static DatabaseConnection of(DatabaseSource source, Map<String, String> environment) {
        return of(source, environment, () -> secretsManager(environment));
    }

    /** As {@link #of(DatabaseSource, Map)}, reading a secret with this client (asked for only then). */
    static DatabaseConnection of(DatabaseSource source, Map<String, String> environment,
                                 Supplier<SecretsManagerClient> secretsManager) {
        return switch (source) {
            case DatabaseSource.Url url -> {
                UrlDatabaseCredentials credentials = UrlDatabaseCredentials.fromUrl(url.url());
                yield new DatabaseConnection(credentials.jdbcUrl(), credentials, false);
            }
            case DatabaseSource.Secret secret when secret.proxyEndpoint().isPresent() -> {
                SecretsManagerDatabaseCredentials users = new SecretsManagerDatabaseCredentials(
                        secretsManager.get(), secret.secretArn());
                RdsSecret read = users.secret();
                RdsIamAuthTokens tokens = new RdsIamAuthTokens(Region.of(secret.region()),
                        awsCredentials(environment), secret.proxyEndpoint().get(), read.port(), users,
                        Clock.systemUTC());
                yield new DatabaseConnection(tokens.jdbcUrl(read.dbname()), tokens, true);
            }
            case DatabaseSource.Secret secret -> {
                SecretsManagerDatabaseCredentials credentials = new SecretsManagerDatabaseCredentials(
                        secretsManager.get(), secret.secretArn());
                yield new DatabaseConnection(credentials.secret().jdbcUrl(), credentials, true);
            }
        };
    }

    /**
     * The function's one Secrets Manager client ({@code AWS_REGION}, the execution role's credentials), shared by
     * every secret it reads.
     */
    static SecretsManagerClient secretsManager(Map<String, String> environment) {
        String region = environment.get("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new InvalidConfigurationException(List.of("AWS_REGION is not set: reading a secret needs the "
                    + "region"));
        }
        return SecretsManagerClients.create(Region.of(region.strip()), awsCredentials(environment), null);
    }

    /**
     * The execution role's credentials, from where this runtime puts them: a SnapStart function gets them from the
     * container credentials endpoint (keys in variables would be frozen into the snapshot), others from variables.
     * Named explicitly so that the SDK walks no provider chain on a cold start.
     */
    private static AwsCredentialsProvider awsCredentials(Map<String, String> environment) {
        if (environment.get("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null) {
            return ContainerCredentialsProvider.builder().build();
        }
        return EnvironmentVariableCredentialsProvider.create();
    }

    @Override
    public String toString() {
        return "DatabaseConnection[" + jdbcUrl + ", " + credentials.getClass().getSimpleName() + "]";
    }
}
