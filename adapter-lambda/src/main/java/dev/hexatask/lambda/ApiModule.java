package dev.hexatask.lambda;

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
import dev.hexatask.application.port.out.Authenticator;
import dev.hexatask.application.port.out.DatabaseHealth;
import dev.hexatask.application.port.out.IdempotencyRecords;
import dev.hexatask.application.port.out.Profiles;
import dev.hexatask.application.port.out.TaskIdGenerator;
import dev.hexatask.application.port.out.Tasks;
import dev.hexatask.application.port.out.Transactions;
import dev.hexatask.application.service.CursorCodec;
import dev.hexatask.application.service.HealthService;
import dev.hexatask.application.service.ProfileService;
import dev.hexatask.application.service.TaskService;
import dev.hexatask.application.support.TimeOrderedTaskIds;
import dev.hexatask.jwt.CognitoAccessTokenAuthenticator;
import dev.hexatask.persistence.DatabaseSettings;
import dev.hexatask.persistence.PostgresPersistence;
import dev.hexatask.rest.RestApi;
import dev.hexatask.rest.RestSettings;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Wires the core to PostgreSQL, the JWT verifier and the REST contract for the API function. */
@Module(includes = ApiModule.Bindings.class)
final class ApiModule {

    private ApiModule() {
    }

    @Module
    interface Bindings {

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
    }

    @Provides
    @Singleton
    static Clock clock() {
        return Clock.systemUTC();
    }

    @Provides
    @Singleton
    static DatabaseConnection databaseConnection(LambdaSettings settings) {
        return DatabaseConnection.of(settings.database(), System.getenv());
    }

    @Provides
    @Singleton
    static PostgresPersistence persistence(LambdaSettings settings, DatabaseConnection connection) {
        return connection.open(DatabaseSettings.forLambda(connection.jdbcUrl()).withPoolSize(settings.poolSize()));
    }

    @Provides
    @Singleton
    static Tasks tasks(PostgresPersistence persistence) {
        return persistence.tasks();
    }

    @Provides
    @Singleton
    static Profiles profiles(PostgresPersistence persistence) {
        return persistence.profiles();
    }

    @Provides
    @Singleton
    static IdempotencyRecords idempotencyRecords(PostgresPersistence persistence) {
        return persistence.idempotencyRecords();
    }

    @Provides
    @Singleton
    static Transactions transactions(PostgresPersistence persistence) {
        return persistence.transactions();
    }

    @Provides
    @Singleton
    static DatabaseHealth databaseHealth(PostgresPersistence persistence) {
        return persistence.health();
    }

    /** The key is kept in the database, so that every instance signs cursors alike: reading it needs a connection. */
    @Provides
    @Singleton
    static CursorCodec cursorCodec(PostgresPersistence persistence) {
        return new CursorCodec(persistence.cursorSecret().read());
    }

    @Provides
    @Singleton
    static TaskService taskService(Tasks tasks, Profiles profiles, IdempotencyRecords idempotencyRecords,
                                   Transactions transactions, TaskIdGenerator ids, Clock clock, CursorCodec cursors) {
        return new TaskService(tasks, profiles, idempotencyRecords, transactions, ids, clock, cursors);
    }

    @Provides
    @Singleton
    static ProfileService profileService(Profiles profiles, Transactions transactions, Clock clock) {
        return new ProfileService(profiles, transactions, clock);
    }

    @Provides
    @Singleton
    static HealthService healthService(DatabaseHealth health) {
        return new HealthService(health);
    }

    @Provides
    @Singleton
    static Authenticator authenticator(LambdaSettings settings) {
        return new CognitoAccessTokenAuthenticator(settings.jwt());
    }

    @Provides
    @Singleton
    static RestApi restApi(CheckHealthUseCase health, GetProfileUseCase getProfile,
                           UpdateProfileUseCase updateProfile, CreateTaskUseCase createTask, GetTaskUseCase getTask,
                           ListTasksUseCase listTasks, UpdateTaskUseCase updateTask, DeleteTaskUseCase deleteTask,
                           SummarizeTasksUseCase summarizeTasks, Authenticator authenticator,
                           RestSettings settings) {
        return new RestApi(health, getProfile, updateProfile, createTask, getTask, listTasks, updateTask, deleteTask,
                summarizeTasks, authenticator, settings);
    }

    @Provides
    static RestSettings restSettings(LambdaSettings settings) {
        return settings.rest();
    }
}
