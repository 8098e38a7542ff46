package dev.hexatask.application.port.out;

import dev.hexatask.domain.task.Task;
import dev.hexatask.domain.task.TaskId;
import dev.hexatask.domain.user.UserId;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where tasks are kept. Every operation is scoped by the owner: a task of another user is never found, changed or
 * counted. Implementations throw {@link StorageUnavailableException} when the store cannot be reached, and nothing
 * else that a caller would need to know about.
 */
public interface Tasks {

    Optional<Task> find(UserId owner, TaskId id);

    /** Stores a new task (at its first version). */
    void insert(Task task);

    /**
     * Replaces a task by its revision, only if the stored version is the one just before the revision's
     * ({@code revised.version() - 1}).
     */
    WriteOutcome update(Task revised);

    /** Deletes a task; when {@code expectedVersion} is given, only if the stored version equals it. */
    WriteOutcome delete(UserId owner, TaskId id, OptionalLong expectedVersion);

    /**
     * One page of the owner's tasks matching the query, in the query's sort order, strictly after the query's
     * position when it has one, at most {@code query.limit()} of them.
     */
    List<Task> list(TaskQuery query);

    /** The owner's tasks counted by status, and the open ones due before {@code today}. */
    TaskCounts count(UserId owner, LocalDate today);
}
