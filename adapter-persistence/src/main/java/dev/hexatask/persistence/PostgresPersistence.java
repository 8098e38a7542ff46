package dev.hexatask.persistence;

import com.zaxxer.hikari.HikariDataSource;
import dev.hexatask.application.port.out.DatabaseCredentials;
import dev.hexatask.application.port.out.DatabaseHealth;
import dev.hexatask.application.port.out.IdempotencyRecords;
import dev.hexatask.application.port.out.Profiles;
import dev.hexatask.application.port.out.StorageUnavailableException;
import dev.hexatask.application.port.out.Tasks;
import dev.hexatask.application.port.out.Transactions;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;

import javax.sql.DataSource;

/**
 * The adapter, assembled: one connection pool and every port it implements, sharing one thread-bound transaction.
 * A composition root builds one per process and closes it on shutdown.
 */
public final class PostgresPersistence implements AutoCloseable {

    static final SQLDialect DIALECT = SQLDialect.POSTGRES;

    private final HikariDataSource pool;
    private final DSLContext db;
    private final DatabaseSettings settings;
    private final TimeBoundConnections connections;
    private final ConnectionWatchdog watchdog = new ConnectionWatchdog();

    private PostgresPersistence(HikariDataSource pool, DatabaseSettings settings) {
        this.pool = pool;
        this.settings = settings;
        this.connections = new TimeBoundConnections(new PooledConnections(pool), watchdog,
                settings.transactionTimeout());
        ThreadLocalTransactionProvider transactions = new ThreadLocalTransactionProvider(connections, true);
        this.db = DSL.using(new DefaultConfiguration()
                .set(DIALECT)
                .set(transactions)
                .set(jooqSettings()));
    }

    /**
     * Statements are never logged: their bind values are user data. Timestamps go to and come from the driver as
     * OffsetDateTime, not as text that jOOQ formats and parses again.
     */
    static Settings jooqSettings() {
        return new Settings().withExecuteLogging(false).withRenderSchema(false).withBindOffsetDateTimeType(true);
    }

    /**
     * Runs the statements of the request path once through jOOQ without a database (see {@link OfflineRehearsal}),
     * so that the first real request finds jOOQ loaded; safe to call on any thread, at any time, any number of times.
     */
    public static void rehearseOffline() {
        OfflineRehearsal.run();
    }

    /**
     * The adapter over a pool whose every new connection signs in with what {@code credentials} gives now, through
     * {@link RotationAwareDataSource}: the one place that decides when a password has changed (and the credentials
     * are read again), however they are kept (a URL, a rotated secret).
     */
    public static PostgresPersistence start(DatabaseSettings settings, DatabaseCredentials credentials) {
        DataSource signingIn = new RotationAwareDataSource(ConnectionPool.driverDataSource(settings), credentials,
                RotationRetryPolicy.withBudget(settings.connectionTimeout()));
        return new PostgresPersistence(ConnectionPool.create(settings, signingIn), settings);
    }

    /** Applies pending migrations over this adapter's pool; returns the schema version. */
    public String migrate() {
        try {
            return Migrations.migrate(pool);
        } catch (RuntimeException e) {
            if (StorageFailures.isUnavailable(e)) {
                throw new StorageUnavailableException(
                        "the database cannot be reached to migrate it", e);
            }
            throw e;
        }
    }

    public Tasks tasks() {
        return new PostgresTasks(db);
    }

    public Profiles profiles() {
        return new PostgresProfiles(db);
    }

    public IdempotencyRecords idempotencyRecords() {
        return new PostgresIdempotencyRecords(db, settings.inFlightWait());
    }

    public Transactions transactions() {
        return new JooqTransactions(db, connections);
    }

    public DatabaseHealth health() {
        return new PostgresDatabaseHealth(pool);
    }

    public PostgresCursorSecret cursorSecret() {
        return new PostgresCursorSecret(db);
    }

    /** The pool, for tools such as the migrations handler and for tests. */
    public DataSource dataSource() {
        return pool;
    }

    /** The adapter's jOOQ context, for its own tests' statements in the adapter's transactions. */
    DSLContext dsl() {
        return db;
    }

    /** Makes every pooled connection be replaced by a new one (with the credentials of now) once it is idle. */
    public void renewConnections() {
        pool.getHikariPoolMXBean().softEvictConnections();
    }

    @Override
    public void close() {
        try {
            pool.close();
        } finally {
            watchdog.close();
        }
    }
}
