package dev.hexatask.application;

import dev.hexatask.application.fixtures.InMemoryCore;
import dev.hexatask.application.port.in.CreateTaskCommand;
import dev.hexatask.application.port.in.NewTask;
import dev.hexatask.application.port.in.Result;
import dev.hexatask.application.port.in.TaskListRequest;
import dev.hexatask.application.port.in.TaskPage;
import dev.hexatask.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's "embed the core" snippet, kept compiling and true. */
class ReadmeExampleTest {

    @Test
    void theCoreRunsInMemory() {
        InMemoryCore core = InMemoryCore.create();
        UserId alice = UserId.of("alice");
        core.tasks().create(new CreateTaskCommand(alice, NewTask.titled("Water the plants"), Optional.empty()));
        Result<TaskPage> page = core.tasks().list(alice, TaskListRequest.firstPage());
        assertThat(page).isInstanceOfSatisfying(Result.Success.class,
                s -> assertThat(((TaskPage) s.value()).tasks()).hasSize(1));
    }
}
