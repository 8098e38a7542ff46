package dev.hexatask.persistence;

import dev.hexatask.application.port.out.TaskQuery;
import dev.hexatask.domain.task.Task;
import dev.hexatask.domain.user.UserId;
import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TestDatabase;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static dev.hexatask.persistence.testing.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the adapter sends to PostgreSQL, as the driver logs each message it sends ({@code FE=>}): a read outside a
 * transaction is its one statement, and a transaction never asks the server for its isolation level.
 */
@ExtendWith(PostgresTestDatabase.class)
class RoundTripsTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final Logger DRIVER = Logger.getLogger("org.postgresql");

    private final TestDatabase database;
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            String message = formatter.formatMessage(record);
            // The pool opens connections on threads of its own: only what the test's statements send counts. The
            // pool's liveness check of an idle connection (an empty query, sent on the borrowing thread when the
            // connection sat idle for more than half a second, as on a loaded machine) is the pool's, not theirs.
            String upper = message.toUpperCase(Locale.ROOT);
            boolean statement = upper.contains("FE=> PARSE") || upper.contains("FE=> SIMPLEQUERY");
            if (record.getLongThreadID() == testThread && statement && !upper.contains("QUERY=\"\")")) {
                sent.add(upper);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private volatile long testThread;
    private Level driverLevel;

    RoundTripsTest(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void captureWhatTheDriverSends() {
        database.persistence().health().isReachable();
        testThread = Thread.currentThread().threadId();
        driverLevel = DRIVER.getLevel();
        DRIVER.setLevel(Level.FINEST);
        DRIVER.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        DRIVER.removeHandler(capture);
        DRIVER.setLevel(driverLevel);
    }

    @Test
    void a_read_without_a_transaction_sends_its_statement_alone() {
        PostgresPersistence persistence = database.persistence();
        Task task = aTask().build();
        persistence.tasks().insert(task);
        sent.clear();

        List<Task> found = persistence.transactions().withoutTransaction(
                () -> persistence.tasks().list(TaskQuery.all(ALICE, 10)));

        assertThat(found).contains(task);
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst()).contains("SELECT").doesNotContain("BEGIN");
    }

    @Test
    void each_statement_of_work_without_a_transaction_commits_on_its_own() {
        PostgresPersistence persistence = database.persistence();
        var xactId = DSL.field("pg_current_xact_id()::text", String.class);

        List<String> outside = persistence.transactions().withoutTransaction(() -> List.of(
                persistence.dsl().fetchValue(xactId),
                persistence.dsl().fetchValue(xactId)));
        List<String> inside = persistence.transactions().inTransaction(() -> List.of(
                persistence.dsl().fetchValue(xactId),
                persistence.dsl().fetchValue(xactId)));

        assertThat(outside.get(0)).isNotEqualTo(outside.get(1));
        assertThat(inside.get(0)).isEqualTo(inside.get(1));
    }

    @Test
    void a_transaction_does_not_ask_the_server_for_its_isolation_level() {
        PostgresPersistence persistence = database.persistence();
        Task task = aTask().build();

        String isolation = persistence.transactions().inTransaction(() -> {
            persistence.tasks().insert(task);
            return persistence.dsl().fetchValue(DSL.field("current_setting('transaction_isolation')",
                    String.class));
        });

        assertThat(isolation).isEqualTo("read committed");
        assertThat(sent).anyMatch(message -> message.contains("INSERT"));
        assertThat(sent).noneMatch(message -> message.contains("SHOW TRANSACTION ISOLATION LEVEL"));
    }

    @Test
    void the_pool_opens_its_connections_at_the_level_the_adapter_reports() throws Exception {
        try (Connection connection = database.persistence().dataSource().getConnection()) {
            // The pool's own connection asks the server, as the driver does.
            assertThat(connection.getTransactionIsolation()).isEqualTo(ConnectionPool.ISOLATION);
        }
        assertThat(sent).anyMatch(message -> message.contains("SHOW TRANSACTION ISOLATION LEVEL"));
    }
}
