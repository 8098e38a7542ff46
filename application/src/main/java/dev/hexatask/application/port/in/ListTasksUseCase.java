package dev.hexatask.application.port.in;

import dev.hexatask.domain.user.UserId;

public interface ListTasksUseCase {

    /** Success or Invalid. */
    Result<TaskPage> list(UserId caller, TaskListRequest request);
}
