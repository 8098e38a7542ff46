package dev.hexatask.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hexatask.application.port.out.StorageUnavailableException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hexatask.application.fixtures.FixedDatabaseCredentials;
import dev.hexatask.application.port.out.DatabaseCredentials;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Password rotation on real PostgreSQL 17 (password authentication, SCRAM): the password of the role in use is
 * changed, and the credentials port gives the new one some time later, as a rotated secret does. (Reading a real
 * secret is adapter-secrets' to test.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RotationAwareDataSourceTest {

    private static final String OLD_PASSWORD = "0ld-Passw0rd-before-rotation";
    private static final String NEW_PASSWORD = "N3w-Passw0rd-after-rotation";

    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        LOGS.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOGS);
        postgres = EmbeddedPostgres.builder()
                // initdb trusts everyone; the application roles must prove their password as on RDS.
                .setDataDirectoryCustomizer(dataDirectory -> {
                    try {
                        Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), """
                                local all all trust
                                host all postgres 127.0.0.1/32 trust
                                host all postgres ::1/128 trust
                                host all all 127.0.0.1/32 scram-sha-256
                                host all all ::1/128 scram-sha-256
                                """);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .start();
    }

    @AfterAll
    static void stop() throws IOException {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOGS);
        postgres.close();
    }

    @BeforeEach
    void clearLogs() {
        LOGS.list.clear();
    }

    @AfterEach
    void noPasswordInAnyLogLine() {
        for (ILoggingEvent event : List.copyOf(LOGS.list)) {
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : event.getThrowableProxy().getMessage());
            assertThat(line).doesNotContain(OLD_PASSWORD, NEW_PASSWORD, "Passw0rd");
        }
    }

    @Test
    void aRotationUnderLoadFailsNoQueryAndNewConnectionsUseTheNewPassword() throws Exception {
        createRole("app_rotating", OLD_PASSWORD);
        var credentials = new CachedCredentials("app_rotating", OLD_PASSWORD);
        var target = new RecordingDataSource("postgres");
        var rotating = new RotationAwareDataSource(target, credentials,
                new RotationRetryPolicy(Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(1)));
        var config = new HikariConfig();
        config.setPoolName("rotation-test");
        config.setDataSource(rotating);
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(20_000);

        try (var pool = new HikariDataSource(config);
             var openedBeforeRotation = rotating.getConnection();
             var workers = Executors.newFixedThreadPool(5)) {
            var running = new AtomicBoolean(true);
            var queries = new ConcurrentLinkedQueue<Long>();
            var failures = new ConcurrentLinkedQueue<Throwable>();
            for (var i = 0; i < 4; i++) {
                workers.submit(() -> query(pool, running, queries, failures));
            }
            // HikariCP allows no max lifetime under 30 s; evicting this often retires connections the same way.
            workers.submit(() -> {
                while (running.get()) {
                    pool.getHikariPoolMXBean().softEvictConnections();
                    pause(250);
                }
            });

            pause(1_000);
            admin("ALTER ROLE app_rotating PASSWORD '" + NEW_PASSWORD + "'");
            var passwordChanged = System.nanoTime();
            // The rotation function promotes AWSPENDING to AWSCURRENT a while after it changed the password.
            pause(3_000);
            credentials.set("app_rotating", NEW_PASSWORD);
            var secretPromoted = System.nanoTime();
            pause(2_000);
            running.set(false);
            workers.shutdown();
            assertThat(workers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            assertThat(failures).as("failed queries").isEmpty();
            assertThat(queries).filteredOn(at -> at < passwordChanged).as("queries before the password changed")
                    .hasSizeGreaterThanOrEqualTo(3);
            assertThat(queries).filteredOn(at -> at > secretPromoted).as("queries after the secret changed")
                    .hasSizeGreaterThanOrEqualTo(3);

            assertThat(rotating.passwordRefusals()).as("refusals during the rotation window").isPositive();
            var opens = List.copyOf(target.opens);
            assertThat(opens).filteredOn(open -> open.startedAt() > passwordChanged)
                    .as("connections opened after the password changed")
                    .isNotEmpty()
                    .allMatch(open -> open.password().equals(NEW_PASSWORD));
            assertThat(opens).filteredOn(open -> open.startedAt() > secretPromoted)
                    .as("connections the pool opened after the secret changed").hasSizeGreaterThanOrEqualTo(2);

            assertThat(credentials.refreshes()).as("one refresh per refused password at most")
                    .isBetween(1, (int) rotating.passwordRefusals());

            assertThat(currentUser(openedBeforeRotation)).as("a connection opened before the rotation")
                    .isEqualTo("app_rotating");
        }
        var refused = catchThrowableOfType(SQLException.class,
                () -> postgresAs("app_rotating", OLD_PASSWORD).getConnection().close());
        assertThat(refused.getSQLState()).isEqualTo(RotationAwareDataSource.INVALID_PASSWORD);
    }

    @Test
    void aPasswordRotatedWhileCachedIsPickedUpAtOnce() throws SQLException {
        createRole("app_cached", OLD_PASSWORD);
        var credentials = new CachedCredentials("app_cached", OLD_PASSWORD);
        var firstWait = Duration.ofSeconds(6);
        var rotating = new RotationAwareDataSource(new RecordingDataSource("postgres"), credentials,
                new RotationRetryPolicy(Duration.ofSeconds(30), firstWait, firstWait));
        admin("ALTER ROLE app_cached PASSWORD '" + NEW_PASSWORD + "'");
        credentials.set("app_cached", NEW_PASSWORD);

        var started = System.nanoTime();
        try (var connection = rotating.getConnection()) {
            assertThat(currentUser(connection)).isEqualTo("app_cached");
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("no backoff before the first retry").isLessThan(firstWait.dividedBy(2));
        assertThat(rotating.passwordRefusals()).isEqualTo(1);
        assertThat(credentials.refreshes()).isEqualTo(1);
    }

    @Test
    void givesUpAfterTheBudgetWithAClearErrorThatHoldsNoSecret() {
        createRole("app_mismatch", NEW_PASSWORD);
        var credentials = new CachedCredentials("app_mismatch", OLD_PASSWORD);
        var budget = Duration.ofMillis(1_500);
        var rotating = new RotationAwareDataSource(new RecordingDataSource("postgres"), credentials,
                new RotationRetryPolicy(budget, Duration.ofMillis(100), Duration.ofMillis(400)));

        var started = System.nanoTime();
        var e = catchThrowableOfType(StorageUnavailableException.class, rotating::getConnection);
        var elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(e.getMessage()).startsWith("The database refused the password from the secret ")
                .contains("the credentials are being rotated, or the secret does not match the database")
                .doesNotContain(OLD_PASSWORD).doesNotContain(NEW_PASSWORD);
        assertThat(e.getCause()).isInstanceOf(SQLException.class);
        assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("28P01");
        assertThat(e.getCause().getMessage()).doesNotContain(OLD_PASSWORD).doesNotContain(NEW_PASSWORD);
        assertThat(elapsed).isBetween(budget, budget.plusSeconds(3));
        assertThat(rotating.passwordRefusals()).isGreaterThanOrEqualTo(4);
        assertThat(credentials.refreshes()).as("a refresh after every refusal but the last")
                .isEqualTo((int) rotating.passwordRefusals() - 1);
    }

    @Test
    void otherConnectionErrorsPassThroughAtOnce() {
        createRole("app_lost", OLD_PASSWORD);
        var credentials = new CachedCredentials("app_lost", OLD_PASSWORD);
        var rotating = new RotationAwareDataSource(new RecordingDataSource("no_such_database"), credentials,
                RotationRetryPolicy.defaults());

        var e = catchThrowableOfType(SQLException.class, rotating::getConnection);

        assertThat(e.getSQLState()).isEqualTo("3D000");
        assertThat(rotating.passwordRefusals()).isZero();
        assertThat(credentials.refreshes()).isZero();
    }

    @Test
    void aCredentialsStoreOutageDuringTheRefreshIsPassedOn() {
        createRole("app_outage", NEW_PASSWORD);
        var outage = new StorageUnavailableException("the secret store cannot be reached", null);
        var credentials = new DatabaseCredentials() {
            @Override
            public Credentials current() {
                return new Credentials("app_outage", OLD_PASSWORD);
            }

            @Override
            public Credentials refresh() {
                throw outage;
            }
        };
        var rotating = new RotationAwareDataSource(new RecordingDataSource("postgres"), credentials,
                RotationRetryPolicy.defaults());

        assertThatThrownBy(rotating::getConnection).isSameAs(outage);
        assertThat(rotating.passwordRefusals()).isEqualTo(1);
    }

    @Test
    void aRoleThatMayNotLogInIsNotTakenForARotation() {
        admin("CREATE ROLE app_nologin NOLOGIN PASSWORD '" + OLD_PASSWORD + "'");
        var credentials = new CachedCredentials("app_nologin", OLD_PASSWORD);
        var rotating = new RotationAwareDataSource(new RecordingDataSource("postgres"), credentials,
                RotationRetryPolicy.defaults());

        var e = catchThrowableOfType(SQLException.class, rotating::getConnection);

        assertThat(e.getSQLState()).isEqualTo("28000");
        assertThat(rotating.passwordRefusals()).isZero();
        assertThat(credentials.refreshes()).isZero();
    }

    @Test
    void refusesCredentialsGivenByThePool() {
        var rotating = new RotationAwareDataSource(new PGSimpleDataSource(),
                new FixedDatabaseCredentials("app", "pw"),
                RotationRetryPolicy.defaults());

        assertThatThrownBy(() -> rotating.getConnection("app", "pw"))
                .isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessageContaining("configure the pool without a user name and password");
    }

    private static void query(HikariDataSource pool, AtomicBoolean running, Queue<Long> queries,
                              Queue<Throwable> failures) {
        while (running.get()) {
            try (var connection = pool.getConnection()) {
                assertThat(currentUser(connection)).isEqualTo("app_rotating");
                queries.add(System.nanoTime());
            } catch (Throwable e) {
                failures.add(e);
            }
            pause(10);
        }
    }

    private static String currentUser(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             var result = statement.executeQuery("SELECT current_user")) {
            result.next();
            return result.getString(1);
        }
    }

    private static void createRole(String role, String password) {
        admin("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
    }

    private static void admin(String sql) {
        try (var connection = postgres.getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PGSimpleDataSource postgresAs(String user, String password) {
        var dataSource = new PGSimpleDataSource();
        dataSource.setURL("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres");
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Credentials kept as a secret's are: {@link #current()} answers what was last read, and only a refresh reads
     * what the store holds now ({@link #set}).
     */
    static final class CachedCredentials implements DatabaseCredentials {

        private volatile Credentials stored;
        private volatile Credentials cached;
        private final AtomicInteger refreshes = new AtomicInteger();

        CachedCredentials(String username, String password) {
            stored = new Credentials(username, password);
            cached = stored;
        }

        void set(String username, String password) {
            stored = new Credentials(username, password);
        }

        int refreshes() {
            return refreshes.get();
        }

        @Override
        public Credentials current() {
            return cached;
        }

        @Override
        public Credentials refresh() {
            refreshes.incrementAndGet();
            cached = stored;
            return cached;
        }
    }

    /** One attempt to open a connection that PostgreSQL accepted: when it started and with which password. */
    record Open(long startedAt, String password) {
    }

    /** The driver's own data source for a database of the embedded server; it notes each open. */
    static final class RecordingDataSource extends PGSimpleDataSource {

        final Queue<Open> opens = new ConcurrentLinkedQueue<>();

        RecordingDataSource(String database) {
            setURL("jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database);
            setSslMode("disable");
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            var startedAt = System.nanoTime();
            var connection = super.getConnection(user, password);
            opens.add(new Open(startedAt, password));
            return connection;
        }
    }
}
