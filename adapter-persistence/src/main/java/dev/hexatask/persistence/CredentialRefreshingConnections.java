package dev.hexatask.persistence;

import dev.hexatask.application.port.out.DatabaseCredentials;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Hands out pooled connections. When the database refuses the password (it was rotated since the credentials were
 * cached), asks the credentials port to fetch them again and tries once more before giving up. Each connection
 * reports the pool's isolation level without asking the server ({@link KnownIsolationConnection}).
 */
final class CredentialRefreshingConnections implements ConnectionProvider {

    private static final int ATTEMPTS = 2;

    private final DataSource pool;
    private final DatabaseCredentials credentials;

    CredentialRefreshingConnections(DataSource pool, DatabaseCredentials credentials) {
        this.pool = pool;
        this.credentials = credentials;
    }

    @Override
    public Connection acquire() {
        SQLException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return new KnownIsolationConnection(pool.getConnection(), ConnectionPool.ISOLATION);
            } catch (SQLException e) {
                last = e;
                if (!StorageFailures.isAuthenticationFailure(e)) {
                    break;
                }
                credentials.refresh();
            }
        }
        throw new DataAccessException("no database connection", last);
    }

    @Override
    public void release(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new DataAccessException("a connection could not be returned to the pool", e);
        }
    }
}
