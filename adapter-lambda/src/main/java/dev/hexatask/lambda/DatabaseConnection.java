package dev.hexatask.lambda;

import dev.hexatask.application.port.out.DatabaseCredentials;
import dev.hexatask.persistence.UrlDatabaseCredentials;
import dev.hexatask.secrets.SecretsManagerClients;
import dev.hexatask.secrets.SecretsManagerDatabaseCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.util.Map;

/**
 * The database to connect to and the credentials port that signs every new connection in.
 *
 * @param jdbcUrl a {@code jdbc:postgresql:} URL without credentials
 */
public record DatabaseConnection(String jdbcUrl, DatabaseCredentials credentials) {

    /**
     * Resolves the source. A secret is read once here (its host, port and database name make the URL); the
     * credentials port reads it again when its cache expires or PostgreSQL refuses the password.
     */
    public static DatabaseConnection of(DatabaseSource source, Map<String, String> environment) {
        return switch (source) {
            case DatabaseSource.Url url -> {
                UrlDatabaseCredentials credentials = UrlDatabaseCredentials.fromUrl(url.url());
                yield new DatabaseConnection(credentials.jdbcUrl(), credentials);
            }
            case DatabaseSource.Secret secret -> {
                SecretsManagerDatabaseCredentials credentials = new SecretsManagerDatabaseCredentials(
                        SecretsManagerClients.create(Region.of(secret.region()), awsCredentials(environment), null),
                        secret.secretArn());
                yield new DatabaseConnection(credentials.secret().jdbcUrl(), credentials);
            }
        };
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
