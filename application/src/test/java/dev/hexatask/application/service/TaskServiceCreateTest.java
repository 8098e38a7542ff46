package dev.hexatask.application.service;

import dev.hexatask.application.fixtures.InMemoryCore;
import dev.hexatask.application.port.in.CreateTaskCommand;
import dev.hexatask.application.port.in.CreatedTask;
import dev.hexatask.application.port.in.NewTask;
import dev.hexatask.application.port.in.Result;
import dev.hexatask.domain.task.Priority;
import dev.hexatask.domain.task.Task;
import dev.hexatask.domain.task.TaskStatus;
import dev.hexatask.domain.user.UserId;
import dev.hexatask.domain.validation.Violation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class TaskServiceCreateTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");

    private final InMemoryCore core = InMemoryCore.create();

    private Result<CreatedTask> create(UserId caller, NewTask task, String key) {
        return core.tasks().create(new CreateTaskCommand(caller, task, Optional.ofNullable(key)));
    }

    private static Task created(Result<CreatedTask> result) {
        assertThat(result).isInstanceOf(Result.Success.class);
        return ((Result.Success<CreatedTask>) result).value().task();
    }

    @Test
    void createsATaskWithTheDefaults() {
        Task task = created(create(ALICE, NewTask.titled("  Water the plants "), null));
        assertThat(task.title().value()).isEqualTo("Water the plants");
        assertThat(task.status()).isEqualTo(TaskStatus.TODO);
        assertThat(task.priority()).isEqualTo(Priority.MEDIUM);
        assertThat(task.description()).isEmpty();
        assertThat(task.dueDate()).isEmpty();
        assertThat(task.tags().values()).isEmpty();
        assertThat(task.version()).isEqualTo(1);
        assertThat(task.owner()).isEqualTo(ALICE);
        assertThat(task.createdAt()).isEqualTo(core.clock().instant());
        assertThat(core.taskStore().all()).containsExactly(task);
    }

    @Test
    void createsATaskWithEveryField() {
        Task task = created(create(ALICE, new NewTask("Report", "Quarterly\nnumbers", "DONE", "HIGH", "2026-02-01",
                List.of("Work", "q1", "work")), null));
        assertThat(task.description().orElseThrow().value()).isEqualTo("Quarterly\nnumbers");
        assertThat(task.status()).isEqualTo(TaskStatus.DONE);
        assertThat(task.completedAt()).contains(task.createdAt());
        assertThat(task.priority()).isEqualTo(Priority.HIGH);
        assertThat(task.dueDate()).contains(LocalDate.of(2026, 2, 1));
        assertThat(task.tags().names()).containsExactly("work", "q1");
    }

    @Test
    void keepsMicrosecondPrecisionOnly() {
        core.clock().set(Instant.parse("2026-01-15T09:00:00.123456789Z"));
        Task task = created(create(ALICE, NewTask.titled("t"), null));
        assertThat(task.createdAt()).isEqualTo(Instant.parse("2026-01-15T09:00:00.123456Z"));
    }

    @Test
    void reportsEveryBadFieldAtOnceAndWritesNothing() {
        Result<CreatedTask> result = create(ALICE, new NewTask(" ", "bad\u0000", "OPEN", "URGENT", "2026-02-30",
                List.of("ok", "not ok")), "");
        assertThat(result).isInstanceOfSatisfying(Result.Invalid.class, invalid -> assertThat(
                ((Result.Invalid<?>) invalid).violations())
                .extracting(Violation::field, Violation::rule)
                .containsExactly(
                        tuple("title", "required"),
                        tuple("description", "control_characters"),
                        tuple("status", "unknown_value"),
                        tuple("priority", "unknown_value"),
                        tuple("dueDate", "malformed_date"),
                        tuple("tags[1]", "pattern"),
                        tuple("Idempotency-Key", "required")));
        assertThat(core.taskStore().all()).isEmpty();
        assertThat(core.idempotencyStore().size()).isZero();
    }

    @Test
    void refusesMalformedIdempotencyKeys() {
        assertThat(create(ALICE, NewTask.titled("t"), "x".repeat(256))).isInstanceOf(Result.Invalid.class);
        assertThat(create(ALICE, NewTask.titled("t"), "has space")).isInstanceOf(Result.Invalid.class);
        assertThat(create(ALICE, NewTask.titled("t"), "caf\u00e9")).isInstanceOf(Result.Invalid.class);
        assertThat(created(create(ALICE, NewTask.titled("t"), "x".repeat(255)))).isNotNull();
        assertThat(created(create(ALICE, NewTask.titled("t"), "!~"))).isNotNull();
    }

    @Test
    void aRepeatedKeyWithTheSameRequestReplaysTheFirstTask() {
        Task first = created(create(ALICE, NewTask.titled("Pay rent"), "key-1"));
        core.clock().advance(Duration.ofMinutes(5));
        Result<CreatedTask> again = create(ALICE, NewTask.titled(" Pay rent "), "key-1");
        assertThat(again).isEqualTo(Result.success(new CreatedTask(first, true)));
        assertThat(core.taskStore().all()).containsExactly(first);
    }

    @Test
    void theReplayShowsTheTaskAsItWasCreated() {
        Task first = created(create(ALICE, NewTask.titled("Pay rent"), "key-1"));
        core.taskStore().update(first.revise(first.details().withStatus(TaskStatus.DONE), core.clock().instant()));
        Result<CreatedTask> again = create(ALICE, NewTask.titled("Pay rent"), "key-1");
        assertThat(((Result.Success<CreatedTask>) again).value().task()).isEqualTo(first);
    }

    @Test
    void aRepeatedKeyWithAnotherRequestIsRefused() {
        created(create(ALICE, NewTask.titled("Pay rent"), "key-1"));
        assertThat(create(ALICE, NewTask.titled("Pay bills"), "key-1"))
                .isInstanceOf(Result.IdempotencyKeyReused.class);
        assertThat(create(ALICE, new NewTask("Pay rent", null, null, "HIGH", null, null), "key-1"))
                .isInstanceOf(Result.IdempotencyKeyReused.class);
        for (NewTask other : List.of(
                new NewTask("Pay rent", "now", null, null, null, null),
                new NewTask("Pay rent", null, "DONE", null, null, null),
                new NewTask("Pay rent", null, null, null, "2026-02-01", null),
                new NewTask("Pay rent", null, null, null, null, List.of("home")))) {
            assertThat(create(ALICE, other, "key-1")).isInstanceOf(Result.IdempotencyKeyReused.class);
        }
        assertThat(core.taskStore().all()).hasSize(1);
    }

    @Test
    void differentKeysMakeDifferentTasks() {
        Task first = created(create(ALICE, NewTask.titled("Pay rent"), "key-1"));
        Task second = created(create(ALICE, NewTask.titled("Pay rent"), "key-2"));
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(core.idempotencyStore().find(ALICE, "key-2").orElseThrow().createdTask()).isEqualTo(second);
    }

    @Test
    void keysAreScopedToTheCaller() {
        Task alices = created(create(ALICE, NewTask.titled("Pay rent"), "shared-key"));
        Task bobs = created(create(BOB, NewTask.titled("Pay rent"), "shared-key"));
        assertThat(bobs.id()).isNotEqualTo(alices.id());
        assertThat(bobs.owner()).isEqualTo(BOB);
    }

    @Test
    void aKeyIsForgottenAfterADay() {
        Task first = created(create(ALICE, NewTask.titled("Pay rent"), "key-1"));
        core.clock().advance(Duration.ofHours(24));
        Result<CreatedTask> later = create(ALICE, NewTask.titled("Pay rent"), "key-1");
        assertThat(((Result.Success<CreatedTask>) later).value().replayed()).isFalse();
        assertThat(created(later).id()).isNotEqualTo(first.id());
        assertThat(core.idempotencyStore().deleteExpired(core.clock().instant().plus(Duration.ofHours(24)), 10))
                .isEqualTo(1);
    }

    @Test
    void aKeyIsRememberedForJustUnderADay() {
        Task first = created(create(ALICE, NewTask.titled("Pay rent"), "key-1"));
        core.clock().advance(Duration.ofHours(24).minusMillis(1));
        assertThat(created(create(ALICE, NewTask.titled("Pay rent"), "key-1"))).isEqualTo(first);
    }

    @Test
    void idsIncreaseWithEachTask() {
        Task first = created(create(ALICE, NewTask.titled("one"), null));
        Task second = created(create(ALICE, NewTask.titled("two"), null));
        assertThat(second.id().value()).isGreaterThan(first.id().value());
    }
}
