package dev.hexatask.persistence;

import dev.hexatask.application.port.out.SortPosition;
import dev.hexatask.application.port.out.TaskQuery;
import dev.hexatask.application.port.out.TaskSort;
import dev.hexatask.domain.task.Priority;
import dev.hexatask.domain.task.Tag;
import dev.hexatask.domain.task.Task;
import dev.hexatask.domain.task.TaskStatus;
import dev.hexatask.domain.user.UserId;
import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TaskBuilder;
import dev.hexatask.persistence.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.hexatask.persistence.testing.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page statement's SQL kept per shape of query gives, for every filter, order and kind of position, the tasks
 * that jOOQ's statement rendered afresh gives, the first time and from what was kept.
 */
@ExtendWith(PostgresTestDatabase.class)
class ListStatementsTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final LocalDate TODAY = LocalDate.parse("2026-06-15");

    private final TestDatabase database;

    ListStatementsTest(TestDatabase database) {
        this.database = database;
    }

    @Test
    void everyShapeOfQueryGivesWhatTheStatementRenderedAfreshGives() {
        PostgresPersistence persistence = database.persistence();
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            TaskBuilder task = aTask().titled(i % 5 == 0 ? "Buy 100% pure_honey \\ now" : "Task " + i)
                    .status(TaskStatus.values()[i % 3]).priority(Priority.values()[i % 3])
                    .tagged(i % 2 == 0 ? "home" : "work").createdMinutesAfterT0(i);
            if (i % 3 == 0) {
                task.described("call 50% of them");
            }
            if (i % 4 != 0) {
                task.due(TODAY.plusDays(i % 9 - 4));
            }
            Task built = task.build();
            persistence.tasks().insert(built);
            tasks.add(built);
        }
        ListStatements statements = new ListStatements();
        PostgresTasks kept = new PostgresTasks(persistence.dsl(), statements);
        PostgresTasks afresh = new PostgresTasks(persistence.dsl(), new ListStatements());

        List<TaskQuery> queries = new ArrayList<>();
        Task dated = tasks.get(5);
        Task undated = tasks.get(8);
        for (TaskSort sort : TaskSort.values()) {
            for (Optional<SortPosition> after : List.of(Optional.<SortPosition>empty(), position(dated),
                    position(undated))) {
                queries.add(query(Set.of(), Optional.empty(), Optional.empty(), sort, after));
                queries.add(query(Set.of(TaskStatus.TODO, TaskStatus.DONE), Optional.of(Tag.of("home")),
                        Optional.of(new TaskQuery.OverdueFilter(true, TODAY)), sort, after));
                queries.add(query(Set.of(TaskStatus.IN_PROGRESS), Optional.empty(),
                        Optional.of(new TaskQuery.OverdueFilter(false, TODAY)), sort, after));
            }
        }
        queries.add(new TaskQuery(ALICE, Set.of(), Optional.empty(), Optional.of(TODAY.plusDays(3)),
                Optional.of(TODAY.minusDays(3)), Optional.empty(), Optional.of("100% PURE_honey \\"),
                TaskSort.CREATED, Optional.empty(), 7));
        queries.add(new TaskQuery(ALICE, Set.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("50%"), TaskSort.PRIORITY, Optional.empty(), 3));

        for (int pass = 0; pass < 2; pass++) {
            for (TaskQuery query : queries) {
                assertThat(kept.list(query)).as("pass %d, %s", pass, query)
                        .isEqualTo(afresh.listQuery(query).fetch(TaskRows.TASKS::toTask));
            }
        }
        assertThat(statements.shapesKept()).isEqualTo(queries.size());
        assertThat(queries.stream().mapToInt(query -> kept.list(query).size()).sum()).isPositive();
    }

    private static TaskQuery query(Set<TaskStatus> statuses, Optional<Tag> tag,
                                   Optional<TaskQuery.OverdueFilter> overdue, TaskSort sort,
                                   Optional<SortPosition> after) {
        return new TaskQuery(ALICE, statuses, tag, Optional.empty(), Optional.empty(), overdue, Optional.empty(),
                sort, after, 10);
    }

    private static Optional<SortPosition> position(Task task) {
        return Optional.of(new SortPosition(task.createdAt(), task.dueDate(), task.priority().rank(),
                task.id().value()));
    }
}
