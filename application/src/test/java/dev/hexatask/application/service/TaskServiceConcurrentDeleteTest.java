package dev.hexatask.application.service;

import dev.hexatask.application.fixtures.InMemoryCore;
import dev.hexatask.application.fixtures.InMemoryIdempotencyRecords;
import dev.hexatask.application.fixtures.InMemoryProfiles;
import dev.hexatask.application.fixtures.InMemoryTasks;
import dev.hexatask.application.fixtures.InMemoryTransactions;
import dev.hexatask.application.fixtures.SequentialTaskIds;
import dev.hexatask.application.fixtures.SettableClock;
import dev.hexatask.application.port.in.CreateTaskCommand;
import dev.hexatask.application.port.in.CreatedTask;
import dev.hexatask.application.port.in.DeleteTaskCommand;
import dev.hexatask.application.port.in.ExpectedVersion;
import dev.hexatask.application.port.in.NewTask;
import dev.hexatask.application.port.in.Result;
import dev.hexatask.application.port.in.TaskChanges;
import dev.hexatask.application.port.in.UpdateTaskCommand;
import dev.hexatask.application.port.out.TaskCounts;
import dev.hexatask.application.port.out.TaskQuery;
import dev.hexatask.application.port.out.Tasks;
import dev.hexatask.application.port.out.WriteOutcome;
import dev.hexatask.domain.task.Task;
import dev.hexatask.domain.task.TaskId;
import dev.hexatask.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store reports a version conflict when its conditional write touched no row and the task was still there; by
 * the time the service reads the current version, another request may have deleted it. That task is gone, and
 * the caller is told so, not handed a conflict with a version the task no longer has.
 */
class TaskServiceConcurrentDeleteTest {

    private static final UserId ALICE = UserId.of("alice");

    private final InMemoryTasks store = new InMemoryTasks();
    private final InMemoryProfiles profiles = new InMemoryProfiles();
    private final InMemoryIdempotencyRecords records = new InMemoryIdempotencyRecords();
    private final TaskService service = new TaskService(new DeletedRightAfterAConflict(store), profiles, records,
            InMemoryTransactions.over(store, profiles, records), new SequentialTaskIds(),
            SettableClock.at("2026-01-15T09:00:00Z"), new CursorCodec(InMemoryCore.TEST_CURSOR_SECRET));

    private Task created() {
        Result<CreatedTask> result = service.create(new CreateTaskCommand(ALICE, NewTask.titled("t"),
                Optional.empty()));
        return ((Result.Success<CreatedTask>) result).value().task();
    }

    @Test
    void anUpdateThatLosesToADeleteFindsNothing() {
        Task task = created();
        assertThat(service.update(new UpdateTaskCommand(ALICE, task.id().toString(),
                ExpectedVersion.oneOf(task.version()),
                TaskChanges.none().title("changed")))).isEqualTo(Result.notFound());
    }

    @Test
    void aDeleteThatLosesToADeleteFindsNothing() {
        Task task = created();
        assertThat(service.delete(new DeleteTaskCommand(ALICE, task.id().toString(),
                ExpectedVersion.oneOf(task.version())))).isEqualTo(Result.notFound());
    }

    /** Answers every conditional write with a conflict, and another request deletes the task right then. */
    private record DeletedRightAfterAConflict(InMemoryTasks delegate) implements Tasks {

        @Override
        public Optional<Task> find(UserId owner, TaskId id) {
            return delegate.find(owner, id);
        }

        @Override
        public void insert(Task task) {
            delegate.insert(task);
        }

        @Override
        public WriteOutcome update(Task revised) {
            delegate.delete(revised.owner(), revised.id(), OptionalLong.empty());
            return WriteOutcome.VERSION_CONFLICT;
        }

        @Override
        public WriteOutcome delete(UserId owner, TaskId id, OptionalLong expectedVersion) {
            delegate.delete(owner, id, OptionalLong.empty());
            return WriteOutcome.VERSION_CONFLICT;
        }

        @Override
        public List<Task> list(TaskQuery query) {
            return delegate.list(query);
        }

        @Override
        public TaskCounts count(UserId owner, LocalDate today) {
            return delegate.count(owner, today);
        }
    }
}
