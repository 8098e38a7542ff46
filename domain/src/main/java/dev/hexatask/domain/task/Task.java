package dev.hexatask.domain.task;

import dev.hexatask.domain.user.UserId;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A task, owned by one user. Immutable: every change returns a new task with the next version, which is what
 * optimistic locking compares. {@code completedAt} is present exactly while the status is {@code DONE}.
 */
public record Task(TaskId id, UserId owner, Title title, Optional<Description> description, TaskStatus status,
                   Priority priority, Optional<LocalDate> dueDate, Tags tags, long version, Instant createdAt,
                   Instant updatedAt, Optional<Instant> completedAt) {

    public static final long FIRST_VERSION = 1;

    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(completedAt, "completedAt");
        if (version < FIRST_VERSION) {
            throw new IllegalArgumentException("version must be at least " + FIRST_VERSION);
        }
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("updatedAt must not be before createdAt");
        }
        if ((status == TaskStatus.DONE) != completedAt.isPresent()) {
            throw new IllegalArgumentException("completedAt must be set exactly when the status is DONE");
        }
    }

    /** A new task at its first version; a task created as DONE is completed at once. */
    public static Task create(TaskId id, UserId owner, TaskDetails details, Instant now) {
        return new Task(id, owner, details.title(), details.description(), details.status(), details.priority(),
                details.dueDate(), details.tags(), FIRST_VERSION, now, now,
                details.status() == TaskStatus.DONE ? Optional.of(now) : Optional.empty());
    }

    /** The task's editable fields as they are now. */
    public TaskDetails details() {
        return new TaskDetails(title, description, status, priority, dueDate, tags);
    }

    /**
     * This task with new details at the next version. Becoming DONE stamps {@code completedAt}; leaving DONE
     * clears it; staying DONE keeps the original completion time.
     */
    public Task revise(TaskDetails changed, Instant now) {
        Objects.requireNonNull(changed, "changed");
        Instant updated = now.isBefore(updatedAt) ? updatedAt : now;
        Optional<Instant> completed;
        if (changed.status() != TaskStatus.DONE) {
            completed = Optional.empty();
        } else if (status == TaskStatus.DONE) {
            completed = completedAt;
        } else {
            completed = Optional.of(updated);
        }
        return new Task(id, owner, changed.title(), changed.description(), changed.status(), changed.priority(),
                changed.dueDate(), changed.tags(), version + 1, createdAt, updated, completed);
    }

    /**
     * Overdue: due before the user's today and not done. This is the definition; a store that filters or counts
     * overdue tasks in its own query language must agree with it, and the stores' contract suite
     * ({@code TasksContract} in adapter-persistence's tests) checks each store's filter and count against this
     * method.
     */
    public boolean isOverdue(LocalDate today) {
        return status.isOpen() && dueDate.map(due -> due.isBefore(today)).orElse(false);
    }

    public boolean isOwnedBy(UserId user) {
        return owner.equals(user);
    }
}
