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
 *                          than the statement timeout, so that the caller learns "in flight" rather than a timeout
 */
public record DatabaseSettings(String jdbcUrl, int poolSize, Duration connectionTimeout, Duration statementTimeout,
                               Duration inFlightWait) {

    private static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_IN_FLIGHT_WAIT = Duration.ofSeconds(3);

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(inFlightWait, "inFlightWait");
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
    }

    /** A long-running server: a pool of 10. */
    public static DatabaseSettings forServer(String jdbcUrl) {
        return new DatabaseSettings(jdbcUrl, 10, DEFAULT_CONNECTION_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT,
                DEFAULT_IN_FLIGHT_WAIT);
    }

    /** One Lambda instance serves one request at a time: one connection is all it can use. */
    public static DatabaseSettings forLambda(String jdbcUrl) {
        return new DatabaseSettings(jdbcUrl, 1, DEFAULT_CONNECTION_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT,
                DEFAULT_IN_FLIGHT_WAIT);
    }

    public DatabaseSettings withPoolSize(int size) {
        return new DatabaseSettings(jdbcUrl, size, connectionTimeout, statementTimeout, inFlightWait);
    }

    public DatabaseSettings withConnectionTimeout(Duration timeout) {
        return new DatabaseSettings(jdbcUrl, poolSize, timeout, statementTimeout, inFlightWait);
    }

    public DatabaseSettings withStatementTimeout(Duration timeout) {
        return new DatabaseSettings(jdbcUrl, poolSize, connectionTimeout, timeout, inFlightWait);
    }

    public DatabaseSettings withInFlightWait(Duration wait) {
        return new DatabaseSettings(jdbcUrl, poolSize, connectionTimeout, statementTimeout, wait);
    }
}
