package dev.hexatask.application.port.in;

import dev.hexatask.domain.user.UserId;

import java.util.Objects;

/** Change some fields of the caller's task, only if its current version is one that {@code expected} admits. */
public record UpdateTaskCommand(UserId caller, String taskId, ExpectedVersion expected, TaskChanges changes) {

    public UpdateTaskCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(changes, "changes");
    }
}
