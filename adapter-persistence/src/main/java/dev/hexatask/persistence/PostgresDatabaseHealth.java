package dev.hexatask.persistence;

import dev.hexatask.application.port.out.DatabaseHealth;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Reachable when a pooled connection answers a validity check within a second. */
public final class PostgresDatabaseHealth implements DatabaseHealth {

    private static final int VALIDITY_TIMEOUT_SECONDS = 1;

    private final DataSource pool;

    public PostgresDatabaseHealth(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public boolean isReachable() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(VALIDITY_TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
