package dev.hexatask.persistence;

import dev.hexatask.application.port.out.DatabaseCredentials;
import dev.hexatask.application.port.out.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens connections with the credentials the {@link DatabaseCredentials} port gives, and rides out a password
 * rotation: when PostgreSQL refuses the password of a new connection, it asks the port to
 * {@link DatabaseCredentials#refresh() refresh} and tries again, at once and then with exponential backoff, until
 * the {@link RotationRetryPolicy#budget() budget} is spent. Then it throws a {@link StorageUnavailableException}
 * (503) whose message holds no secret. This is the only place that retries a sign-in.
 *
 * <p>The policy: only SQLState {@value #INVALID_PASSWORD} (invalid_password) means "the password changed".
 * PostgreSQL answers it for a wrong password and, so as not to tell who exists, for an unknown role under password
 * authentication: both are what a rotation looks like from here. {@code 28000} (invalid_authorization_specification:
 * no {@code pg_hba.conf} entry, a role that may not log in) is a configuration that no re-read secret repairs, and
 * is passed on at once, as is every other failure.
 *
 * <p>Give it an unpooled driver data source ({@code PGSimpleDataSource}) and hand it to a pool without user name
 * and password. The pool calls {@link #getConnection()} for each new connection only; connections already open are
 * untouched by a rotation and keep working.
 */
public final class RotationAwareDataSource implements DataSource {

    static final String INVALID_PASSWORD = "28P01";

    private static final Logger LOG = LoggerFactory.getLogger(RotationAwareDataSource.class);

    private final DataSource target;
    private final DatabaseCredentials credentials;
    private final RotationRetryPolicy policy;
    private final AtomicLong refusals = new AtomicLong();

    public RotationAwareDataSource(DataSource target, DatabaseCredentials credentials, RotationRetryPolicy policy) {
        this.target = Objects.requireNonNull(target, "target");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public Connection getConnection() throws SQLException {
        var started = System.nanoTime();
        var deadline = started + policy.budget().toNanos();
        var current = credentials.current();
        var attempts = 0;
        Duration wait = null;
        while (true) {
            attempts++;
            try {
                var connection = target.getConnection(current.username(), current.password());
                if (attempts > 1) {
                    LOG.info("The database accepted the refreshed credentials after {} attempts in {} ms", attempts,
                            elapsedMillis(started));
                }
                return connection;
            } catch (SQLException e) {
                if (!isPasswordRefused(e)) {
                    throw e;
                }
                refusals.incrementAndGet();
                var remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw exhausted(attempts, started, e);
                }
                if (wait != null) {
                    var pause = Math.min(withJitter(wait).toNanos(), remaining);
                    LOG.warn("The database refused the password of a new connection (attempt {}); "
                            + "reading the secret again in {} ms", attempts, pause / 1_000_000);
                    sleep(pause);
                    wait = policy.next(wait);
                } else {
                    LOG.warn("The database refused the password of a new connection; reading the secret again");
                    wait = policy.initialDelay();
                }
                current = credentials.refresh();
            }
        }
    }

    /** Refusals of a password seen since this data source was made (each one led to a refresh). */
    public long passwordRefusals() {
        return refusals.get();
    }

    /** Refused: the credentials come from the port, so a pool must not be configured with its own. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("RotationAwareDataSource takes its credentials from the "
                + "DatabaseCredentials port: configure the pool without a user name and password");
    }

    private static boolean isPasswordRefused(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && INVALID_PASSWORD.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private StorageUnavailableException exhausted(int attempts, long started, SQLException last) {
        return new StorageUnavailableException("The database refused the password from the secret " + attempts
                + " times in " + elapsedMillis(started) + " ms: the credentials are being rotated, or the secret "
                + "does not match the database", last);
    }

    /** Between half and all of {@code wait}, so that many clients refused together do not retry in step. */
    private static Duration withJitter(Duration wait) {
        var half = wait.toNanos() / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private static void sleep(long nanos) throws SQLException {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while waiting for rotated database credentials", "08001", e);
        }
    }

    private static long elapsedMillis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target.isWrapperFor(iface);
    }

    @Override
    public String toString() {
        return "RotationAwareDataSource[" + policy + "]";
    }
}
