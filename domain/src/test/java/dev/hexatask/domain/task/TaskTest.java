package dev.hexatask.domain.task;

import dev.hexatask.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-03T10:00:00Z");
    private static final UserId ALICE = UserId.of("alice");

    private static TaskDetails details(TaskStatus status) {
        return new TaskDetails(Title.of("Write report"), Optional.empty(), status, Priority.DEFAULT,
                Optional.empty(), Tags.NONE);
    }

    private static Task newTask(TaskStatus status) {
        return Task.create(TaskId.of(UUID.randomUUID()), ALICE, details(status), T0);
    }

    @Test
    void aNewTaskStartsAtTheFirstVersionWithItsCreationTime() {
        Task task = newTask(TaskStatus.TODO);
        assertThat(task.version()).isEqualTo(1);
        assertThat(task.createdAt()).isEqualTo(T0);
        assertThat(task.updatedAt()).isEqualTo(T0);
        assertThat(task.completedAt()).isEmpty();
        assertThat(task.owner()).isEqualTo(ALICE);
        assertThat(task.isOwnedBy(ALICE)).isTrue();
        assertThat(task.isOwnedBy(UserId.of("bob"))).isFalse();
        assertThat(task.details()).isEqualTo(details(TaskStatus.TODO));
    }

    @Test
    void aTaskCreatedDoneIsCompletedAtOnce() {
        assertThat(newTask(TaskStatus.DONE).completedAt()).contains(T0);
    }

    @Test
    void becomingDoneStampsTheCompletionTime() {
        Task done = newTask(TaskStatus.IN_PROGRESS).revise(details(TaskStatus.DONE), T1);
        assertThat(done.completedAt()).contains(T1);
        assertThat(done.version()).isEqualTo(2);
        assertThat(done.updatedAt()).isEqualTo(T1);
        assertThat(done.createdAt()).isEqualTo(T0);
    }

    @Test
    void stayingDoneKeepsTheFirstCompletionTime() {
        Task done = newTask(TaskStatus.TODO).revise(details(TaskStatus.DONE), T1);
        Task renamed = done.revise(details(TaskStatus.DONE).withTitle(Title.of("Renamed")), T2);
        assertThat(renamed.completedAt()).contains(T1);
        assertThat(renamed.version()).isEqualTo(3);
    }

    @Test
    void reopeningClearsTheCompletionTime() {
        Task reopened = newTask(TaskStatus.DONE).revise(details(TaskStatus.TODO), T1);
        assertThat(reopened.completedAt()).isEmpty();
        assertThat(reopened.status()).isEqualTo(TaskStatus.TODO);
    }

    @Test
    void everyStatusCanMoveToEveryOther() {
        for (TaskStatus from : TaskStatus.values()) {
            for (TaskStatus to : TaskStatus.values()) {
                Task moved = newTask(from).revise(details(to), T1);
                assertThat(moved.status()).isEqualTo(to);
                assertThat(moved.completedAt().isPresent()).isEqualTo(to == TaskStatus.DONE);
            }
        }
    }

    @Test
    void aRevisionNeverMovesUpdatedAtBackwards() {
        Task task = newTask(TaskStatus.TODO).revise(details(TaskStatus.IN_PROGRESS), T2);
        Task later = task.revise(details(TaskStatus.DONE), T1);
        assertThat(later.updatedAt()).isEqualTo(T2);
        assertThat(later.completedAt()).contains(T2);
    }

    @Test
    void revisesEveryEditableField() {
        TaskDetails changed = new TaskDetails(Title.of("New"), Description.optional("More"), TaskStatus.IN_PROGRESS,
                Priority.HIGH, Optional.of(LocalDate.of(2026, 4, 1)), Tags.of(List.of("x")));
        Task original = newTask(TaskStatus.TODO);
        Task revised = original.revise(changed, T1);
        assertThat(revised.details()).isEqualTo(changed);
        assertThat(revised.id()).isEqualTo(original.id());
        assertThat(revised.owner()).isEqualTo(original.owner());
        assertThat(revised.createdAt()).isEqualTo(original.createdAt());
    }

    @Test
    void overdueMeansDueBeforeTodayAndNotDone() {
        LocalDate today = LocalDate.of(2026, 3, 10);
        Task open = newTask(TaskStatus.TODO);
        assertThat(withDue(open, today.minusDays(1)).isOverdue(today)).isTrue();
        assertThat(withDue(open, today).isOverdue(today)).isFalse();
        assertThat(withDue(open, today.plusDays(1)).isOverdue(today)).isFalse();
        assertThat(open.isOverdue(today)).isFalse();
        assertThat(withDue(newTask(TaskStatus.IN_PROGRESS), today.minusDays(1)).isOverdue(today)).isTrue();
        assertThat(withDue(newTask(TaskStatus.DONE), today.minusDays(1)).isOverdue(today)).isFalse();
    }

    private static Task withDue(Task task, LocalDate due) {
        return task.revise(task.details().withDueDate(Optional.of(due)), T1);
    }

    @Test
    void refusesInconsistentState() {
        Task task = newTask(TaskStatus.TODO);
        assertThatThrownBy(() -> new Task(task.id(), ALICE, task.title(), Optional.empty(), TaskStatus.DONE,
                Priority.LOW, Optional.empty(), Tags.NONE, 1, T0, T0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Task(task.id(), ALICE, task.title(), Optional.empty(), TaskStatus.TODO,
                Priority.LOW, Optional.empty(), Tags.NONE, 1, T0, T0, Optional.of(T0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Task(task.id(), ALICE, task.title(), Optional.empty(), TaskStatus.TODO,
                Priority.LOW, Optional.empty(), Tags.NONE, 0, T0, T0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Task(task.id(), ALICE, task.title(), Optional.empty(), TaskStatus.TODO,
                Priority.LOW, Optional.empty(), Tags.NONE, 1, T1, T0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> task.revise(null, T1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void detailsWithersChangeOneFieldEach() {
        TaskDetails base = details(TaskStatus.TODO);
        assertThat(base.withDescription(Description.optional("d")).description()).contains(new Description("d"));
        assertThat(base.withStatus(TaskStatus.DONE).status()).isEqualTo(TaskStatus.DONE);
        assertThat(base.withPriority(Priority.LOW).priority()).isEqualTo(Priority.LOW);
        assertThat(base.withTags(Tags.of(List.of("t"))).tags().names()).containsExactly("t");
        assertThat(base.withTitle(Title.of("T")).title()).isEqualTo(Title.of("T"));
        assertThat(base.withDueDate(Optional.of(LocalDate.EPOCH)).dueDate()).contains(LocalDate.EPOCH);
    }
}
