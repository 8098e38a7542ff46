package dev.hexatask.lambda;

import dev.hexatask.application.fixtures.FixedDatabaseCredentials;
import dev.hexatask.lambda.local.LocalContext;
import dev.hexatask.persistence.ApplicationRole;
import dev.hexatask.persistence.PostgresPersistence;
import dev.hexatask.persistence.UrlDatabaseCredentials;
import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The migrations function on real PostgreSQL: fresh, again, broken, and tampered with. */
@ExtendWith(PostgresTestDatabase.class)
class MigrationsHandlerTest {

    private final TestDatabase migrated;

    MigrationsHandlerTest(TestDatabase migrated) {
        this.migrated = migrated;
    }

    @Test
    void migratesAnEmptyDatabaseAndAgainChangesNothing() throws Exception {
        String url = emptyDatabase();
        MigrationsHandler handler = handlerFor(url);
        Map<String, String> first = handler.handleRequest(Map.of(), new LocalContext());
        assertThat(first.get("schemaVersion")).isEqualTo(latestVersion(migrated.jdbcUrl())).isNotBlank();
        long applied = count(url, "select count(*) from flyway_schema_history where success");
        assertThat(count(url, "select count(*) from cursor_signing_key")).isEqualTo(1);

        Map<String, String> again = handler.handleRequest(Map.of("trigger", "redeploy"), new LocalContext());
        assertThat(again).isEqualTo(first);
        assertThat(count(url, "select count(*) from flyway_schema_history where success")).isEqualTo(applied);
    }

    @Test
    void aMigrationThatFailsThrowsAndLeavesNothingHalfApplied() throws Exception {
        String url = emptyDatabase();
        MigrationsHandler handler = handlerFor(url);
        handler.handleRequest(Map.of(), new LocalContext());
        // Forget that the scripts ran: running the first again fails on its first CREATE, as a broken script would.
        execute(url, "delete from flyway_schema_history");
        assertThatThrownBy(() -> handler.handleRequest(Map.of(), new LocalContext()))
                .isInstanceOf(InvocationFailedException.class)
                .hasMessageStartingWith("Migrating the schema failed: ")
                .hasMessageContaining("already exists")
                .satisfies(MigrationsHandlerTest::saysOnlyItsMessage);
        assertThat(count(url, "select count(*) from flyway_schema_history where success"))
                .as("no version recorded as applied").isZero();
        assertThat(count(url, "select count(*) from cursor_signing_key"))
                .as("PostgreSQL rolled the failed script back").isEqualTo(1);
    }

    @Test
    void anAppliedScriptThatWasAlteredFailsValidation() throws Exception {
        String url = emptyDatabase();
        MigrationsHandler handler = handlerFor(url);
        handler.handleRequest(Map.of(), new LocalContext());
        execute(url, "update flyway_schema_history set checksum = checksum + 1 where version = '1'");
        assertThatThrownBy(() -> handler.handleRequest(Map.of(), new LocalContext()))
                .isInstanceOf(InvocationFailedException.class)
                .hasMessageContaining("checksum")
                .satisfies(MigrationsHandlerTest::saysOnlyItsMessage);
    }

    @Test
    void theApplicationsUserCanSignInAfterwardsAndOnlyWithItsSecretsPassword() throws Exception {
        String url = emptyDatabase();
        String password = "app-" + UUID.randomUUID();
        var owner = migrated.credentials().current();
        MigrationsHandler handler = new MigrationsHandler(() -> PostgresPersistence.start(
                MigrationsHandler.settings(url), UrlDatabaseCredentials.of(url, owner.username(), owner.password())),
                Optional.of(() -> new FixedDatabaseCredentials(ApplicationRole.NAME, password)));

        handler.handleRequest(Map.of(), new LocalContext());
        handler.handleRequest(Map.of("trigger", "redeploy"), new LocalContext());

        try (Connection connection = java.sql.DriverManager.getConnection(url, ApplicationRole.NAME, password);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select count(*) from cursor_signing_key")) {
            result.next();
            assertThat(result.getLong(1)).isEqualTo(1);
        }
        if (migrated.refusesWrongPassword(ApplicationRole.NAME)) {
            assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url, ApplicationRole.NAME, "not-" + password))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void refusesAnApplicationSecretThatNamesAnotherUser() {
        String url = emptyDatabase();
        var owner = migrated.credentials().current();
        MigrationsHandler handler = new MigrationsHandler(() -> PostgresPersistence.start(
                MigrationsHandler.settings(url), UrlDatabaseCredentials.of(url, owner.username(), owner.password())),
                Optional.of(() -> new FixedDatabaseCredentials(owner.username(), "taken-over")));

        assertThatThrownBy(() -> handler.handleRequest(Map.of(), new LocalContext()))
                .isInstanceOf(InvocationFailedException.class)
                .hasMessageContaining("hexatask_app")
                .satisfies(MigrationsHandlerTest::saysOnlyItsMessage);
    }

