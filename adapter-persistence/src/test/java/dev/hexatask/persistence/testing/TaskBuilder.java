package dev.hexatask.persistence.testing;

import dev.hexatask.domain.task.Description;
import dev.hexatask.domain.task.Priority;
import dev.hexatask.domain.task.Tags;
import dev.hexatask.domain.task.Task;
import dev.hexatask.domain.task.TaskId;
import dev.hexatask.domain.task.TaskStatus;
import dev.hexatask.domain.task.Title;
import dev.hexatask.domain.user.UserId;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds tasks for tests. Ids are time-ordered (version 7) in shape and increase with each task built, as the
 * application's ids do; instants have microsecond precision, as stores keep them.
 */
public final class TaskBuilder {

    public static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123456Z");
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private TaskId id = nextId();
    private UserId owner = UserId.of("alice");
    private String title = "Water the plants";
    private Optional<Description> description = Optional.empty();
    private TaskStatus status = TaskStatus.TODO;
    private Priority priority = Priority.MEDIUM;
    private Optional<LocalDate> dueDate = Optional.empty();
    private Tags tags = Tags.NONE;
    private long version = Task.FIRST_VERSION;
    private Instant createdAt = T0;

    private TaskBuilder() {
    }

    public static TaskBuilder aTask() {
        return new TaskBuilder();
    }

    /** A new id, greater than every id handed out before in this JVM. */
    public static TaskId nextId() {
        long n = SEQUENCE.incrementAndGet();
        return TaskId.of(new UUID(0x019a_0000_0000_7000L | (n << 16 & 0x0000_ffff_ffff_0000L),
                0x8000_0000_0000_0000L | n));
    }

    public TaskBuilder id(TaskId value) {
        id = value;
        return this;
    }

    public TaskBuilder ownedBy(UserId value) {
        owner = value;
        return this;
    }

    public TaskBuilder ownedBy(String value) {
        return ownedBy(UserId.of(value));
    }

    public TaskBuilder titled(String value) {
        title = value;
        return this;
    }

    public TaskBuilder described(String value) {
        description = Optional.of(new Description(value));
        return this;
    }

    public TaskBuilder status(TaskStatus value) {
        status = value;
        return this;
    }

    public TaskBuilder priority(Priority value) {
        priority = value;
        return this;
    }

    /** Due on this day ({@code 2026-12-31}), or never when {@code null}. */
    public TaskBuilder due(String isoDate) {
        dueDate = Optional.ofNullable(isoDate).map(LocalDate::parse);
        return this;
    }

    public TaskBuilder due(LocalDate date) {
        dueDate = Optional.ofNullable(date);
        return this;
    }

    public TaskBuilder tagged(String... names) {
        tags = Tags.of(List.of(names));
        return this;
    }

    public TaskBuilder version(long value) {
        version = value;
        return this;
    }

    public TaskBuilder createdAt(Instant value) {
        createdAt = value;
        return this;
    }

    public TaskBuilder createdMinutesAfterT0(long minutes) {
        return createdAt(T0.plusSeconds(60 * minutes));
    }

    public Task build() {
        Instant updatedAt = version == Task.FIRST_VERSION ? createdAt : createdAt.plusSeconds(version);
        Optional<Instant> completedAt = status == TaskStatus.DONE ? Optional.of(updatedAt) : Optional.empty();
        return new Task(id, owner, Title.of(title), description, status, priority, dueDate, tags, version,
                createdAt, updatedAt, completedAt);
    }
}
