package dev.hexatask.rest.wiring;

import dagger.Component;
import dagger.Module;
import dagger.Provides;
import dev.hexatask.application.fixtures.InMemoryCore;
import dev.hexatask.application.fixtures.InMemoryIdempotencyRecords;
import dev.hexatask.application.fixtures.InMemoryProfiles;
import dev.hexatask.application.fixtures.InMemoryTasks;
import dev.hexatask.application.fixtures.InMemoryTransactions;
import dev.hexatask.application.fixtures.SwitchableDatabaseHealth;
import dev.hexatask.application.port.in.CheckHealthUseCase;
import dev.hexatask.application.port.in.CreateTaskUseCase;
import dev.hexatask.application.port.in.DeleteTaskUseCase;
import dev.hexatask.application.port.in.GetProfileUseCase;
import dev.hexatask.application.port.in.GetTaskUseCase;
import dev.hexatask.application.port.in.ListTasksUseCase;
import dev.hexatask.application.port.in.SummarizeTasksUseCase;
import dev.hexatask.application.port.in.UpdateProfileUseCase;
import dev.hexatask.application.port.in.UpdateTaskUseCase;
import dev.hexatask.application.port.out.DatabaseHealth;
import dev.hexatask.application.port.out.IdempotencyRecords;
import dev.hexatask.application.port.out.Profiles;
import dev.hexatask.application.port.out.TaskIdGenerator;
import dev.hexatask.application.port.out.Tasks;
import dev.hexatask.application.port.out.Transactions;
import dev.hexatask.application.service.CursorCodec;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared use-case wiring gives a composition root one service per use-case family and one id generator: ids
 * increase only among one generator's ids, and two services would each have their own. Both transports' components
 * include {@link UseCasesModule}, so this holds for each.
 */
class UseCasesModuleTest {

    @Test
    void everyUseCaseOfAFamilyIsServedByTheSameInstance() {
        UseCases useCases = DaggerUseCasesModuleTest_UseCases.create();
        Object tasks = useCases.createTask();
        assertThat(java.util.List.of(useCases.getTask(), useCases.listTasks(), useCases.updateTask(),
                useCases.deleteTask(), useCases.summarizeTasks()))
                .allSatisfy(other -> assertThat(other).isSameAs(tasks));
        assertThat(useCases.updateProfile()).isSameAs(useCases.getProfile());
        assertThat(useCases.health().get()).isSameAs(useCases.health().get());
    }

    @Test
    void theIdGeneratorIsOneForTheWholeGraph() {
        UseCases useCases = DaggerUseCasesModuleTest_UseCases.create();
        assertThat(useCases.taskIds().get()).isSameAs(useCases.taskIds().get());
    }

    @Singleton
    @Component(modules = {UseCasesModule.class, InMemoryPorts.class})
    interface UseCases {
        CreateTaskUseCase createTask();

        GetTaskUseCase getTask();

        ListTasksUseCase listTasks();

        UpdateTaskUseCase updateTask();

        DeleteTaskUseCase deleteTask();

        SummarizeTasksUseCase summarizeTasks();

        GetProfileUseCase getProfile();

        UpdateProfileUseCase updateProfile();

        Provider<CheckHealthUseCase> health();

        Provider<TaskIdGenerator> taskIds();
    }

    /** The outbound ports, in memory, as a composition root's storage module would provide them. */
    @Module
    interface InMemoryPorts {

        @Provides
        @Singleton
        static InMemoryTasks taskStore() {
            return new InMemoryTasks();
        }

        @Provides
        @Singleton
        static InMemoryProfiles profileStore() {
            return new InMemoryProfiles();
        }

        @Provides
        @Singleton
        static InMemoryIdempotencyRecords idempotencyStore() {
            return new InMemoryIdempotencyRecords();
        }

        @Provides
        static Tasks tasks(InMemoryTasks store) {
            return store;
        }

        @Provides
        static Profiles profiles(InMemoryProfiles store) {
            return store;
        }

        @Provides
        static IdempotencyRecords idempotencyRecords(InMemoryIdempotencyRecords store) {
            return store;
        }

        @Provides
        @Singleton
        static Transactions transactions(InMemoryTasks tasks, InMemoryProfiles profiles,
                                         InMemoryIdempotencyRecords records) {
            return InMemoryTransactions.over(tasks, profiles, records);
        }

        @Provides
        @Singleton
        static DatabaseHealth databaseHealth() {
            return new SwitchableDatabaseHealth();
        }

        @Provides
        static CursorCodec cursors() {
            return new CursorCodec(InMemoryCore.TEST_CURSOR_SECRET);
        }
    }
}
