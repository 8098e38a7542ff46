package dev.hexatask.domain.task;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/** The fields of a task that its owner edits. Built from validated value objects, so it is always valid. */
public record TaskDetails(Title title, Optional<Description> description, TaskStatus status, Priority priority,
                          Optional<LocalDate> dueDate, Tags tags) {

    public TaskDetails {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(tags, "tags");
    }

    public TaskDetails withTitle(Title value) {
        return new TaskDetails(value, description, status, priority, dueDate, tags);
    }

    public TaskDetails withDescription(Optional<Description> value) {
        return new TaskDetails(title, value, status, priority, dueDate, tags);
    }

    public TaskDetails withStatus(TaskStatus value) {
        return new TaskDetails(title, description, value, priority, dueDate, tags);
    }

    public TaskDetails withPriority(Priority value) {
        return new TaskDetails(title, description, status, value, dueDate, tags);
    }

    public TaskDetails withDueDate(Optional<LocalDate> value) {
        return new TaskDetails(title, description, status, priority, value, tags);
    }

    public TaskDetails withTags(Tags value) {
        return new TaskDetails(title, description, status, priority, dueDate, value);
    }
}
