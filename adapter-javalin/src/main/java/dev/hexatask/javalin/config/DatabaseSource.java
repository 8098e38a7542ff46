package dev.hexatask.javalin.config;

import dev.hexatask.persistence.UrlDatabaseCredentials;

/**
 * Where the server's database is and who signs in to it: a URL holding both ({@code DATABASE_URL}), or a Secrets
 * Manager secret in the RDS shape ({@code DB_SECRET_ARN}), read as the Lambda function reads its own.
 */
public sealed interface DatabaseSource {

    /** {@code DATABASE_URL}: the JDBC URL and the credentials it holds. */
    record Url(UrlDatabaseCredentials credentials) implements DatabaseSource {
    }

    /**
     * {@code DB_SECRET_ARN}, read in {@code region} with the AWS SDK's default credentials (environment, profile,
     * container or instance role); the SDK's {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} points it elsewhere.
     */
    record Secret(String secretArn, String region) implements DatabaseSource {
    }
}
