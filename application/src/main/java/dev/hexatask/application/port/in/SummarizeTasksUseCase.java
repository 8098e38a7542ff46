package dev.hexatask.application.port.in;

import dev.hexatask.application.port.out.TaskCounts;
import dev.hexatask.domain.user.UserId;

public interface SummarizeTasksUseCase {

    /** Success: the caller's tasks counted by status, and the overdue ones as of the caller's today. */
    Result<TaskCounts> summarize(UserId caller);
}
