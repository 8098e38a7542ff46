package dev.hexatask.application.port.in;

import java.util.List;
import java.util.Objects;

/**
 * A partial update of a task: each field is kept or set. Setting {@code description} or {@code dueDate} to
 * {@code null} clears it; {@code title}, {@code status} and {@code priority} cannot be cleared.
 */
public record TaskChanges(FieldChange<String> title, FieldChange<String> description, FieldChange<String> status,
                          FieldChange<String> priority, FieldChange<String> dueDate,
                          FieldChange<List<String>> tags) {

    public TaskChanges {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(tags, "tags");
    }

    public static TaskChanges none() {
        return new TaskChanges(FieldChange.keep(), FieldChange.keep(), FieldChange.keep(), FieldChange.keep(),
                FieldChange.keep(), FieldChange.keep());
    }

    public TaskChanges title(String value) {
        return new TaskChanges(FieldChange.to(value), description, status, priority, dueDate, tags);
    }

    public TaskChanges description(String value) {
        return new TaskChanges(title, FieldChange.to(value), status, priority, dueDate, tags);
    }

    public TaskChanges status(String value) {
        return new TaskChanges(title, description, FieldChange.to(value), priority, dueDate, tags);
    }

    public TaskChanges priority(String value) {
        return new TaskChanges(title, description, status, FieldChange.to(value), dueDate, tags);
    }

    public TaskChanges dueDate(String value) {
        return new TaskChanges(title, description, status, priority, FieldChange.to(value), tags);
    }

    public TaskChanges tags(List<String> value) {
        return new TaskChanges(title, description, status, priority, dueDate, FieldChange.to(value));
    }
}
