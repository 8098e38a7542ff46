package dev.hexatask.javalin.wiring;

import dev.hexatask.application.port.out.DatabaseCredentials;
import dev.hexatask.javalin.config.DatabaseSource;
import dev.hexatask.secrets.SecretsManagerClients;
import dev.hexatask.secrets.SecretsManagerDatabaseCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The database the server signs in to, resolved from its {@link DatabaseSource}.
 *
 * @param jdbcUrl     a {@code jdbc:postgresql:} URL without credentials, safe to log
 * @param credentials what each new connection signs in with
 */
public record ServerDatabase(String jdbcUrl, DatabaseCredentials credentials) {

    /**
     * A URL gives both at once. A secret is read here, once, with adapter-secrets' code as the Lambda function
     * reads its own: its host, port and database name make the URL ({@code sslmode=require}, as RDS offers TLS),
     * and the credentials port keeps it for its TTL and reads it again when PostgreSQL refuses the password, so a
     * rotation needs no restart. The client's endpoint is the SDK's to find: the regional one, or
     * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} (system property {@code aws.endpointUrlSecretsManager}) when set.
     *
     * @throws dev.hexatask.application.port.out.StorageUnavailableException when the secret cannot be read or
     *                                                                         is not an RDS secret
     */
    static ServerDatabase of(DatabaseSource source) {
        return switch (source) {
            case DatabaseSource.Url url -> new ServerDatabase(url.credentials().jdbcUrl(), url.credentials());
            case DatabaseSource.Secret secret -> {
                SecretsManagerDatabaseCredentials credentials = new SecretsManagerDatabaseCredentials(
                        SecretsManagerClients.create(Region.of(secret.region()),
                                DefaultCredentialsProvider.builder().build(), null),
                        secret.secretArn());
                yield new ServerDatabase(credentials.secret().jdbcUrl(), credentials);
            }
        };
    }

    @Override
    public String toString() {
        return "ServerDatabase[" + jdbcUrl + ", " + credentials.getClass().getSimpleName() + "]";
    }
}
