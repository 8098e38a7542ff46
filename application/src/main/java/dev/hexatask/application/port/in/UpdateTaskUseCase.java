package dev.hexatask.application.port.in;

import dev.hexatask.domain.task.Task;

public interface UpdateTaskUseCase {

    /** Success (the task as it is now), Invalid, NotFound or VersionConflict. */
    Result<Task> update(UpdateTaskCommand command);
}
