package dev.hexatask.persistence;

import dev.hexatask.application.port.out.IdempotencyRecord;
import dev.hexatask.application.port.out.StorageUnavailableException;
import dev.hexatask.domain.task.Task;
import dev.hexatask.domain.user.UserId;
import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static dev.hexatask.persistence.testing.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A transaction that fails for want of a database (no connection in time, or its connection dying inside it, inside
 * a nested part of it, or inside an idempotency claim's savepoint) fails as unavailable and leaves nothing behind on
 * its thread: the same thread's next transaction (a Lambda handler's one thread serves every request of its
 * execution environment) begins, writes and commits as if the failure had not been. jOOQ's thread-bound transaction
 * state is what is at stake: a nested jOOQ transaction whose rollback failed stayed on the thread's stack, and every
 * later transaction of the thread ran on the dead connection ({@link Savepoints}).
 */
@ExtendWith(PostgresTestDatabase.class)
class NoConnectionInTimeTest {

    private static final UserId ALICE = UserId.of("alice");

    private final TestDatabase database;

    NoConnectionInTimeTest(TestDatabase database) {
        this.database = database;
    }

    @Test
    void aThreadWhoseTransactionFoundNoConnectionServesItsNextTransactions() throws Exception {
        DatabaseSettings one = DatabaseSettings.forServer(database.jdbcUrl()).withPoolSize(1)
                .withConnectionTimeout(Duration.ofMillis(500));
        ExecutorService holder = Executors.newSingleThreadExecutor();
        ExecutorService handler = Executors.newSingleThreadExecutor();
        try (PostgresPersistence persistence = PostgresPersistence.start(one, database.credentials())) {
            Transactions transactions = new Transactions(persistence);
            Task first = aTask().build();
            assertThat(handler.submit(() -> transactions.insert(first)).get(10, TimeUnit.SECONDS)).isEqualTo(first);

            // Another request holds the pool's only connection for longer than the connection timeout.
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(1);
            Future<?> held = holder.submit(() -> persistence.transactions().inTransaction(() -> {
                persistence.tasks().find(ALICE, first.id());
                holding.countDown();
                await(done);
                return null;
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            Task refused = aTask().build();
            Task refusedToo = aTask().build();
            Future<?> noConnection = handler.submit(() -> {
                assertThatThrownBy(() -> transactions.insert(refused))
                        .isInstanceOf(StorageUnavailableException.class);
                assertThatThrownBy(() -> transactions.insert(refusedToo))
                        .isInstanceOf(StorageUnavailableException.class);
            });
            noConnection.get(10, TimeUnit.SECONDS);
            done.countDown();
            held.get(10, TimeUnit.SECONDS);

            // The same thread, once a connection is free: a transaction, a nested one, and work without one.
            Task next = aTask().build();
            Task nested = aTask().build();
            handler.submit(() -> transactions.insert(next)).get(10, TimeUnit.SECONDS);
            handler.submit(() -> persistence.transactions().inTransaction(() -> {
                persistence.tasks().insert(aTask().build());
                return transactions.insert(nested);
            })).get(10, TimeUnit.SECONDS);
            assertThat(handler.submit(() -> persistence.transactions().withoutTransaction(
                    () -> persistence.tasks().find(ALICE, next.id()))).get(10, TimeUnit.SECONDS)).contains(next);

            assertThat(persistence.tasks().find(ALICE, first.id())).contains(first);
            assertThat(persistence.tasks().find(ALICE, next.id())).contains(next);
            assertThat(persistence.tasks().find(ALICE, nested.id())).contains(nested);
            assertThat(persistence.tasks().find(ALICE, refused.id())).isEmpty();
            assertThat(persistence.tasks().find(ALICE, refusedToo.id())).isEmpty();
        } finally {
            holder.shutdownNow();
            handler.shutdownNow();
        }
    }

    @Test
    void aThreadWhoseConnectionDiedInATransactionServesItsNextTransactions() throws Exception {
        connectionDiesInside(false);
    }

    @Test
    void aThreadWhoseConnectionDiedInANestedTransactionServesItsNextTransactions() throws Exception {
        connectionDiesInside(true);
    }

    /** The server ends the session in the middle of a transaction (or of a part nested in one) on one thread. */
    private void connectionDiesInside(boolean nested) throws Exception {
        DatabaseSettings one = DatabaseSettings.forLambda(database.jdbcUrl())
                .withConnectionTimeout(Duration.ofSeconds(5));
        ExecutorService handler = Executors.newSingleThreadExecutor();
        try (PostgresPersistence persistence = PostgresPersistence.start(one, database.credentials())) {
            Task lost = aTask().build();
            Supplier<Optional<Task>> dying = () -> {
                persistence.tasks().insert(lost);
                database.execute("select pg_terminate_backend(pid) from pg_stat_activity "
                        + "where application_name = 'hexatask' and datname = current_database()");
                return persistence.tasks().find(ALICE, lost.id());
            };
            Supplier<Optional<Task>> work = nested
                    ? () -> persistence.transactions().inTransaction(dying)
                    : dying;
            handler.submit(() -> assertThatThrownBy(() -> persistence.transactions().inTransaction(work))
                    .isInstanceOf(StorageUnavailableException.class)).get(10, TimeUnit.SECONDS);

            Task next = aTask().build();
            handler.submit(() -> new Transactions(persistence).insert(next)).get(10, TimeUnit.SECONDS);
            assertThat(handler.submit(() -> persistence.tasks().find(ALICE, next.id())).get(10, TimeUnit.SECONDS))
                    .contains(next);
            assertThat(persistence.tasks().find(ALICE, lost.id())).isEmpty();
        } finally {
            handler.shutdownNow();
        }
    }

    @Test
    void aThreadWhoseConnectionDiedInAnIdempotencyClaimServesItsNextTransactions() throws Exception {
        DatabaseSettings two = DatabaseSettings.forServer(database.jdbcUrl()).withPoolSize(2)
                .withConnectionTimeout(Duration.ofSeconds(5));
        ExecutorService first = Executors.newSingleThreadExecutor();
        ExecutorService handler = Executors.newSingleThreadExecutor();
        try (PostgresPersistence persistence = PostgresPersistence.start(two, database.credentials())) {
            Instant now = Instant.now();
            String key = "claim-" + UUID.randomUUID();
            IdempotencyRecord record = new IdempotencyRecord(ALICE, key, "f".repeat(64), aTask().build(), now,
                    now.plus(Duration.ofHours(24)));
            // A first request has claimed the key and not committed yet: a second claim of it waits for the lock.
            CountDownLatch claimed = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(1);
            Future<?> holder = first.submit(() -> persistence.transactions().inTransaction(() -> {
                persistence.idempotencyRecords().claim(record, now);
                claimed.countDown();
                await(done);
                return null;
            }));
            assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> waiting = handler.submit(() -> assertThatThrownBy(() -> persistence.transactions()
                    .inTransaction(() -> persistence.idempotencyRecords().claim(record, now)))
                    .isInstanceOf(StorageUnavailableException.class));
            // Its connection dies while it waits inside the claim's savepoint.
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int terminated = 0;
            while (terminated == 0 && System.nanoTime() < until) {
                terminated = terminateSessionsWaitingForALock();
            }
            assertThat(terminated).as("the waiting claim's session").isEqualTo(1);
            waiting.get(10, TimeUnit.SECONDS);
            done.countDown();
            holder.get(10, TimeUnit.SECONDS);

            Task next = aTask().build();
            handler.submit(() -> new Transactions(persistence).insert(next)).get(10, TimeUnit.SECONDS);
            assertThat(persistence.tasks().find(ALICE, next.id())).contains(next);
        } finally {
            first.shutdownNow();
            handler.shutdownNow();
        }
    }

    /** A write in a transaction of its own, as a use case does it. */
    private record Transactions(PostgresPersistence persistence) {
        Task insert(Task task) {
            return persistence.transactions().inTransaction(() -> {
                persistence.tasks().insert(task);
                return task;
            });
        }
    }

    private int terminateSessionsWaitingForALock() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet terminated = statement.executeQuery("select count(pg_terminate_backend(pid)) "
                     + "from pg_stat_activity where application_name = 'hexatask' "
                     + "and datname = current_database() and wait_event_type = 'Lock'")) {
            terminated.next();
            return terminated.getInt(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not let the held connection go");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
