package dev.hexatask.application.port.in;

import dev.hexatask.domain.task.Task;
import dev.hexatask.domain.user.UserId;

public interface GetTaskUseCase {

    /** Success, Invalid (malformed id) or NotFound. */
    Result<Task> get(UserId caller, String taskId);
}
