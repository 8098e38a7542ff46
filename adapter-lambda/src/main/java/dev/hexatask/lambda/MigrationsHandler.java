package dev.hexatask.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.hexatask.persistence.DatabaseSettings;
import dev.hexatask.persistence.PostgresPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The migrations function: {@code dev.hexatask.lambda.MigrationsHandler::handleRequest}, run by a deploy-time
 * trigger before the API takes traffic. Applies the pending Flyway migrations and answers
 * {@code {"schemaVersion": "<version>"}}; running it again applies nothing and answers the same version. A migration
 * that fails, or an applied one whose script was altered, makes it throw, so the deployment fails and says why.
 * The input is ignored.
 */
public final class MigrationsHandler implements RequestHandler<Map<String, Object>, Map<String, String>> {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationsHandler.class);

    private final Supplier<PostgresPersistence> persistence;

    /** The Lambda runtime's constructor: the database from {@code DB_SECRET_ARN} or {@code DATABASE_URL}. */
    public MigrationsHandler() {
        this(() -> {
            DatabaseConnection connection = DatabaseConnection.of(DatabaseSource.fromEnvironment(System.getenv()),
                    System.getenv());
            return connection.open(settings(connection.jdbcUrl()));
        });
    }

    /** @param persistence opens the adapter on the database to migrate; closed after each run */
    public MigrationsHandler(Supplier<PostgresPersistence> persistence) {
        this.persistence = persistence;
    }

    /**
     * Two connections: Flyway holds one for its lock and schema history while it runs the scripts on another (with
     * the API's pool of one it would wait for itself until the connection timeout).
     */
    static DatabaseSettings settings(String jdbcUrl) {
        return DatabaseSettings.forLambda(jdbcUrl).withPoolSize(2);
    }

    @Override
    public Map<String, String> handleRequest(Map<String, Object> input, Context context) {
        if (context != null && context.getAwsRequestId() != null) {
            MDC.put("awsRequestId", context.getAwsRequestId());
        }
        long started = System.nanoTime();
        try (PostgresPersistence database = persistence.get()) {
            String version = database.migrate();
            LOG.info("The schema is at version {} ({} ms)", version, (System.nanoTime() - started) / 1_000_000);
            return Map.of("schemaVersion", version);
        } catch (RuntimeException e) {
            LOG.error("Migrating the schema failed", e);
            throw e;
        } finally {
            MDC.clear();
        }
    }
}
