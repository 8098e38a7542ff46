package dev.hexatask.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.Credentials;
import dev.hexatask.application.port.out.DatabaseCredentials;

/** Builds the HikariCP pool. */
public final class ConnectionPool {

    private ConnectionPool() {
    }

    /**
     * A pool that asks the credentials port for the user name and password of every new connection (HikariCP's
     * credentials provider), so that a rotated password is used from the next connection on, without a restart.
     * The pool starts without connecting: an unreachable database makes requests fail, not the start-up.
     */
    public static HikariDataSource create(DatabaseSettings settings, DatabaseCredentials credentials) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("hexatask");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setCredentialsProvider(() -> {
            DatabaseCredentials.Credentials current = credentials.current();
            return Credentials.of(current.username(), current.password());
        });
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(settings.poolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setInitializationFailTimeout(-1);
        config.setConnectionInitSql("SET statement_timeout = " + settings.statementTimeout().toMillis());
        config.addDataSourceProperty("ApplicationName", "hexatask");
        config.addDataSourceProperty("connectTimeout", Long.toString(seconds(settings.connectionTimeout().toMillis())));
        // A connection that stops answering (a failover, a dropped network) is given up on a little after the
        // longest statement could have run.
        config.addDataSourceProperty("socketTimeout",
                Long.toString(seconds(settings.statementTimeout().toMillis()) + 5));
        return new HikariDataSource(config);
    }

    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }
}
