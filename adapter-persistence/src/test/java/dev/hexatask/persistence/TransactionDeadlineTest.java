package dev.hexatask.persistence;

import dev.hexatask.application.port.out.StorageUnavailableException;
import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TestDatabase;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Supplier;

import static dev.hexatask.persistence.testing.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A transaction still waiting on the database at its deadline is ended there: the {@link ConnectionWatchdog} aborts
 * its connection, the transaction fails as unavailable, and the pool replaces the connection, so that the next
 * transaction gets a working one. The statements here are slow (pg_sleep) rather than frozen: the server answers
 * everything else, so what ends them can only be the watchdog (the statement timeout is far longer).
 * {@link FrozenDatabaseTest} covers a server that answers nothing.
 */
@ExtendWith(PostgresTestDatabase.class)
class TransactionDeadlineTest {

    private static final Duration TRANSACTION_TIMEOUT = Duration.ofMillis(1_000);
    /** The deadline, one watchdog period, and room for a loaded machine; far below the 5 s a statement sleeps. */
    private static final Duration ENDED_WITHIN = Duration.ofMillis(2_500);

    private final TestDatabase database;

    TransactionDeadlineTest(TestDatabase database) {
        this.database = database;
    }

    @Test
    void aTransactionPastItsDeadlineFailsAsUnavailableAndItsConnectionIsReplaced() {
        try (PostgresPersistence persistence = PostgresPersistence.start(settings(), database.credentials())) {
            var transactions = persistence.transactions();
            assertEndedAtTheDeadline(() -> transactions.inTransaction(() -> sleep(persistence, 5)));
            assertEndedAtTheDeadline(() -> transactions.withoutTransaction(() -> sleep(persistence, 5)));
            // The pool's only connection was aborted twice; each time another took its place.
            var task = aTask().build();
            transactions.inTransaction(() -> {
                persistence.tasks().insert(task);
                return null;
            });
            assertThat(persistence.tasks().find(task.owner(), task.id())).contains(task);
        }
    }

    @Test
    void aTransactionThatEndsInTimeKeepsItsConnection() throws SQLException {
        try (PostgresPersistence persistence = PostgresPersistence.start(settings(), database.credentials())) {
            var transactions = persistence.transactions();
            int backend = transactions.inTransaction(() -> backendPid(persistence));
            assertThat(transactions.inTransaction(() -> sleep(persistence, 0.3))).isEqualTo(backend);
            // Well past the first transactions' deadlines: the watchdog left their ended watches alone.
            sleepFor(TRANSACTION_TIMEOUT.plus(ConnectionWatchdog.PERIOD.multipliedBy(3)));
            assertThat(transactions.withoutTransaction(() -> backendPid(persistence))).isEqualTo(backend);
        }
    }

    @Test
    void theWatchdogAbortsOnlyConnectionsPastTheirDeadline() throws Exception {
        try (ConnectionWatchdog watchdog = new ConnectionWatchdog();
             Connection due = database.connect();
             Connection notDue = database.connect();
             Connection ended = database.connect()) {
            long now = System.nanoTime();
            ConnectionWatchdog.Watch dueWatch = watchdog.watch(due, now + Duration.ofMillis(200).toNanos());
            ConnectionWatchdog.Watch notDueWatch = watchdog.watch(notDue, now + Duration.ofMinutes(1).toNanos());
            // Ended well before its deadline (so that no sweep can come between), then left until well past it.
            long endedDeadline = now + Duration.ofMillis(500).toNanos();
            ConnectionWatchdog.Watch endedWatch = watchdog.watch(ended, endedDeadline);
            assertThat(endedWatch.end()).isTrue();

            long started = System.nanoTime();
            assertThatThrownBy(() -> {
                try (Statement statement = due.createStatement()) {
                    statement.execute("select pg_sleep(5)");
                }
            }).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("08"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ENDED_WITHIN);
            assertThat(dueWatch.end()).as("the watch of an aborted connection").isFalse();

            long pastEndedDeadline = endedDeadline + ConnectionWatchdog.PERIOD.multipliedBy(3).toNanos();
            sleepFor(Duration.ofNanos(Math.max(0, pastEndedDeadline - System.nanoTime())));
            watchdog.sweep();
            assertThat(watchdog.watched()).as("watches left after a sweep").isEqualTo(1);
            assertThat(notDue.isValid(1)).isTrue();
            assertThat(ended.isValid(1)).isTrue();
            assertThat(notDueWatch.end()).isTrue();
            assertThat(notDueWatch.end()).as("ending twice").isTrue();
        }
    }

    private DatabaseSettings settings() {
        return DatabaseSettings.forLambda(database.jdbcUrl())
                .withConnectionTimeout(Duration.ofMillis(250))
                .withInFlightWait(Duration.ofMillis(100))
                .withTransactionTimeout(TRANSACTION_TIMEOUT);
    }

    private static void assertEndedAtTheDeadline(Supplier<?> work) {
        long started = System.nanoTime();
        assertThatThrownBy(work::get).isInstanceOf(StorageUnavailableException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isGreaterThanOrEqualTo(TRANSACTION_TIMEOUT.minusMillis(50)).isLessThan(ENDED_WITHIN);
    }

    /** Sleeps on the server, then answers the backend's process id. */
    private static int sleep(PostgresPersistence persistence, double seconds) {
        persistence.dsl().execute("select pg_sleep(?)", seconds);
        return backendPid(persistence);
    }

    private static int backendPid(PostgresPersistence persistence) {
        return persistence.dsl().select(DSL.field("pg_backend_pid()", Integer.class)).fetchSingle().value1();
    }

    private static void sleepFor(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
