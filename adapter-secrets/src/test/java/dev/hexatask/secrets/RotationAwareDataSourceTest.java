package dev.hexatask.secrets;

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
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

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

import static dev.hexatask.secrets.FakeSecretsManager.SECRET_ARN;
import static dev.hexatask.secrets.FakeSecretsManager.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Password rotation on real PostgreSQL 17 (password authentication, SCRAM) with the credentials read by the real
 * SDK client from a local Secrets Manager endpoint.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RotationAwareDataSourceTest {

    private static final String OLD_PASSWORD = "0ld-Passw0rd-before-rotation";
    private static final String NEW_PASSWORD = "N3w-Passw0rd-after-rotation";

    private static EmbeddedPostgres postgres;
    private static FakeSecretsManager secretsManager;
    private static SecretsManagerClient client;
    private static LogCapture logs;

    @BeforeAll
    static void start() throws IOException {
        logs = new LogCapture();
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
        secretsManager = new FakeSecretsManager();
        client = secretsManager.client();
    }

    @AfterAll
    static void stop() throws IOException {
        client.close();
        secretsManager.close();
        postgres.close();
        logs.close();
    }

    @BeforeEach
    void resetEndpoint() {
        secretsManager.reset();
        logs.clear();
    }

    @AfterEach
    void noPasswordInAnyLogLine() {
        logs.assertNoLineContains(OLD_PASSWORD, NEW_PASSWORD, "Passw0rd");
    }

    @Test
    void aRotationUnderLoadFailsNoQueryAndNewConnectionsUseTheNewPassword() throws Exception {
        createRole("app_rotating", OLD_PASSWORD);
        serveSecret("app_rotating", OLD_PASSWORD, "postgres");
        var credentials = new SecretsManagerDatabaseCredentials(client, SECRET_ARN);
        var target = new RecordingDataSource(credentials.secret());
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
            serveSecret("app_rotating", NEW_PASSWORD, "postgres");
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

            var reads = secretsManager.getSecretValueCalls();
            assertThat(reads).as("one read, then one per refused password at most")
                    .isBetween(2, 1 + (int) rotating.passwordRefusals());

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
        serveSecret("app_cached", OLD_PASSWORD, "postgres");
        var credentials = new SecretsManagerDatabaseCredentials(client, SECRET_ARN);
        var firstWait = Duration.ofSeconds(6);
        var rotating = new RotationAwareDataSource(new RecordingDataSource(credentials.secret()), credentials,
                new RotationRetryPolicy(Duration.ofSeconds(30), firstWait, firstWait));
        admin("ALTER ROLE app_cached PASSWORD '" + NEW_PASSWORD + "'");
        serveSecret("app_cached", NEW_PASSWORD, "postgres");

        var started = System.nanoTime();
        try (var connection = rotating.getConnection()) {
            assertThat(currentUser(connection)).isEqualTo("app_cached");
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("no backoff before the first retry").isLessThan(firstWait.dividedBy(2));
        assertThat(rotating.passwordRefusals()).isEqualTo(1);
        assertThat(secretsManager.getSecretValueCalls()).isEqualTo(2);
    }

    @Test
    void givesUpAfterTheBudgetWithAClearErrorThatHoldsNoSecret() {
        createRole("app_mismatch", NEW_PASSWORD);
        serveSecret("app_mismatch", OLD_PASSWORD, "postgres");
        var credentials = new SecretsManagerDatabaseCredentials(client, SECRET_ARN);
        var budget = Duration.ofMillis(1_500);
        var rotating = new RotationAwareDataSource(new RecordingDataSource(credentials.secret()), credentials,
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
        assertThat(secretsManager.getSecretValueCalls()).as("a refresh after every refusal but the last")
                .isEqualTo((int) rotating.passwordRefusals());
    }

    @Test
    void otherConnectionErrorsPassThroughAtOnce() {
        createRole("app_lost", OLD_PASSWORD);
        serveSecret("app_lost", OLD_PASSWORD, "no_such_database");
        var credentials = new SecretsManagerDatabaseCredentials(client, SECRET_ARN);
        var rotating = new RotationAwareDataSource(new RecordingDataSource(credentials.secret()), credentials,
                RotationRetryPolicy.defaults());

        var e = catchThrowableOfType(SQLException.class, rotating::getConnection);

        assertThat(e.getSQLState()).isEqualTo("3D000");
        assertThat(rotating.passwordRefusals()).isZero();
        assertThat(secretsManager.getSecretValueCalls()).isEqualTo(1);
    }

    @Test
    void aSecretsManagerOutageDuringTheRefreshIsStorageUnavailable() {
        createRole("app_outage", NEW_PASSWORD);
        serveSecret("app_outage", OLD_PASSWORD, "postgres");
        var credentials = new SecretsManagerDatabaseCredentials(client, SECRET_ARN);
        var rotating = new RotationAwareDataSource(new RecordingDataSource(credentials.secret()), credentials,
                RotationRetryPolicy.defaults());
        secretsManager.reset();
        secretsManager.answerInTurn(error(503, "ServiceUnavailable", "unavailable"));

        assertThatThrownBy(rotating::getConnection)
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("Could not read database secret " + SECRET_ARN + ": ServiceUnavailable");
        assertThat(rotating.passwordRefusals()).isEqualTo(1);
    }

    @Test
    void refusesCredentialsGivenByThePool() {
        var rotating = new RotationAwareDataSource(new PGSimpleDataSource(),
                new dev.hexatask.application.fixtures.FixedDatabaseCredentials("app", "pw"),
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

    private static void serveSecret(String username, String password, String dbname) {
        secretsManager.serveRds(username, password, "localhost", postgres.getPort(), dbname);
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

    /** One attempt to open a connection that PostgreSQL accepted: when it started and with which password. */
    record Open(long startedAt, String password) {
    }

    /** The driver's own data source, built from the secret as a composition root would; it notes each open. */
    static final class RecordingDataSource extends PGSimpleDataSource {

        final Queue<Open> opens = new ConcurrentLinkedQueue<>();

        RecordingDataSource(RdsSecret secret) {
            setURL(secret.jdbcUrl());
            // The embedded server has no TLS; RDS always has.
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
