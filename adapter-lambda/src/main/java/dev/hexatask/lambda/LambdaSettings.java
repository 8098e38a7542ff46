package dev.hexatask.lambda;

import dev.hexatask.jwt.InvalidJwtSettingsException;
import dev.hexatask.jwt.JwtSettings;
import dev.hexatask.rest.RestSettings;
import dev.hexatask.rest.TransportSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API function's configuration, read once from the environment at start-up. Every bad or missing variable is
 * named in one {@link InvalidConfigurationException}, so that a deploy fails with the whole list.
 *
 * @param stage    {@code HEXATASK_STAGE}, for logs, read with the server's rule ({@link TransportSettings})
 * @param database {@link DatabaseSource}
 * @param poolSize {@value #ENV_POOL_SIZE}: connections held (default 1: an instance serves one request at a time)
 * @param jwt      the {@code OIDC_*} variables
 * @param rest     {@code CORS_ALLOWED_ORIGINS}, likewise
 * @param cursorKeySecretArn {@value #ENV_CURSOR_KEY_SECRET_ARN}: the Secrets Manager secret whose current version
 *                 signs list cursors (and whose previous version still verifies them); when unset, the key the
 *                 database's first migration made signs them, as on a laptop
 */
public record LambdaSettings(String stage, DatabaseSource database, int poolSize, JwtSettings jwt, RestSettings rest,
                             Optional<String> cursorKeySecretArn) {

    public static final String ENV_POOL_SIZE = "DB_POOL_SIZE";
    public static final String ENV_CURSOR_KEY_SECRET_ARN = "CURSOR_KEY_SECRET_ARN";
    private static final int MAX_POOL_SIZE = 10;

    public static LambdaSettings fromEnvironment(Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        TransportSettings shared = TransportSettings.fromEnvironment(environment, problems);
        Optional<DatabaseSource> database = DatabaseSource.fromEnvironment(environment, problems);
        int poolSize = poolSize(value(environment, ENV_POOL_SIZE), problems);
        Optional<String> cursorKeySecretArn = Optional.ofNullable(value(environment, ENV_CURSOR_KEY_SECRET_ARN));
        if (cursorKeySecretArn.isPresent() && value(environment, "AWS_REGION") == null) {
            problems.add("AWS_REGION is not set: reading " + ENV_CURSOR_KEY_SECRET_ARN + " needs the region");
        }
        JwtSettings jwt = null;
        try {
            jwt = JwtSettings.fromEnvironment(environment);
        } catch (InvalidJwtSettingsException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new LambdaSettings(shared.stage(), database.orElseThrow(), poolSize, jwt, shared.rest(),
                cursorKeySecretArn);
    }

    private static int poolSize(String text, List<String> problems) {
        if (text == null) {
            return 1;
        }
        try {
            int size = Integer.parseInt(text);
            if (size >= 1 && size <= MAX_POOL_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below, as for an out-of-range number
        }
        problems.add(ENV_POOL_SIZE + " must be a whole number from 1 to " + MAX_POOL_SIZE);
        return 1;
    }

    /** The variable's value stripped, or null when unset or blank. */
    static String value(Map<String, String> environment, String name) {
        return TransportSettings.text(environment, name).orElse(null);
    }
}
