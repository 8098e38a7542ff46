package dev.hexatask.application.port.in;

import dev.hexatask.domain.user.UserId;

import java.util.Objects;
import java.util.Optional;

/**
 * Create a task for the caller; with an idempotency key, a retry of the same request returns the first result
 * instead of creating a second task.
 */
public record CreateTaskCommand(UserId caller, NewTask task, Optional<String> idempotencyKey) {

    public CreateTaskCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }
}
