package dev.hexatask.application.port.in;

import dev.hexatask.domain.task.Task;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of tasks, and the cursor of the next page when there is one. */
public record TaskPage(List<Task> tasks, Optional<String> nextCursor) {

    public TaskPage {
        tasks = List.copyOf(tasks);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
