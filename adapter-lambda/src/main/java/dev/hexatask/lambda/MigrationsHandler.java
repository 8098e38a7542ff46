package dev.hexatask.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.hexatask.application.port.in.PurgeIdempotencyRecordsUseCase.Purged;
import dev.hexatask.application.port.out.DatabaseCredentials;
import dev.hexatask.application.service.IdempotencyRecordsPurge;
import dev.hexatask.persistence.ApplicationRole;
import dev.hexatask.persistence.DatabaseSettings;
import dev.hexatask.persistence.PostgresPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The migrations function: {@code dev.hexatask.lambda.MigrationsHandler::handleRequest}, run by a deploy-time
 * trigger before the API takes traffic. Applies the pending Flyway migrations and answers
 * {@code {"schemaVersion": "<version>"}}; running it again applies nothing and answers the same version. A migration
 * that fails, or an applied one whose script was altered, makes it throw, so the deployment fails and says why (an
 * {@link InvocationFailedException}: the cause's message, no stack frames, after the failure is logged).
 * With {@value #ENV_APPLICATION_SECRET_ARN} it then lets the user that the application's secret names sign in with
 * that secret's password ({@link ApplicationRole}): the API signs in as that least-privilege role, never as the
 * owner this function runs as.
 * <p>
 * It is also the database's housekeeper: an hourly schedule invokes it with
 * {@code {"action": "purge-idempotency-records"}}, and it deletes the expired idempotency records, answering
 * {@code {"deleted": "<count>", "batches": "<count>"}}. It has what that needs (the secret, a place in the VPC that
 * reaches the database) and runs outside the API's reserved concurrency. Any other input migrates; an unknown
 * action is refused.
 */
public final class MigrationsHandler implements RequestHandler<Map<String, Object>, Map<String, String>> {

    /** The input key that names the work; absent, the function migrates. */
    public static final String ACTION = "action";
    public static final String PURGE_IDEMPOTENCY_RECORDS = "purge-idempotency-records";

    private static final Logger LOG = LoggerFactory.getLogger(MigrationsHandler.class);

    /** The application's own secret (RDS shape), whose user the API signs in as. */
    public static final String ENV_APPLICATION_SECRET_ARN = "APP_DB_SECRET_ARN";

    private final Supplier<PostgresPersistence> persistence;
    private final Optional<Supplier<DatabaseCredentials>> application;

    /**
     * The Lambda runtime's constructor: the owner's database from {@code DB_SECRET_ARN} or {@code DATABASE_URL}, the
     * application's user from {@value #ENV_APPLICATION_SECRET_ARN} when it is set.
     */
    public MigrationsHandler() {
        this(() -> {
            DatabaseConnection connection = DatabaseConnection.of(DatabaseSource.fromEnvironment(System.getenv()),
                    System.getenv());
            return connection.open(settings(connection.jdbcUrl()));
        }, applicationUser(System.getenv()));
    }

    /** @param persistence opens the adapter on the database to migrate; closed after each run */
    public MigrationsHandler(Supplier<PostgresPersistence> persistence) {
        this(persistence, Optional.empty());
    }

    /**
     * @param persistence opens the adapter on the database to migrate, as its owner; closed after each run
     * @param application the credentials of the application's user, read after the migrations
     */
    public MigrationsHandler(Supplier<PostgresPersistence> persistence,
                             Optional<Supplier<DatabaseCredentials>> application) {
        this.persistence = persistence;
        this.application = application;
    }

    /** The application's credentials from its own secret, when {@value #ENV_APPLICATION_SECRET_ARN} is set. */
    static Optional<Supplier<DatabaseCredentials>> applicationUser(Map<String, String> environment) {
        String secretArn = LambdaSettings.value(environment, ENV_APPLICATION_SECRET_ARN);
        if (secretArn == null) {
            return Optional.empty();
        }
        Map<String, String> application = new HashMap<>(environment);
        application.put(DatabaseSource.ENV_SECRET_ARN, secretArn);
        return Optional.of(() -> DatabaseConnection.of(DatabaseSource.fromEnvironment(application), environment)
                .credentials());
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
        try {
            Object action = input == null ? null : input.get(ACTION);
            if (action == null) {
                return migrate();
            }
            if (PURGE_IDEMPOTENCY_RECORDS.equals(action)) {
                return purgeIdempotencyRecords();
            }
            throw new InvocationFailedException("unknown action \"" + action + "\"; known: "
                    + PURGE_IDEMPOTENCY_RECORDS + " (or none, to migrate)");
        } finally {
            MDC.clear();
        }
    }

    private Map<String, String> migrate() {
        long started = System.nanoTime();
        try (PostgresPersistence database = persistence.get()) {
            String version = database.migrate();
            application.ifPresent(credentials -> {
                DatabaseCredentials.Credentials current = credentials.get().current();
                ApplicationRole.allowSignIn(database.dataSource(), current);
                LOG.info("The application signs in as {}", current.username());
            });
            LOG.info("The schema is at version {} ({} ms)", version, (System.nanoTime() - started) / 1_000_000);
            return Map.of("schemaVersion", version);
        } catch (RuntimeException e) {
            LOG.error("Migrating the schema failed", e);
            throw new InvocationFailedException("Migrating the schema failed: " + e.getMessage());
        }
    }

    private Map<String, String> purgeIdempotencyRecords() {
        long started = System.nanoTime();
        try (PostgresPersistence database = persistence.get()) {
            Purged purged = new IdempotencyRecordsPurge(database.idempotencyRecords(), database.transactions(),
                    Clock.systemUTC()).purgeExpired();
            LOG.info("Deleted {} expired idempotency records in {} batches ({} ms)", purged.deleted(),
                    purged.batches(), (System.nanoTime() - started) / 1_000_000);
            return Map.of("deleted", Integer.toString(purged.deleted()), "batches",
                    Integer.toString(purged.batches()));
        } catch (RuntimeException e) {
            // The schedule retries on its own; the message names the cause without SQL or values.
            LOG.error("Purging the idempotency records failed: {}", e.toString());
            throw new InvocationFailedException("Purging the idempotency records failed: " + e);
        }
    }
}
