package dev.hexatask.domain.task;

import dev.hexatask.domain.validation.DomainValidationException;
import dev.hexatask.domain.validation.Violation;

/** Where a task stands. Every move between the three is allowed; entering or leaving {@code DONE} matters. */
public enum TaskStatus {
    TODO,
    IN_PROGRESS,
    DONE;

    public boolean isOpen() {
        return this != DONE;
    }

    public static TaskStatus parse(String field, String name) {
        if (name == null) {
            throw new DomainValidationException(new Violation(field, "required", "is required"));
        }
        for (TaskStatus status : values()) {
            if (status.name().equals(name)) {
                return status;
            }
        }
        throw new DomainValidationException(
                new Violation(field, "unknown_value", "must be one of TODO, IN_PROGRESS, DONE"));
    }
}
