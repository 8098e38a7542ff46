package dev.hexatask.persistence;

import com.zaxxer.hikari.HikariDataSource;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Hands out pooled connections, each reporting the pool's isolation level without asking the server
 * ({@link KnownIsolationConnection}). A refused password is not retried here: {@link RotationAwareDataSource}, under
 * the pool, is the one place that decides it.
 */
final class PooledConnections implements ConnectionProvider {

    private final HikariDataSource pool;

    PooledConnections(HikariDataSource pool) {
        this.pool = pool;
    }

    @Override
    public Connection acquire() {
        try {
            return new KnownIsolationConnection(pool.getConnection(), ConnectionPool.ISOLATION);
        } catch (SQLException e) {
            throw new DataAccessException("no database connection", e);
        }
    }

    @Override
    public void release(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new DataAccessException("a connection could not be returned to the pool", e);
        }
    }

    /**
     * Takes a connection out of the pool for good instead of giving it back: one the {@link ConnectionWatchdog}
     * aborted, whose driver connection is closed. HikariCP closes it and opens another in its place.
     *
     * @param connection one that {@link #acquire} handed out
     */
    void discard(Connection connection) {
        pool.evictConnection(((KnownIsolationConnection) connection).getDelegate());
    }
}
