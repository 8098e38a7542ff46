package dev.hexatask.persistence;

import dev.hexatask.application.fixtures.SettableClock;
import dev.hexatask.application.port.in.CreateTaskCommand;
import dev.hexatask.application.port.in.CreatedTask;
import dev.hexatask.application.port.in.ExpectedVersion;
import dev.hexatask.application.port.in.NewTask;
import dev.hexatask.application.port.in.Result;
import dev.hexatask.application.port.in.TaskChanges;
import dev.hexatask.application.port.in.UpdateTaskCommand;
import dev.hexatask.application.port.out.TaskCounts;
import dev.hexatask.application.port.out.TaskQuery;
import dev.hexatask.application.port.out.Tasks;
import dev.hexatask.application.port.out.WriteOutcome;
import dev.hexatask.application.service.CursorCodec;
import dev.hexatask.application.service.TaskService;
import dev.hexatask.application.support.TimeOrderedTaskIds;
import dev.hexatask.domain.task.Task;
import dev.hexatask.domain.task.TaskId;
import dev.hexatask.domain.user.UserId;
import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The use cases on PostgreSQL, with requests racing each other as they do behind a load balancer. */
@ExtendWith(PostgresTestDatabase.class)
class ConcurrencyTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final Duration IN_FLIGHT_WAIT = Duration.ofMillis(500);

    private final TestDatabase database;
    private PostgresPersistence persistence;
    private ExecutorService threads;

    ConcurrencyTest(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void start() {
        database.clear();
        persistence = PostgresPersistence.start(database.settings().withPoolSize(24), database.credentials());
        threads = Executors.newFixedThreadPool(20);
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        persistence.close();
    }

    private TaskService service(Tasks tasks) {
        return service(tasks, persistence);
    }

    private static TaskService service(Tasks tasks, PostgresPersistence persistence) {
        return new TaskService(tasks, persistence.profiles(), persistence.idempotencyRecords(),
                persistence.transactions(), new TimeOrderedTaskIds(Clock.systemUTC()),
                SettableClock.at("2026-03-01T08:00:00Z"), new CursorCodec(persistence.cursorSecret().read()));
    }

    private static CreateTaskCommand createWithKey(String title, String key) {
        return new CreateTaskCommand(ALICE, NewTask.titled(title), Optional.of(key));
    }

    @Test
    void a_create_that_comes_second_with_the_same_key_waits_for_the_first_and_gets_its_task() throws Exception {
        CountDownLatch firstInserted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        TaskService first = service(new PausingTasks(persistence.tasks(), firstInserted, releaseFirst));
        TaskService second = service(persistence.tasks());

        Future<Result<CreatedTask>> firstResult = threads.submit(() -> first.create(createWithKey("Pay rent", "k-1")));
        assertThat(firstInserted.await(10, TimeUnit.SECONDS)).isTrue();
        Future<Result<CreatedTask>> secondResult =
                threads.submit(() -> second.create(createWithKey("Pay rent", "k-1")));
        awaitSessionsWaitingForALock(1);
        releaseFirst.countDown();

        Task created = successOf(firstResult.get(10, TimeUnit.SECONDS)).task();
        CreatedTask replay = successOf(secondResult.get(10, TimeUnit.SECONDS));
        assertThat(replay.replayed()).isTrue();
        assertThat(replay.task()).isEqualTo(created);
        assertThat(persistence.tasks().count(ALICE, LocalDate.parse("2026-03-01")).total()).isEqualTo(1);
    }

    @Test
    void a_create_that_waits_longer_than_the_in_flight_wait_is_told_the_key_is_in_flight() throws Exception {
        CountDownLatch firstInserted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        PostgresPersistence impatient = database.start(
                database.settings().withPoolSize(1).withInFlightWait(IN_FLIGHT_WAIT));
        TaskService first = service(new PausingTasks(persistence.tasks(), firstInserted, releaseFirst));
        TaskService second = service(impatient.tasks(), impatient);

        Future<Result<CreatedTask>> firstResult = threads.submit(() -> first.create(createWithKey("Pay rent", "k-2")));
        assertThat(firstInserted.await(10, TimeUnit.SECONDS)).isTrue();
        long started = System.nanoTime();
        Result<CreatedTask> secondResult = second.create(createWithKey("Pay rent", "k-2"));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        releaseFirst.countDown();

        assertThat(secondResult).isInstanceOf(Result.IdempotencyKeyInFlight.class);
        assertThat(waited).isBetween(IN_FLIGHT_WAIT.minusMillis(50), IN_FLIGHT_WAIT.plusSeconds(3));
        Task created = successOf(firstResult.get(10, TimeUnit.SECONDS)).task();
        CreatedTask retry = successOf(second.create(createWithKey("Pay rent", "k-2")));
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.task()).isEqualTo(created);
        assertThat(persistence.tasks().count(ALICE, LocalDate.parse("2026-03-01")).total()).isEqualTo(1);
    }

    @Test
    void many_creates_racing_with_one_key_make_one_task_and_all_get_it() throws Exception {
        TaskService service = service(persistence.tasks());
        int racers = 12;
        CyclicBarrier start = new CyclicBarrier(racers);
        List<Future<Result<CreatedTask>>> results = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            results.add(threads.submit(() -> {
                start.await();
                return service.create(createWithKey("Book flights", "race-key"));
            }));
        }

        List<CreatedTask> created = new ArrayList<>();
        for (Future<Result<CreatedTask>> result : results) {
            created.add(successOf(result.get(30, TimeUnit.SECONDS)));
        }

        assertThat(created).filteredOn(c -> !c.replayed()).hasSize(1);
        assertThat(created).extracting(CreatedTask::task).containsOnly(created.getFirst().task());
        assertThat(persistence.tasks().list(TaskQuery.all(ALICE, 100))).containsExactly(created.getFirst().task());
    }

    @Test
    void of_twenty_parallel_updates_from_the_same_version_exactly_one_is_applied() throws Exception {
        TaskService service = service(persistence.tasks());
        Task task = successOf(service.create(new CreateTaskCommand(ALICE, NewTask.titled("Draft"), Optional.empty())))
                .task();
        int writers = 20;
        CyclicBarrier start = new CyclicBarrier(writers);
        List<Future<Result<Task>>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String title = "Version by writer " + i;
            results.add(threads.submit(() -> {
                start.await();
                return service.update(new UpdateTaskCommand(ALICE, task.id().toString(),
                        ExpectedVersion.oneOf(task.version()), TaskChanges.none().title(title)));
            }));
        }

        List<Result<Task>> outcomes = new ArrayList<>();
        for (Future<Result<Task>> result : results) {
            outcomes.add(result.get(30, TimeUnit.SECONDS));
        }

        List<Task> applied = outcomes.stream().filter(Result.Success.class::isInstance)
                .map(r -> ((Result.Success<Task>) r).value()).toList();
        assertThat(applied).hasSize(1);
        assertThat(outcomes).filteredOn(Result.VersionConflict.class::isInstance).hasSize(writers - 1)
                .allSatisfy(r -> assertThat(((Result.VersionConflict<Task>) r).currentVersion()).isEqualTo(2));
        assertThat(persistence.tasks().find(ALICE, task.id())).contains(applied.getFirst());
        assertThat(applied.getFirst().version()).isEqualTo(2);
    }

    @Test
    void parallel_deletes_at_one_version_delete_once() throws Exception {
        TaskService service = service(persistence.tasks());
        TaskId id = successOf(service.create(new CreateTaskCommand(ALICE, NewTask.titled("Once"), Optional.empty())))
                .task().id();
        CyclicBarrier start = new CyclicBarrier(8);
        List<Future<WriteOutcome>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(threads.submit(() -> {
                start.await();
                return persistence.transactions().inTransaction(
                        () -> persistence.tasks().delete(ALICE, id, OptionalLong.of(1)));
            }));
        }
        List<WriteOutcome> outcomes = new ArrayList<>();
        for (Future<WriteOutcome> result : results) {
            outcomes.add(result.get(30, TimeUnit.SECONDS));
        }

        assertThat(outcomes).containsOnlyOnce(WriteOutcome.APPLIED);
        assertThat(outcomes).filteredOn(o -> o != WriteOutcome.APPLIED).containsOnly(WriteOutcome.NOT_FOUND);
        assertThat(persistence.tasks().count(ALICE, LocalDate.parse("2026-03-01"))).isEqualTo(new TaskCounts(0, 0, 0, 0));
    }

    @SuppressWarnings("unchecked")
    private static <T> T successOf(Result<T> result) {
        assertThat(result).isInstanceOf(Result.Success.class);
        return ((Result.Success<T>) result).value();
    }

    /** Waits until this many sessions of the test database wait for a lock (a claim queued behind another). */
    private void awaitSessionsWaitingForALock(int sessions) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement(
                     "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    if (row.getInt(1) >= sessions) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("no session came to wait for the lock");
    }

    /** Tasks whose insert, once done, holds its transaction open until the test lets it go. */
    private record PausingTasks(Tasks delegate, CountDownLatch inserted, CountDownLatch release) implements Tasks {

        @Override
        public void insert(Task task) {
            delegate.insert(task);
            inserted.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the insert");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Optional<Task> find(UserId owner, TaskId id) {
            return delegate.find(owner, id);
        }

        @Override
        public WriteOutcome update(Task revised) {
            return delegate.update(revised);
        }

        @Override
        public WriteOutcome delete(UserId owner, TaskId id, OptionalLong expectedVersion) {
            return delegate.delete(owner, id, expectedVersion);
        }

        @Override
        public List<Task> list(TaskQuery query) {
            return delegate.list(query);
        }

        @Override
        public TaskCounts count(UserId owner, LocalDate today) {
            return delegate.count(owner, today);
        }
    }
}
