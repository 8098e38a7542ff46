package dev.hexatask.persistence;

import dev.hexatask.application.fixtures.FixedDatabaseCredentials;
import dev.hexatask.application.port.out.StorageUnavailableException;
import dev.hexatask.application.port.out.TaskQuery;
import dev.hexatask.domain.task.Task;
import dev.hexatask.domain.task.Title;
import dev.hexatask.domain.user.UserId;
import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TaskBuilder;
import dev.hexatask.persistence.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import static dev.hexatask.persistence.testing.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** What callers see when the database is away, refuses the password, or drops the connection. */
@ExtendWith(PostgresTestDatabase.class)
class ConnectionFailuresTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final String ROLE = "hexatask_app_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String FIRST_PASSWORD = "first-Pa55word";
    private static final String SECOND_PASSWORD = "second-Pa55word";

    private final TestDatabase database;

    ConnectionFailuresTest(TestDatabase database) {
        this.database = database;
    }

    @BeforeAll
    static void createRole(TestDatabase database) {
        database.createLoginRole(ROLE, FIRST_PASSWORD);
    }

    @AfterAll
    static void dropRole(TestDatabase database) {
        database.execute("drop owned by " + ROLE);
        database.executeOnServer("drop role " + ROLE);
    }

    /** A pool that gives up soon on a database that is not there. */
    private DatabaseSettings quick(String jdbcUrl) {
        return DatabaseSettings.forServer(jdbcUrl).withPoolSize(1).withConnectionTimeout(Duration.ofMillis(500));
    }

    /** A pool with time enough to log in (SCRAM takes a while on a busy machine). */
    private DatabaseSettings patient(String jdbcUrl) {
        return DatabaseSettings.forServer(jdbcUrl).withPoolSize(1).withConnectionTimeout(Duration.ofSeconds(5));
    }

    @Test
    void an_unreachable_server_is_storage_unavailable_and_unhealthy() {
        String nowhere = "jdbc:postgresql://127.0.0.1:1/hexatask";
        try (PostgresPersistence persistence = PostgresPersistence.start(quick(nowhere),
                new FixedDatabaseCredentials("hexatask", FIRST_PASSWORD))) {

            assertThatThrownBy(() -> persistence.tasks().find(ALICE, TaskBuilder.nextId()))
                    .isInstanceOf(StorageUnavailableException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(FIRST_PASSWORD)
                            .doesNotContainIgnoringCase("select"));
            assertThatThrownBy(() -> persistence.transactions().inTransaction(() -> "work"))
                    .isInstanceOf(StorageUnavailableException.class);
            assertThat(persistence.health().isReachable()).isFalse();
        }
    }

    @Test
    void a_wrong_password_is_fetched_again_then_storage_unavailable_without_the_password_in_the_message() {
        FixedDatabaseCredentials credentials = new FixedDatabaseCredentials(ROLE, "not-the-password");
        DatabaseSettings settings = quick(database.jdbcUrl()).withConnectionTimeout(Duration.ofSeconds(1));
        try (PostgresPersistence persistence = PostgresPersistence.start(settings, credentials)) {
            assumeThat(database.refusesWrongPassword(ROLE)).isTrue();

            assertThatThrownBy(() -> persistence.tasks().list(TaskQuery.all(ALICE, 10)))
                    .isInstanceOf(StorageUnavailableException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-password"));
            assertThat(credentials.refreshes()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void a_rotated_password_is_used_by_new_connections_without_a_restart() {
        FixedDatabaseCredentials credentials = new FixedDatabaseCredentials(ROLE, FIRST_PASSWORD);
        try (PostgresPersistence persistence = PostgresPersistence.start(patient(database.jdbcUrl()), credentials)) {
            Task before = aTask().build();
            persistence.tasks().insert(before);

            database.executeOnServer("alter role " + ROLE + " password '" + SECOND_PASSWORD + "'");
            credentials.set(ROLE, SECOND_PASSWORD);
            persistence.renewConnections();
            Task after = aTask().build();
            persistence.tasks().insert(after);

            assertThat(persistence.tasks().find(ALICE, before.id())).contains(before);
            assertThat(persistence.tasks().find(ALICE, after.id())).contains(after);
            assertThat(currentUser(persistence)).isEqualTo(ROLE);
        } finally {
            database.executeOnServer("alter role " + ROLE + " password '" + FIRST_PASSWORD + "'");
        }
    }

    @Test
    void a_connection_the_server_terminates_mid_transaction_is_storage_unavailable() {
        try (PostgresPersistence persistence = PostgresPersistence.start(patient(database.jdbcUrl()),
                database.credentials())) {
            Task task = aTask().build();

            assertThatThrownBy(() -> persistence.transactions().inTransaction(() -> {
                persistence.tasks().insert(task);
                database.execute("select pg_terminate_backend(pid) from pg_stat_activity "
                        + "where application_name = 'hexatask' and datname = current_database()");
                return persistence.tasks().find(ALICE, task.id());
            })).isInstanceOf(StorageUnavailableException.class);

            assertThat(persistence.tasks().find(ALICE, task.id())).isEmpty();
            assertThat(persistence.health().isReachable()).isTrue();
        }
    }

    @Test
    void a_statement_running_past_the_statement_timeout_is_cancelled_as_storage_unavailable() throws Exception {
        Task task = aTask().build();
        database.persistence().tasks().insert(task);
        DatabaseSettings impatient = patient(database.jdbcUrl()).withInFlightWait(Duration.ofMillis(100))
                .withStatementTimeout(Duration.ofMillis(300));
        try (PostgresPersistence persistence = PostgresPersistence.start(impatient, database.credentials());
             Connection holder = database.connect(); Statement lock = holder.createStatement()) {
            holder.setAutoCommit(false);
            lock.execute("select * from tasks where id = '" + task.id() + "' for update");

            Task revised = task.revise(task.details().withTitle(Title.of("late")), task.createdAt());
            assertThatThrownBy(() -> persistence.tasks().update(revised))
                    .isInstanceOf(StorageUnavailableException.class)
                    .hasMessageContaining("57014");
            holder.rollback();
        }
    }

    @Test
    void a_refused_write_is_an_illegal_state_naming_the_constraint_but_no_value() {
        Task task = aTask().titled("Secret plans").build();
        database.persistence().tasks().insert(task);

        assertThatThrownBy(() -> database.persistence().tasks().insert(task))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tasks_pk")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage().toLowerCase(Locale.ROOT))
                        .doesNotContain("secret plans", task.id().toString(), "insert"));
    }

    private static String currentUser(PostgresPersistence persistence) throws RuntimeException {
        try (Connection connection = persistence.dataSource().getConnection();
             Statement statement = connection.createStatement();
             var row = statement.executeQuery("select current_user")) {
            row.next();
            return row.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
