package dev.hexatask.application.port.out;

import dev.hexatask.domain.task.Task;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a task stands in every sort order: the keys that keyset pagination continues from. UUIDs compare as Java
 * does, which for time-ordered (version 7) ids in their canonical form is the same as PostgreSQL's order.
 */
public record SortPosition(Instant createdAt, Optional<LocalDate> dueDate, int priorityRank, UUID id) {

    public SortPosition {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(id, "id");
    }

    public static SortPosition of(Task task) {
        return new SortPosition(task.createdAt(), task.dueDate(), task.priority().rank(), task.id().value());
    }

    LocalDate dueDateOrNull() {
        return dueDate.orElse(null);
    }
}
