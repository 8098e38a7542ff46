package dev.hexatask.persistence;

import dev.hexatask.application.port.out.StorageUnavailableException;
import dev.hexatask.application.port.out.TaskQuery;
import dev.hexatask.domain.user.UserId;
import dev.hexatask.persistence.testing.FreezablePostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.hexatask.persistence.testing.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A database that stops answering (every PostgreSQL process frozen with SIGSTOP: connections stay open, nothing
 * answers) fails a transaction as unavailable within the transaction timeout, not the driver's socket timeout, and
 * the adapter works again as soon as the database does, without a restart.
 */
class FrozenDatabaseTest {

    private static final UserId ALICE = UserId.of("alice");
    /** What the transports promise a caller: an answer within 5 s, the HTTP round trip included. */
    private static final Duration ANSWER_WITHIN = Duration.ofMillis(4_600);

    private static FreezablePostgres server;
    private static PostgresPersistence persistence;

    @BeforeAll
    static void start() {
        server = FreezablePostgres.start();
        // socketTimeout=0 in the URL turns the driver's socket timeout off: the bound must not depend on it.
        String url = server.jdbcUrl() + "?socketTimeout=0";
        persistence = PostgresPersistence.start(DatabaseSettings.forServer(url).withPoolSize(2),
                UrlDatabaseCredentials.of(url, "postgres", "postgres"));
        persistence.migrate();
    }

    @AfterAll
    static void stop() throws Exception {
        persistence.close();
        server.close();
    }

    @Test
    void aFrozenDatabaseFailsRequestsAsUnavailableInTimeAndIsUsedAgainOnceItAnswers() throws Exception {
        persistence.tasks().insert(aTask().build());
        assertThat(persistence.tasks().list(TaskQuery.all(ALICE, 10))).isNotEmpty();
        try {
            server.freeze();
            // At once: the connection was just used, so the pool hands it out without a check.
            assertUnavailableWithin(ANSWER_WITHIN);
            // After a pause: the pool checks an idle connection first, and finds every one dead. The transaction
            // fails when the pool gives up (its 2 s connection timeout), before jOOQ begins it, so jOOQ never asks
            // the pool again to roll back what never began (which took two more waits, 6-7 s in all).
            Thread.sleep(700);
            assertUnavailableWithin(ANSWER_WITHIN);
            assertUnavailableWithin(ANSWER_WITHIN);
            long health = System.nanoTime();
            assertThat(persistence.health().isReachable()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - health)).isLessThan(ANSWER_WITHIN);
        } finally {
            server.thaw();
        }
        long thawed = System.nanoTime();
        Duration recovery = null;
        while (recovery == null && System.nanoTime() - thawed < Duration.ofSeconds(10).toNanos()) {
            try {
                persistence.tasks().insert(aTask().build());
                recovery = Duration.ofNanos(System.nanoTime() - thawed);
            } catch (StorageUnavailableException e) {
                Thread.sleep(100);
            }
        }
        assertThat(recovery).as("time to the first success after the thaw").isNotNull()
                .isLessThan(Duration.ofSeconds(5));
        assertThat(persistence.tasks().list(TaskQuery.all(ALICE, 10))).hasSize(2);
    }

    private static void assertUnavailableWithin(Duration limit) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> persistence.transactions().inTransaction(
                () -> persistence.tasks().list(TaskQuery.all(ALICE, 10))))
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(limit);
    }
}
