package dev.hexatask.application.port.in;

import dev.hexatask.domain.user.UserId;

import java.util.Objects;
import java.util.OptionalLong;

/** Delete the caller's task; when {@code expectedVersion} is given, only if it is still at that version. */
public record DeleteTaskCommand(UserId caller, String taskId, OptionalLong expectedVersion) {

    public DeleteTaskCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
    }
}
