package dev.hexatask.persistence;

import dev.hexatask.application.port.out.TaskCounts;
import dev.hexatask.domain.user.UserId;
import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The summary reads task_counts, which triggers keep when a writing transaction commits: whatever writes to tasks
 * (here plain SQL, as a migration or a person at psql would), the counts agree with a count over the tasks
 * themselves, and one user's writes do not queue behind each other's open transactions.
 */
@ExtendWith(PostgresTestDatabase.class)
class TaskCountsTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final LocalDate TODAY = LocalDate.parse("2026-06-15");

    private final TestDatabase database;

    TaskCountsTest(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void clear() {
        database.clear();
    }

    @Test
    void countsAgreeWithTheTasksAfterWritesThatBypassTheAdapter() throws SQLException {
        database.execute(insertTasks(300));
        database.execute("update tasks set status = 'DONE', completed_at = updated_at where owner = 'alice'"
                + " and status <> 'DONE' and title like '%7'");
        database.execute("update tasks set due_date = null where owner = 'alice' and title like '%3'");
        database.execute("update tasks set owner = 'bob' where owner = 'alice' and title like '%5'");
        database.execute("delete from tasks where owner = 'alice' and title like '%1'");

        assertThat(database.persistence().tasks().count(ALICE, TODAY)).isEqualTo(countedOverTasks("alice"));
        assertThat(database.persistence().tasks().count(UserId.of("bob"), TODAY)).isEqualTo(countedOverTasks("bob"));
    }

    @Test
    void emptyingTheTasksEmptiesTheCounts() {
        database.execute(insertTasks(10));

        database.execute("truncate table tasks");

        assertThat(database.persistence().tasks().count(ALICE, TODAY)).isEqualTo(new TaskCounts(0, 0, 0, 0));
    }

    @Test
    void aWriteNotYetCommittedDoesNotHoldUpAnotherWriteOfTheSameUser() throws SQLException {
        String insertOne = "insert into tasks (id, owner, title, status, priority_rank, version, created_at,"
                + " updated_at) values (gen_random_uuid(), 'alice', 'Concurrent', 'TODO', 1, 1, now(), now())";
        try (Connection first = database.connect(); Connection second = database.connect();
             Statement firstStatement = first.createStatement();
             Statement secondStatement = second.createStatement()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            firstStatement.execute(insertOne);
            // The first transaction is open, its task written: the second, for the same user and the same count
            // row, must not wait for it. Were the count row locked at the write, this would fail after 1 s.
            secondStatement.execute("set local lock_timeout = '1s'");
            secondStatement.execute(insertOne);
            second.commit();
            first.commit();
        }

        assertThat(database.persistence().tasks().count(ALICE, TODAY)).isEqualTo(new TaskCounts(2, 0, 0, 0));
        assertThat(countedOverTasks("alice")).isEqualTo(new TaskCounts(2, 0, 0, 0));
    }

    @Test
    void aRolledBackWriteLeavesTheCountsAsTheyWere() throws SQLException {
        database.execute(insertTasks(3));
        TaskCounts before = countedOverTasks("alice");
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("delete from tasks where owner = 'alice'");
            statement.execute(insertTasks(5));
            connection.rollback();
        }

        assertThat(database.persistence().tasks().count(ALICE, TODAY)).isEqualTo(before);
    }

    private static String insertTasks(int count) {
        return "insert into tasks (id, owner, title, status, priority_rank, due_date, version, created_at, updated_at,"
                + " completed_at) select gen_random_uuid(), 'alice', 'Task ' || i,"
                + " case i % 3 when 0 then 'DONE' when 1 then 'TODO' else 'IN_PROGRESS' end, 1,"
                + " date '" + TODAY + "' + (i % 9 - 4), 1, now(), now(), case when i % 3 = 0 then now() end"
                + " from generate_series(1, " + count + ") as i";
    }

    private TaskCounts countedOverTasks(String owner) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select count(*) filter (where status = 'TODO'),"
                     + " count(*) filter (where status = 'IN_PROGRESS'), count(*) filter (where status = 'DONE'),"
                     + " count(*) filter (where status <> 'DONE' and due_date < date '" + TODAY + "')"
                     + " from tasks where owner = '" + owner + "'")) {
            row.next();
            return new TaskCounts(row.getInt(1), row.getInt(2), row.getInt(3), row.getInt(4));
        }
    }
}