    @Test
    void theMaintenanceActionDeletesTheExpiredIdempotencyRecordsOnly() throws Exception {
        String url = emptyDatabase();
        MigrationsHandler handler = handlerFor(url);
        handler.handleRequest(Map.of(), new LocalContext());
        for (String key : new String[] {"expired-1", "expired-2", "live"}) {
            boolean expired = key.startsWith("expired");
            execute(url, "insert into idempotency_records (owner, idempotency_key, request_fingerprint, task_id, "
                    + "title, status, priority_rank, version, task_created_at, task_updated_at, created_at, "
                    + "expires_at) values ('alice', '" + key + "', '" + "a".repeat(64) + "', gen_random_uuid(), "
                    + "'A task', 'TODO', 1, 1, now(), now(), now() - interval '2 days', now() "
                    + (expired ? "- interval '1 day'" : "+ interval '1 day'") + ")");
        }

        Map<String, String> purged = handler.handleRequest(
                Map.of(MigrationsHandler.ACTION, MigrationsHandler.PURGE_IDEMPOTENCY_RECORDS), new LocalContext());

        assertThat(purged).isEqualTo(Map.of("deleted", "2", "batches", "1"));
        assertThat(count(url, "select count(*) from idempotency_records where idempotency_key = 'live'"))
                .isEqualTo(1);
        assertThat(count(url, "select count(*) from idempotency_records")).isEqualTo(1);
    }

    @Test
    void anUnknownActionIsRefusedAndChangesNothing() throws Exception {
        String url = emptyDatabase();
        MigrationsHandler handler = handlerFor(url);
        assertThatThrownBy(() -> handler.handleRequest(Map.of(MigrationsHandler.ACTION, "drop-everything"),
                new LocalContext()))
                .isInstanceOf(InvocationFailedException.class)
                .hasMessageContaining("unknown action")
                .satisfies(MigrationsHandlerTest::saysOnlyItsMessage);
        assertThat(count(url, "select count(*) from pg_tables where tablename = 'flyway_schema_history'"))
                .isZero();
    }

    private MigrationsHandler handlerFor(String url) {
        var owner = migrated.credentials().current();
        return new MigrationsHandler(() -> PostgresPersistence.start(MigrationsHandler.settings(url),
                UrlDatabaseCredentials.of(url, owner.username(), owner.password())));
    }

    /** A new, empty database on the test server; its JDBC URL. */
    private String emptyDatabase() {
        String name = "hexatask_migrations_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        migrated.executeOnServer("create database " + name + " encoding 'UTF8' template template0");
        String url = migrated.jdbcUrl();
        return url.replace("/" + migrated.name(), "/" + name);
    }

    private String latestVersion(String url) throws SQLException {
        try (Connection connection = connect(url); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "select version from flyway_schema_history where success order by installed_rank desc limit 1")) {
            result.next();
            return result.getString(1);
        }
    }

    private long count(String url, String sql) throws SQLException {
        try (Connection connection = connect(url); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private void execute(String url, String sql) throws SQLException {
        try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private Connection connect(String url) throws SQLException {
        var owner = migrated.credentials().current();
        return java.sql.DriverManager.getConnection(url, owner.username(), owner.password());
    }

    /** What the runtime writes to the log and to the caller: the message, no stack frames, no cause. */
    private static void saysOnlyItsMessage(Throwable thrown) {
        assertThat(thrown.getStackTrace()).isEmpty();
        assertThat(thrown.getCause()).isNull();
        assertThat(thrown.getSuppressed()).isEmpty();
    }
}
