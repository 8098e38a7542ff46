package dev.hexatask.persistence;

import org.jooq.tools.jdbc.DefaultConnection;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A pooled connection that answers {@link #getTransactionIsolation} from what the pool set, instead of PostgreSQL's
 * driver asking the server ({@code SHOW TRANSACTION ISOLATION LEVEL}, one round trip). jOOQ asks at the start of
 * every transaction. The pool opens every connection at {@link ConnectionPool#ISOLATION} and puts a changed level
 * back when a connection is returned, so the level known here is the session's.
 */
final class KnownIsolationConnection extends DefaultConnection {

    private int isolation;

    KnownIsolationConnection(Connection pooled, int isolation) {
        super(pooled);
        this.isolation = isolation;
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        if (isClosed()) {
            throw new SQLException("the connection is closed", "08003");
        }
        return isolation;
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        super.setTransactionIsolation(level);
        isolation = level;
    }
}
