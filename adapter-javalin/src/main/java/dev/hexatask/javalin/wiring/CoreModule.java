package dev.hexatask.javalin.wiring;

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
import dev.hexatask.application.service.CursorCodec;
import dev.hexatask.application.service.HealthService;
import dev.hexatask.application.service.ProfileService;
import dev.hexatask.application.service.TaskService;
import dev.hexatask.application.support.TimeOrderedTaskIds;
import dev.hexatask.persistence.PostgresPersistence;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The core: each use case served by its service, on the system clock and time-ordered ids. */
@Module
public interface CoreModule {

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

    /** The key lives in the database (made by the first migration), so it is read after migrating. */
    @Provides
    @Singleton
    static CursorCodec cursors(PostgresPersistence persistence) {
        return new CursorCodec(persistence.cursorSecret().read());
    }
}
