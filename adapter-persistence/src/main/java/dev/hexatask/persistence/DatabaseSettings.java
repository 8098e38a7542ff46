package dev.hexatask.persistence;

import java.time.Duration;
import java.util.Objects;

/**
 * How the adapter connects to PostgreSQL. Credentials are not here: they come through the
 * {@link dev.hexatask.application.port.out.DatabaseCredentials} port, so that a rotated password is picked up.
 *
 * @param jdbcUrl           a {@code jdbc:postgresql://} URL without user name or password
 * @param poolSize          the most connections held open at once
 * @param connectionTimeout how long a caller waits for a connection before the store counts as unavailable
 * @param statementTimeout  the longest a statement may run before PostgreSQL cancels it
 * @param inFlightWait      how long a create waits for another request holding the same idempotency key; shorter
 *                          than the statement timeout and the transaction timeout, so that the caller learns "in
 *                          flight" rather than a timeout
 * @param transactionTimeout the longest one transaction waits on the database in all: for a connection, then for
 *                          its statements (see {@code TimeBoundConnections}); longer than the connection timeout.
 *                          It holds whatever the driver's socket timeout is, so that a database that stops answering
 *                          makes a request fail as unavailable well within a Lambda function's 15 s
 */
public record DatabaseSettings(String jdbcUrl, int poolSize, Duration connectionTimeout, Duration statementTimeout,
                               Duration inFlightWait, Duration transactionTimeout) {

    /**
     * With a validation of at most a second per pooled connection (see {@code ConnectionPool}), getting a connection
     * from a pool whose server froze takes at most about 3 s; the rest of the 4 s goes to the statements, and the
     * answer leaves before 5 s.
     */
    private static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_IN_FLIGHT_WAIT = Duration.ofSeconds(3);
    private static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofSeconds(4);
    private static final long LEAST_TIME_FOR_STATEMENTS_MILLIS = 2_000;

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(inFlightWait, "inFlightWait");
        Objects.requireNonNull(transactionTimeout, "transactionTimeout");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the database URL must start with jdbc:postgresql:");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("the pool size must be at least 1");
        }
        // HikariCP refuses connection timeouts under 250 ms.
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("the connection timeout must be at least 250 ms");
        }
        if (statementTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("the statement timeout must be at least 1 ms");
        }
        if (inFlightWait.toMillis() < 1 || inFlightWait.compareTo(statementTimeout) >= 0) {
            throw new IllegalArgumentException("the in-flight wait must be positive and shorter than the statement timeout");
        }
        if (transactionTimeout.compareTo(connectionTimeout) <= 0 || transactionTimeout.compareTo(inFlightWait) <= 0) {
            throw new IllegalArgumentException("the transaction timeout must be longer than the connection timeout "
                    + "and the in-flight wait");
        }
    }

    /** A long-running server: a pool of 10. */
    public static DatabaseSettings forServer(String jdbcUrl) {
        return new DatabaseSettings(jdbcUrl, 10, DEFAULT_CONNECTION_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT,
                DEFAULT_IN_FLIGHT_WAIT, DEFAULT_TRANSACTION_TIMEOUT);
    }

    /** One Lambda instance serves one request at a time: one connection is all it can use. */
    public static DatabaseSettings forLambda(String jdbcUrl) {
        return new DatabaseSettings(jdbcUrl, 1, DEFAULT_CONNECTION_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT,
                DEFAULT_IN_FLIGHT_WAIT, DEFAULT_TRANSACTION_TIMEOUT);
    }

    public DatabaseSettings withPoolSize(int size) {
        return new DatabaseSettings(jdbcUrl, size, connectionTimeout, statementTimeout, inFlightWait,
                transactionTimeout);
    }

    /**
     * Another connection timeout; the transaction timeout grows with it when it would otherwise leave less than
     * {@value #LEAST_TIME_FOR_STATEMENTS_MILLIS} ms for the statements.
     */
    public DatabaseSettings withConnectionTimeout(Duration timeout) {
        Duration atLeast = timeout.plusMillis(LEAST_TIME_FOR_STATEMENTS_MILLIS);
        return new DatabaseSettings(jdbcUrl, poolSize, timeout, statementTimeout, inFlightWait,
                transactionTimeout.compareTo(atLeast) < 0 ? atLeast : transactionTimeout);
    }

    public DatabaseSettings withStatementTimeout(Duration timeout) {
        return new DatabaseSettings(jdbcUrl, poolSize, connectionTimeout, timeout, inFlightWait, transactionTimeout);
    }

    public DatabaseSettings withInFlightWait(Duration wait) {
        return new DatabaseSettings(jdbcUrl, poolSize, connectionTimeout, statementTimeout, wait, transactionTimeout);
    }

    public DatabaseSettings withTransactionTimeout(Duration timeout) {
        return new DatabaseSettings(jdbcUrl, poolSize, connectionTimeout, statementTimeout, inFlightWait, timeout);
    }
}
