package dev.hexatask.application.service;

import dev.hexatask.application.fixtures.InMemoryCore;
import dev.hexatask.application.port.in.CreateTaskCommand;
import dev.hexatask.application.port.in.CreatedTask;
import dev.hexatask.application.port.in.DeleteTaskCommand;
import dev.hexatask.application.port.in.ExpectedVersion;
import dev.hexatask.application.port.in.NewTask;
import dev.hexatask.application.port.in.Result;
import dev.hexatask.application.port.in.TaskChanges;
import dev.hexatask.application.port.in.UpdateTaskCommand;
import dev.hexatask.application.port.out.TaskCounts;
import dev.hexatask.domain.task.Priority;
import dev.hexatask.domain.task.Task;
import dev.hexatask.domain.task.TaskStatus;
import dev.hexatask.domain.user.UserId;
import dev.hexatask.domain.validation.Violation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class TaskServiceChangeTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");

    private final InMemoryCore core = InMemoryCore.create();

    private Task create(UserId owner, NewTask task) {
        Result<CreatedTask> result = core.tasks().create(new CreateTaskCommand(owner, task, Optional.empty()));
        return ((Result.Success<CreatedTask>) result).value().task();
    }

    private Result<Task> update(UserId caller, Task task, long version, TaskChanges changes) {
        return update(caller, task, ExpectedVersion.oneOf(version), changes);
    }

    private Result<Task> update(UserId caller, Task task, ExpectedVersion expected, TaskChanges changes) {
        return core.tasks().update(new UpdateTaskCommand(caller, task.id().toString(), expected, changes));
    }

    private static Task value(Result<Task> result) {
        assertThat(result).isInstanceOf(Result.Success.class);
        return ((Result.Success<Task>) result).value();
    }

    @Test
    void getsTheCallersTaskOnly() {
        Task task = create(ALICE, NewTask.titled("Mine"));
        assertThat(core.tasks().get(ALICE, task.id().toString())).isEqualTo(Result.success(task));
        assertThat(core.tasks().get(BOB, task.id().toString())).isInstanceOf(Result.NotFound.class);
        assertThat(core.tasks().get(ALICE, "00000000-0000-7000-8000-0000000000ff"))
                .isInstanceOf(Result.NotFound.class);
        assertThat(core.tasks().get(ALICE, "../../etc")).isInstanceOfSatisfying(Result.Invalid.class,
                invalid -> assertThat(((Result.Invalid<?>) invalid).violations().getFirst().field()).isEqualTo("id"));
    }

    @Test
    void updatesOnlyTheFieldsGiven() {
        Task task = create(ALICE, new NewTask("Draft", "notes", null, "LOW", "2026-02-01", List.of("a")));
        core.clock().advance(Duration.ofMinutes(1));
        Task updated = value(update(ALICE, task, 1, TaskChanges.none().title("Final").priority("HIGH")));
        assertThat(updated.title().value()).isEqualTo("Final");
        assertThat(updated.priority()).isEqualTo(Priority.HIGH);
        assertThat(updated.description()).isEqualTo(task.description());
        assertThat(updated.dueDate()).isEqualTo(task.dueDate());
        assertThat(updated.tags()).isEqualTo(task.tags());
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.updatedAt()).isEqualTo(core.clock().instant());
        assertThat(core.tasks().get(ALICE, task.id().toString())).isEqualTo(Result.success(updated));
    }

    @Test
    void clearsOptionalFieldsWithNull() {
        Task task = create(ALICE, new NewTask("Draft", "notes", null, null, "2026-02-01", List.of("a")));
        Task updated = value(update(ALICE, task, 1, TaskChanges.none().description(null).dueDate(null).tags(null)));
        assertThat(updated.description()).isEmpty();
        assertThat(updated.dueDate()).isEmpty();
        assertThat(updated.tags().values()).isEmpty();
    }

    @Test
    void setsEveryFieldAndTracksCompletion() {
        Task task = create(ALICE, NewTask.titled("Draft"));
        Task done = value(update(ALICE, task, 1, TaskChanges.none().status("DONE").description("d")
                .dueDate("2026-03-01").tags(List.of("X"))));
        assertThat(done.status()).isEqualTo(TaskStatus.DONE);
        assertThat(done.completedAt()).isPresent();
        assertThat(done.description().orElseThrow().value()).isEqualTo("d");
        assertThat(done.dueDate()).contains(LocalDate.of(2026, 3, 1));
        assertThat(done.tags().names()).containsExactly("x");
        Task reopened = value(update(ALICE, done, 2, TaskChanges.none().status("IN_PROGRESS")));
        assertThat(reopened.completedAt()).isEmpty();
    }

    @Test
    void anUpdateThatChangesNothingKeepsTheVersion() {
        Task task = create(ALICE, NewTask.titled("Same"));
        assertThat(update(ALICE, task, 1, TaskChanges.none())).isEqualTo(Result.success(task));
        assertThat(update(ALICE, task, 1, TaskChanges.none().title(" Same "))).isEqualTo(Result.success(task));
    }

    @Test
    void aStaleVersionConflictsAndChangesNothing() {
        Task task = create(ALICE, NewTask.titled("v1"));
        Task v2 = value(update(ALICE, task, 1, TaskChanges.none().title("v2")));
        assertThat(update(ALICE, task, 1, TaskChanges.none().title("v3")))
                .isEqualTo(new Result.VersionConflict<Task>(2));
        assertThat(update(ALICE, task, 7, TaskChanges.none().title("v3")))
                .isEqualTo(new Result.VersionConflict<Task>(2));
        assertThat(core.taskStore().all()).containsExactly(v2);
    }

    @Test
    void anyVersionOrOneOfSeveralIsDecidedAgainstTheStoredVersion() {
        Task task = create(ALICE, NewTask.titled("v1"));
        Task v2 = value(update(ALICE, task, ExpectedVersion.any(), TaskChanges.none().title("v2")));
        assertThat(v2.version()).isEqualTo(2);
        Task v3 = value(update(ALICE, v2, ExpectedVersion.oneOf(1L, 2L), TaskChanges.none().title("v3")));
        assertThat(v3.version()).isEqualTo(3);
        assertThat(update(ALICE, v3, ExpectedVersion.oneOf(1L, 2L), TaskChanges.none().title("v4")))
                .isEqualTo(new Result.VersionConflict<>(3));
        assertThat(update(ALICE, v3, ExpectedVersion.oneOf(), TaskChanges.none().title("v4")))
                .isEqualTo(new Result.VersionConflict<>(3));
        assertThat(core.tasks().delete(new DeleteTaskCommand(ALICE, task.id().toString(),
                ExpectedVersion.oneOf(1L, 2L)))).isEqualTo(new Result.VersionConflict<>(3));
        assertThat(core.tasks().delete(new DeleteTaskCommand(ALICE, task.id().toString(), ExpectedVersion.oneOf())))
                .isEqualTo(new Result.VersionConflict<>(3));
        assertThat(core.taskStore().all()).containsExactly(v3);
        assertThat(core.tasks().delete(new DeleteTaskCommand(ALICE, task.id().toString(),
                ExpectedVersion.oneOf(2L, 3L)))).isEqualTo(Result.success(task.id()));
        assertThat(core.tasks().delete(new DeleteTaskCommand(ALICE, task.id().toString(),
                ExpectedVersion.oneOf(2L, 3L)))).isInstanceOf(Result.NotFound.class);
        assertThat(core.taskStore().all()).isEmpty();
    }

    @Test
    void anotherUsersTaskIsNotFoundAndUnchanged() {
        Task task = create(ALICE, NewTask.titled("Alice's"));
        assertThat(update(BOB, task, 1, TaskChanges.none().title("Bob's"))).isInstanceOf(Result.NotFound.class);
        assertThat(core.tasks().delete(new DeleteTaskCommand(BOB, task.id().toString(), ExpectedVersion.any())))
                .isInstanceOf(Result.NotFound.class);
        assertThat(core.taskStore().all()).containsExactly(task);
    }

    @Test
    void reportsEveryBadChangeAtOnce() {
        Task task = create(ALICE, NewTask.titled("ok"));
        Result<Task> result = update(ALICE, task, ExpectedVersion.oneOf(0L),
                TaskChanges.none().title(null).status(null).priority("x").dueDate("soon").description("\u0007")
                        .tags(List.of("a b")));
        assertThat(((Result.Invalid<Task>) result).violations())
                .extracting(Violation::field, Violation::rule)
                .containsExactly(
                        tuple("version", "out_of_range"),
                        tuple("title", "required"),
                        tuple("description", "control_characters"),
                        tuple("status", "required"),
                        tuple("priority", "unknown_value"),
                        tuple("dueDate", "malformed_date"),
                        tuple("tags[0]", "pattern"));
        assertThat(core.taskStore().all()).containsExactly(task);
    }

    @Test
    void aMalformedIdIsInvalid() {
        Result<Task> result = core.tasks().update(new UpdateTaskCommand(ALICE, "not-a-uuid", ExpectedVersion.oneOf(1L),
                TaskChanges.none()));
        assertThat(((Result.Invalid<Task>) result).violations()).extracting(Violation::field).containsExactly("id");
        assertThat(core.tasks().delete(new DeleteTaskCommand(ALICE, "%00", ExpectedVersion.any())))
                .isInstanceOf(Result.Invalid.class);
    }

    @Test
    void deletesWithOrWithoutAnExpectedVersion() {
        Task first = create(ALICE, NewTask.titled("one"));
        Task second = create(ALICE, NewTask.titled("two"));
        assertThat(core.tasks().delete(new DeleteTaskCommand(ALICE, first.id().toString(), ExpectedVersion.oneOf(2L))))
                .isEqualTo(new Result.VersionConflict<>(1));
        assertThat(core.tasks().delete(new DeleteTaskCommand(ALICE, first.id().toString(), ExpectedVersion.oneOf(1L))))
                .isEqualTo(Result.success(first.id()));
        assertThat(core.tasks().delete(new DeleteTaskCommand(ALICE, second.id().toString(), ExpectedVersion.any())))
                .isEqualTo(Result.success(second.id()));
        assertThat(core.tasks().delete(new DeleteTaskCommand(ALICE, second.id().toString(), ExpectedVersion.any())))
                .isInstanceOf(Result.NotFound.class);
        assertThat(core.taskStore().all()).isEmpty();
    }

    @Test
    void summarizesByStatusAndOverdueInTheCallersTimeZone() {
        core.clock().set(java.time.Instant.parse("2026-01-15T20:00:00Z"));
        create(ALICE, new NewTask("late", null, "TODO", null, "2026-01-14", null));
        create(ALICE, new NewTask("due today in UTC", null, "IN_PROGRESS", null, "2026-01-15", null));
        create(ALICE, new NewTask("late but done", null, "DONE", null, "2026-01-01", null));
        create(ALICE, new NewTask("no date", null, "TODO", null, null, null));
        create(BOB, new NewTask("bob's", null, "TODO", null, "2020-01-01", null));
        assertThat(core.tasks().summarize(ALICE)).isEqualTo(Result.success(new TaskCounts(2, 1, 1, 1)));

        core.profiles().update(ALICE, new dev.hexatask.application.port.in.ProfileChanges(null, "Asia/Tokyo"));
        assertThat(core.tasks().summarize(ALICE)).isEqualTo(Result.success(new TaskCounts(2, 1, 1, 2)));
        assertThat(core.tasks().summarize(UserId.of("nobody"))).isEqualTo(Result.success(new TaskCounts(0, 0, 0, 0)));
    }
}
