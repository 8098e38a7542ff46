package dev.hexatask.application.port.in;

import dev.hexatask.domain.user.UserId;

import java.util.Objects;

/** Change some fields of the caller's task, only if it is still at {@code expectedVersion}. */
public record UpdateTaskCommand(UserId caller, String taskId, long expectedVersion, TaskChanges changes) {

    public UpdateTaskCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(changes, "changes");
    }
}
