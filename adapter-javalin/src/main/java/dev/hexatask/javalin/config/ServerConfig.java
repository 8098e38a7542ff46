package dev.hexatask.javalin.config;

import dev.hexatask.jwt.InvalidJwtSettingsException;
import dev.hexatask.jwt.JwtSettings;
import dev.hexatask.persistence.UrlDatabaseCredentials;
import dev.hexatask.rest.RestSettings;
import dev.hexatask.rest.TransportSettings;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the server reads from its environment, read once and checked at start-up.
 *
 * @param port             {@code PORT}: where the server listens (default 8080; 0 picks a free port)
 * @param stage            {@code HEXATASK_STAGE}, read with the Lambda function's rule ({@link TransportSettings})
 * @param database         {@code DATABASE_URL} or {@code DB_SECRET_ARN} (one of them, not both)
 * @param poolSize         {@code DB_POOL_SIZE}: connections the pool holds (default 10)
 * @param jwt              {@code OIDC_ISSUER}, {@code OIDC_CLIENT_IDS}, {@code OIDC_JWKS_URL},
 *                         {@code OIDC_REQUIRED_SCOPE}
 * @param rest             {@code CORS_ALLOWED_ORIGINS}, likewise
 * @param logLevel         {@code LOG_LEVEL}
 * @param publicUrl        {@code HEXATASK_PUBLIC_URL}: where browsers reach this server (default
 *                         {@code http://localhost:<port>}), for {@code /config.json}
 * @param region           {@code AWS_REGION}, for {@code /config.json} (default {@code local})
 * @param managedLoginDomain {@code OIDC_MANAGED_LOGIN_DOMAIN}: Cognito's managed login, for {@code /config.json}
 * @param frontendDirectory {@code FRONTEND_DIR}: the built frontend (default {@code frontend/dist}), served when it
 *                         exists
 */
public record ServerConfig(int port, String stage, DatabaseSource database, int poolSize,
                           JwtSettings jwt, RestSettings rest, String logLevel, URI publicUrl, String region,
                           Optional<URI> managedLoginDomain, Path frontendDirectory) {

    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_POOL_SIZE = 10;
    private static final int MAX_POOL_SIZE = 200;
    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    /** Reads and checks every variable; throws one exception naming all that are missing or invalid. */
    public static ServerConfig fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        int port = integer(env, "PORT", DEFAULT_PORT, 0, 65_535, problems);
        int poolSize = integer(env, "DB_POOL_SIZE", DEFAULT_POOL_SIZE, 1, MAX_POOL_SIZE, problems);
        TransportSettings shared = TransportSettings.fromEnvironment(env, problems);

        DatabaseSource database = database(env, problems);

        JwtSettings jwt = null;
        try {
            jwt = JwtSettings.fromEnvironment(env);
        } catch (InvalidJwtSettingsException e) {
            problems.addAll(e.problems());
        }

        String logLevel = logLevel(env).orElse(null);
        if (logLevel == null) {
            problems.add("LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
        }

        URI publicUrl = url(env, "HEXATASK_PUBLIC_URL", problems)
                .orElse(URI.create("http://localhost:" + (port == 0 ? DEFAULT_PORT : port)));
        Optional<URI> managedLogin = url(env, "OIDC_MANAGED_LOGIN_DOMAIN", problems);
        String region = text(env, "AWS_REGION").orElse("local");
        Path frontend = Path.of(text(env, "FRONTEND_DIR").orElse("frontend/dist"));

        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return new ServerConfig(port, shared.stage(), database, poolSize, jwt, shared.rest(), logLevel, publicUrl,
                region, managedLogin, frontend);
    }

    /** A copy listening on another port (0: any free one), for tests and the local stack. */
    public ServerConfig withPort(int newPort) {
        return new ServerConfig(newPort, stage, database, poolSize, jwt, rest, logLevel, publicUrl, region,
                managedLoginDomain, frontendDirectory);
    }

    /**
     * {@code DATABASE_URL}, or {@code DB_SECRET_ARN} with its region ({@code AWS_REGION}, else the one the ARN
     * names); null, with a problem added, when neither or both are set or the one set is invalid.
     */
    private static DatabaseSource database(Map<String, String> env, List<String> problems) {
        Optional<String> databaseUrl = text(env, "DATABASE_URL");
        Optional<String> secretArn = text(env, "DB_SECRET_ARN");
        if (databaseUrl.isPresent() && secretArn.isPresent()) {
            problems.add("DATABASE_URL and DB_SECRET_ARN are both set: set one of them (a URL with credentials, "
                    + "or the ARN of a Secrets Manager secret)");
            return null;
        }
        if (secretArn.isPresent()) {
            Optional<String> region = text(env, "AWS_REGION").or(() -> regionOf(secretArn.get()));
            if (region.isEmpty()) {
                problems.add("AWS_REGION is not set: reading DB_SECRET_ARN needs the region (or give the secret's "
                        + "full ARN, which names it)");
                return null;
            }
            return new DatabaseSource.Secret(secretArn.get(), region.get());
        }
        if (databaseUrl.isEmpty()) {
            problems.add("DATABASE_URL is required: a PostgreSQL URL with credentials, such as "
                    + "postgresql://user:password@localhost:5432/hexatask (or DB_SECRET_ARN: the ARN of a Secrets "
                    + "Manager secret in the RDS shape)");
            return null;
        }
        try {
            return new DatabaseSource.Url(UrlDatabaseCredentials.fromUrl(databaseUrl.get()));
        } catch (IllegalArgumentException e) {
            problems.add("DATABASE_URL is invalid: " + e.getMessage()
                    + " (for example postgresql://user:password@localhost:5432/hexatask)");
            return null;
        }
    }

    /** The region of {@code arn:aws:secretsmanager:<region>:<account>:secret:<name>}, if it is such an ARN. */
    private static Optional<String> regionOf(String arn) {
        String[] parts = arn.split(":", 7);
        return parts.length == 7 && parts[0].equals("arn") && parts[2].equals("secretsmanager")
                && parts[3].matches("[a-z]{2}(-[a-z]+)+-[0-9]+") ? Optional.of(parts[3]) : Optional.empty();
    }

    /**
     * {@code LOG_LEVEL} in upper case ({@code INFO} when unset), or empty when it is not a level; read on its own by
     * a process that must set up logging before the rest of its configuration is known.
     */
    public static Optional<String> logLevel(Map<String, String> env) {
        String level = text(env, "LOG_LEVEL").map(value -> value.toUpperCase(Locale.ROOT)).orElse("INFO");
        return LOG_LEVELS.contains(level) ? Optional.of(level) : Optional.empty();
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        return TransportSettings.text(env, name);
    }

    private static int integer(Map<String, String> env, String name, int fallback, int min, int max,
                               List<String> problems) {
        Optional<String> value = text(env, name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, the same way as a number out of range
        }
        problems.add(name + " must be a whole number from " + min + " to " + max);
        return fallback;
    }

    private static Optional<URI> url(Map<String, String> env, String name, List<String> problems) {
        Optional<String> value = text(env, name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value.get());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                    && uri.getRawQuery() == null) {
                String text = uri.toString();
                return Optional.of(URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text));
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(name + " must be an http(s) URL of a host with no path, such as https://app.example.com");
        return Optional.empty();
    }
}
