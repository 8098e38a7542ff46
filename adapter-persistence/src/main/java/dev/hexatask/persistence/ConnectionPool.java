package dev.hexatask.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;

/** Builds the HikariCP pool. */
public final class ConnectionPool {

    /** PostgreSQL's default, set on every connection the pool opens, so that the adapter knows it without asking. */
    static final int ISOLATION = Connection.TRANSACTION_READ_COMMITTED;

    private static final String APPLICATION_NAME = "hexatask";
    private static final long VALIDATION_TIMEOUT_MILLIS = 1_000;

    private ConnectionPool() {
    }

    /**
     * A pool over {@code connections}, a data source that signs new connections in by itself (a
     * {@link RotationAwareDataSource} over {@link #driverDataSource}). The pool adds no user name or password of its
     * own. It starts without connecting: an unreachable database makes requests fail, not the start-up.
     */
    static HikariDataSource create(DatabaseSettings settings, DataSource connections) {
        HikariConfig config = baseConfig(settings);
        config.setDataSource(connections);
        return new HikariDataSource(config);
    }

    /**
     * PostgreSQL's own, unpooled data source for the settings' URL, with the same timeouts and application name
     * as the pool's connections; it connects with the user name and password it is given.
     */
    public static DataSource driverDataSource(DatabaseSettings settings) {
        PGSimpleDataSource driver = new PGSimpleDataSource();
        driver.setURL(settings.jdbcUrl());
        driver.setApplicationName(APPLICATION_NAME);
        driver.setConnectTimeout((int) connectTimeoutSeconds(settings));
        driver.setSocketTimeout((int) socketTimeoutSeconds(settings));
        return driver;
    }

    private static HikariConfig baseConfig(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("hexatask");
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(settings.poolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        // Checking a pooled connection that sat idle waits at most a second for the server: a frozen server then
        // costs a request about the connection timeout plus a second, not the driver's socket timeout.
        config.setValidationTimeout(Math.min(VALIDATION_TIMEOUT_MILLIS, settings.connectionTimeout().toMillis()));
        config.setInitializationFailTimeout(-1);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setConnectionInitSql("SET statement_timeout = " + settings.statementTimeout().toMillis());
        return config;
    }

    private static long connectTimeoutSeconds(DatabaseSettings settings) {
        return seconds(settings.connectionTimeout().toMillis());
    }

    private static long socketTimeoutSeconds(DatabaseSettings settings) {
        return seconds(settings.statementTimeout().toMillis()) + 5;
    }

    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }
}
