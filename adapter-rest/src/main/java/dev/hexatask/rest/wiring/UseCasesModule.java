package dev.hexatask.rest.wiring;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dev.hexatask.application.port.in.CheckHealthUseCase;
import dev.hexatask.application.port.in.CreateTaskUseCase;
import dev.hexatask.application.port.in.DeleteTaskUseCase;
import dev.hexatask.application.port.in.GetProfileUseCase;
import dev.hexatask.application.port.in.GetTaskUseCase;
import dev.hexatask.application.port.in.ListTasksUseCase;
import dev.hexatask.application.port.in.SummarizeTasksUseCase;
import dev.hexatask.application.port.in.UpdateProfileUseCase;
import dev.hexatask.application.port.in.UpdateTaskUseCase;
import dev.hexatask.application.port.out.TaskIdGenerator;
import dev.hexatask.application.service.HealthService;
import dev.hexatask.application.service.ProfileService;
import dev.hexatask.application.service.TaskService;
import dev.hexatask.application.support.TimeOrderedTaskIds;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The use cases the HTTP contract calls, each served by its service, on the system clock and time-ordered ids.
 * Shared by every composition root that serves the contract (the Lambda function, the Javalin server); each adds
 * the outbound ports (storage, tokens) and the {@code RestSettings} of its own.
 */
@Module
public interface UseCasesModule {

    @Binds
    CheckHealthUseCase health(HealthService service);

    @Binds
    GetProfileUseCase getProfile(ProfileService service);

    @Binds
    UpdateProfileUseCase updateProfile(ProfileService service);

    @Binds
    CreateTaskUseCase createTask(TaskService service);

    @Binds
    GetTaskUseCase getTask(TaskService service);

    @Binds
    ListTasksUseCase listTasks(TaskService service);

    @Binds
    UpdateTaskUseCase updateTask(TaskService service);

    @Binds
    DeleteTaskUseCase deleteTask(TaskService service);

    @Binds
    SummarizeTasksUseCase summarizeTasks(TaskService service);

    @Binds
    TaskIdGenerator taskIds(TimeOrderedTaskIds ids);

    @Provides
    @Singleton
    static Clock clock() {
        return Clock.systemUTC();
    }
}
