package dev.hexatask.application.port.in;

import dev.hexatask.domain.task.Task;

import java.util.Objects;

/**
 * The task a create request made; {@code replayed} when the request repeated an earlier one's idempotency key and
 * this is that earlier result, as it was then.
 */
public record CreatedTask(Task task, boolean replayed) {

    public CreatedTask {
        Objects.requireNonNull(task, "task");
    }
}
