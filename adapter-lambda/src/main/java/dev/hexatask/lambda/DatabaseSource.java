package dev.hexatask.lambda;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the database's location and credentials come from: a Secrets Manager secret in AWS ({@value #ENV_SECRET_ARN}),
 * or a URL holding them on a laptop and in tests ({@value #ENV_DATABASE_URL}). Never shows the URL: it may hold a
 * password.
 */
public sealed interface DatabaseSource {

    String ENV_SECRET_ARN = "DB_SECRET_ARN";
    String ENV_PROXY_ENDPOINT = "DB_PROXY_ENDPOINT";
    String ENV_DATABASE_URL = "DATABASE_URL";

    /**
     * An RDS-shaped secret, read with the execution role's credentials in {@code region}. With a proxy endpoint
     * ({@value #ENV_PROXY_ENDPOINT}), connections go to that RDS Proxy and sign in with IAM authentication tokens
     * as the secret's user; its password is then not used.
     */
    record Secret(String secretArn, String region, Optional<String> proxyEndpoint) implements DatabaseSource {
    }

    /** A URL such as {@code postgresql://user:password@host:5432/db}. */
    record Url(String url) implements DatabaseSource {

        @Override
        public String toString() {
            return "Url[****]";
        }
    }

    /** The secret when {@value #ENV_SECRET_ARN} is set, else the URL; adds to {@code problems} when neither is. */
    static Optional<DatabaseSource> fromEnvironment(Map<String, String> environment, List<String> problems) {
        String secretArn = LambdaSettings.value(environment, ENV_SECRET_ARN);
        if (secretArn != null) {
            String region = LambdaSettings.value(environment, "AWS_REGION");
            if (region == null) {
                problems.add("AWS_REGION is not set: reading " + ENV_SECRET_ARN + " needs the region");
                return Optional.empty();
            }
            return Optional.of(new Secret(secretArn, region,
                    Optional.ofNullable(LambdaSettings.value(environment, ENV_PROXY_ENDPOINT))));
        }
        String url = LambdaSettings.value(environment, ENV_DATABASE_URL);
        if (url == null) {
            problems.add("neither " + ENV_SECRET_ARN + " nor " + ENV_DATABASE_URL + " is set: one must say where the "
                    + "database is");
            return Optional.empty();
        }
        return Optional.of(new Url(url));
    }

    /** Only the database settings, for the migrations handler. */
    static DatabaseSource fromEnvironment(Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        Optional<DatabaseSource> source = fromEnvironment(environment, problems);
        if (source.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return source.get();
    }
}
