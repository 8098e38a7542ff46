package dev.hexatask.persistence;

import dev.hexatask.application.port.out.TaskQuery;
import dev.hexatask.domain.user.UserId;
import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TestDatabase;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page of tasks, the statement every list request runs, is planned once per connection and then runs on its
 * cached generic plan, not planned again on every execution (PostgreSQL counts both kinds of plans for each
 * prepared statement of the session in {@code pg_prepared_statements}).
 */
@ExtendWith(PostgresTestDatabase.class)
class PlanCacheTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final int EXECUTIONS = 30;

    private final TestDatabase database;

    PlanCacheTest(TestDatabase database) {
        this.database = database;
    }

    @Test
    void theListStatementRunsOnAGenericPlanAfterItsFirstExecutions() {
        // One connection: the statements below and the look at the session's prepared statements share it.
        DatabaseSettings one = DatabaseSettings.forServer(database.jdbcUrl()).withPoolSize(1)
                .withConnectionTimeout(Duration.ofSeconds(5));
        try (PostgresPersistence persistence = PostgresPersistence.start(one, database.credentials())) {
            // As many tasks as a busy user has: with few, a generic plan that assumes a tenth of them come back is
            // as cheap as the plan for 21 rows, and the server would keep it whatever the statement looks like.
            database.execute("insert into tasks (id, owner, title, status, priority_rank, tags, version, created_at,"
                    + " updated_at) select gen_random_uuid(), 'alice', 'Task ' || i, 'TODO', 1, '{}', 1,"
                    + " now() - i * interval '1 minute', now() - i * interval '1 minute'"
                    + " from generate_series(1, 1000) as i");
            database.execute("analyze tasks");
            for (int i = 0; i < EXECUTIONS; i++) {
                assertThat(persistence.tasks().list(TaskQuery.all(ALICE, 21))).hasSize(21);
            }

            List<Record> pages = persistence.dsl().fetch("select generic_plans, custom_plans "
                    + "from pg_prepared_statements where statement like 'select%from \"tasks\" where%order by%'");
            assertThat(pages).as("the page statement, prepared on the server").hasSize(1);
            long generic = pages.get(0).get("generic_plans", Long.class);
            long custom = pages.get(0).get("custom_plans", Long.class);
            assertThat(custom).as("plans made for one execution each").isLessThanOrEqualTo(5);
            assertThat(generic).as("executions on the cached plan").isGreaterThanOrEqualTo(EXECUTIONS - 10);
        }
    }
}
