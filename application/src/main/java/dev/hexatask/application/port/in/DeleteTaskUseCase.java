package dev.hexatask.application.port.in;

import dev.hexatask.domain.task.TaskId;

public interface DeleteTaskUseCase {

    /** Success (the deleted task's id), Invalid, NotFound or VersionConflict. */
    Result<TaskId> delete(DeleteTaskCommand command);
}
