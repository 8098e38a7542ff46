package dev.hexatask.secrets;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the Secrets Manager client. Everything the SDK would otherwise discover is given: the HTTP client (no
 * service-loader scan), the region and the credentials provider (no walk through the default chains, no instance
 * metadata call). That keeps the client cheap to build on a Lambda cold start.
 */
public final class SecretsManagerClients {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    private SecretsManagerClients() {
    }

    /**
     * The client for a Lambda function: region from {@code AWS_REGION} and the execution role's credentials from
     * the environment variables the Lambda runtime sets.
     *
     * @throws IllegalStateException naming {@code AWS_REGION} when it is missing or blank
     */
    public static SecretsManagerClient forLambda(Map<String, String> environment) {
        var region = environment.get("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set: the Secrets Manager client needs its region");
        }
        return create(Region.of(region.strip()), EnvironmentVariableCredentialsProvider.create(), null);
    }

    /**
     * A client for the given region and credentials; {@code endpoint} overrides the regional endpoint (a local
     * fake in tests), or is null.
     */
    public static SecretsManagerClient create(Region region, AwsCredentialsProvider credentials, URI endpoint) {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
        var builder = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT)
                        .build())
                .region(region)
                .credentialsProvider(credentials)
                .overrideConfiguration(configuration -> configuration
                        // Three attempts with the SDK's backoff; throttling waits longer than other errors.
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy())
                        .apiCallTimeout(CALL_TIMEOUT));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }
}
