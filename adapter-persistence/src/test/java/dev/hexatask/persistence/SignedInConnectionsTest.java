package dev.hexatask.persistence;

import dev.hexatask.application.fixtures.FixedDatabaseCredentials;
import dev.hexatask.application.port.out.DatabaseCredentials;
import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import static dev.hexatask.persistence.testing.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

/** The adapter over a data source that signs connections in by itself (how the Lambda rides out a rotation). */
@ExtendWith(PostgresTestDatabase.class)
class SignedInConnectionsTest {

    @Test
    void everyNewConnectionIsMadeByTheSignInDecorator(TestDatabase database) {
        DatabaseCredentials.Credentials admin = database.credentials().current();
        FixedDatabaseCredentials credentials = new FixedDatabaseCredentials(admin.username(), admin.password());
        AtomicInteger signIns = new AtomicInteger();
        DatabaseSettings settings = DatabaseSettings.forLambda(database.jdbcUrl())
                .withConnectionTimeout(Duration.ofSeconds(10));

        try (PostgresPersistence persistence = PostgresPersistence.start(settings, credentials,
                driver -> new SigningIn(driver, credentials, signIns))) {
            var task = aTask().build();
            persistence.transactions().inTransaction(() -> {
                persistence.tasks().insert(task);
                return null;
            });
            assertThat(persistence.transactions().inTransaction(() -> persistence.tasks().find(task.owner(),
                    task.id()))).contains(task);
            assertThat(persistence.health().isReachable()).isTrue();
        }
        assertThat(signIns.get()).isPositive();
    }

    /** Connects with the port's current credentials, as adapter-secrets' rotation-aware data source does. */
    private record SigningIn(DataSource driver, DatabaseCredentials credentials, AtomicInteger signIns)
            implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            signIns.incrementAndGet();
            DatabaseCredentials.Credentials current = credentials.current();
            return driver.getConnection(current.username(), current.password());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("the pool must not bring its own credentials");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
