package dev.hexatask.application.port.in;

import dev.hexatask.domain.user.UserId;

import java.util.Objects;

/**
 * Delete the caller's task, only if its current version is one that {@code expected} admits
 * ({@link ExpectedVersion#any()} for an unconditional delete).
 */
public record DeleteTaskCommand(UserId caller, String taskId, ExpectedVersion expected) {

    public DeleteTaskCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(expected, "expected");
    }
}
