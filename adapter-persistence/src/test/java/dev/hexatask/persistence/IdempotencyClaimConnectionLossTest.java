package dev.hexatask.persistence;

import dev.hexatask.application.port.out.IdempotencyRecord;
import dev.hexatask.application.port.out.StorageUnavailableException;
import dev.hexatask.domain.user.UserId;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultConnectionProvider;
import org.jooq.impl.ThreadLocalTransactionProvider;
import org.jooq.tools.jdbc.MockConnection;
import org.jooq.tools.jdbc.MockDataProvider;
import org.jooq.tools.jdbc.MockResult;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.hexatask.persistence.testing.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A claim whose connection is lost halfway (the database stopped answering while the claim's insert ran) is
 * reported as the database being unavailable, a 503 the client may retry, not as a refused operation, a 500. The
 * claim resets its lock timeout afterwards on the same connection, which is closed by then; that second failure,
 * which carries no SQLState, once replaced the first and turned the answer into "the database refused an operation"
 * (found by the Lambda outage-under-load run, where one create in a hundred answered 500 while the database was
 * frozen). The failures are scripted on a mock JDBC connection in the order the driver and the pool gave them there:
 * the insert's I/O error (08006), then the pool's closed connection.
 */
class IdempotencyClaimConnectionLossTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final Instant NOW = Instant.parse("2026-06-15T10:00:00Z");

    @Test
    void aConnectionLostMidClaimIsUnavailableNotRefused() {
        AtomicInteger lockTimeoutStatements = new AtomicInteger();
        DSLContext rows = DSL.using(SQLDialect.POSTGRES);
        Field<String> previous = DSL.field("current_setting", String.class);
        Field<String> set = DSL.field("set_config", String.class);
        MockDataProvider database = context -> {
            String sql = context.sql().toLowerCase(Locale.ROOT);
            if (sql.contains("set_config")) {
                if (lockTimeoutStatements.getAndIncrement() > 0) {
                    throw new SQLException("Connection is closed");
                }
                Result<Record2<String, String>> result = rows.newResult(previous, set);
                result.add(rows.newRecord(previous, set).values("0", "3000ms"));
                return new MockResult[] {new MockResult(1, result)};
            }
            if (sql.startsWith("insert")) {
                throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
            }
            return new MockResult[] {new MockResult(0)};
        };
        PostgresIdempotencyRecords records = new PostgresIdempotencyRecords(
                DSL.using(new DefaultConfiguration().set(SQLDialect.POSTGRES).set(new ThreadLocalTransactionProvider(
                        new DefaultConnectionProvider(new TransactionalMockConnection(database))))),
                Duration.ofSeconds(3));
        IdempotencyRecord record = new IdempotencyRecord(ALICE, "key-1", "f".repeat(64), aTask().build(), NOW,
                NOW.plus(Duration.ofHours(24)));

        assertThatThrownBy(() -> records.claim(record, NOW))
                .isInstanceOf(StorageUnavailableException.class)
                .satisfies(failure -> org.assertj.core.api.Assertions.assertThat(failure.getCause().getSuppressed())
                        .as("the failed reset, kept beside the cause").hasSize(1));
    }

    /**
     * A mock connection that takes jOOQ's transaction and savepoint calls, as a live connection does (the adapter's
     * own configuration binds transactions to the thread, as here).
     */
    private static final class TransactionalMockConnection extends MockConnection {

        private boolean autoCommit = true;

        TransactionalMockConnection(MockDataProvider data) {
            super(data);
        }

        @Override
        public boolean getAutoCommit() {
            return autoCommit;
        }

        @Override
        public void setAutoCommit(boolean autoCommit) {
            this.autoCommit = autoCommit;
        }

        @Override
        public void commit() {
        }

        @Override
        public void rollback() {
        }

        @Override
        public void rollback(Savepoint savepoint) {
        }

        @Override
        public Savepoint setSavepoint() {
            return new Savepoint() {
                @Override
                public int getSavepointId() {
                    return 1;
                }

                @Override
                public String getSavepointName() {
                    return "claim";
                }
            };
        }

        @Override
        public void releaseSavepoint(Savepoint savepoint) {
        }
    }
}
