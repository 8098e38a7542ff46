package dev.hexatask.application.service;

import dev.hexatask.application.fixtures.InMemoryCore;
import dev.hexatask.application.port.in.CreateTaskCommand;
import dev.hexatask.application.port.in.CreatedTask;
import dev.hexatask.application.port.in.NewTask;
import dev.hexatask.application.port.in.ProfileChanges;
import dev.hexatask.application.port.in.Result;
import dev.hexatask.application.port.in.TaskListRequest;
import dev.hexatask.application.port.in.TaskPage;
import dev.hexatask.domain.task.Task;
import dev.hexatask.domain.user.UserId;
import dev.hexatask.domain.validation.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TaskServiceListTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");

    private final InMemoryCore core = InMemoryCore.create();

    private Task create(UserId owner, NewTask task) {
        Result<CreatedTask> result = core.tasks().create(new CreateTaskCommand(owner, task, Optional.empty()));
        core.clock().advance(Duration.ofSeconds(1));
        return ((Result.Success<CreatedTask>) result).value().task();
    }

    private static NewTask task(String title, String status, String priority, String due, String... tags) {
        return new NewTask(title, null, status, priority, due, List.of(tags));
    }

    private TaskPage page(UserId caller, TaskListRequest request) {
        Result<TaskPage> result = core.tasks().list(caller, request);
        assertThat(result).isInstanceOf(Result.Success.class);
        return ((Result.Success<TaskPage>) result).value();
    }

    private List<Violation> violations(TaskListRequest request) {
        Result<TaskPage> result = core.tasks().list(ALICE, request);
        assertThat(result).isInstanceOf(Result.Invalid.class);
        return ((Result.Invalid<TaskPage>) result).violations();
    }

    private static List<String> titles(TaskPage page) {
        return page.tasks().stream().map(t -> t.title().value()).toList();
    }

    private static TaskListRequest request(List<String> statuses, String tag, String dueBefore, String dueAfter,
                                           String overdue, String text, String sort) {
        return new TaskListRequest(statuses, tag, dueBefore, dueAfter, overdue, text, sort, null, null);
    }

    private List<String> walk(UserId caller, TaskListRequest first) {
        List<String> seen = new ArrayList<>();
        TaskListRequest request = first;
        for (int pages = 0; pages < 100; pages++) {
            TaskPage page = page(caller, request);
            seen.addAll(titles(page));
            if (page.nextCursor().isEmpty()) {
                return seen;
            }
            request = request.withCursor(page.nextCursor().get());
        }
        throw new AssertionError("the walk did not end");
    }

    private void seedMixed() {
        create(ALICE, task("a", "TODO", "LOW", "2026-01-10", "home"));
        create(ALICE, task("b", "IN_PROGRESS", "HIGH", null, "work"));
        create(ALICE, task("c", "DONE", "MEDIUM", "2026-01-01", "work", "home"));
        create(ALICE, task("d", "TODO", "HIGH", "2026-02-01"));
        create(ALICE, task("e", "TODO", "MEDIUM", "2026-01-10"));
        create(BOB, task("bob-1", "TODO", "HIGH", "2020-01-01", "work"));
    }

    @Test
    void listsTheCallersTasksNewestFirstByDefault() {
        seedMixed();
        TaskPage page = page(ALICE, TaskListRequest.firstPage());
        assertThat(titles(page)).containsExactly("e", "d", "c", "b", "a");
        assertThat(page.nextCursor()).isEmpty();
        assertThat(titles(page(BOB, TaskListRequest.firstPage()))).containsExactly("bob-1");
        assertThat(page(UserId.of("nobody"), TaskListRequest.firstPage()).tasks()).isEmpty();
    }

    @Test
    void sortsByDueDateWithUndatedTasksLast() {
        seedMixed();
        assertThat(titles(page(ALICE, request(null, null, null, null, null, null, "dueDate"))))
                .containsExactly("c", "a", "e", "d", "b");
    }

    @Test
    void sortsByPriorityThenNewest() {
        seedMixed();
        assertThat(titles(page(ALICE, request(null, null, null, null, null, null, "priority"))))
                .containsExactly("d", "b", "e", "c", "a");
    }

    @Test
    void filtersByStatusTagAndDueRange() {
        seedMixed();
        assertThat(titles(page(ALICE, request(List.of("TODO", "DONE"), null, null, null, null, null, null))))
                .containsExactly("e", "d", "c", "a");
        assertThat(titles(page(ALICE, request(null, "WORK", null, null, null, null, null))))
                .containsExactly("c", "b");
        assertThat(titles(page(ALICE, request(null, null, "2026-01-10", null, null, null, null))))
                .containsExactly("c");
        assertThat(titles(page(ALICE, request(null, null, null, "2026-01-01", null, null, null))))
                .containsExactly("e", "d", "a");
        assertThat(titles(page(ALICE, request(List.of("TODO"), "home", "2026-02-01", "2026-01-01", null, null,
                null)))).containsExactly("a");
    }

    @Test
    void filtersOverdueTasksAsOfTheCallersToday() {
        core.clock().set(Instant.parse("2026-01-10T20:00:00Z"));
        seedMixed();
        assertThat(titles(page(ALICE, request(null, null, null, null, "true", null, null)))).isEmpty();
        assertThat(titles(page(ALICE, request(null, null, null, null, "false", null, null))))
                .containsExactly("e", "d", "c", "b", "a");
        core.profiles().update(ALICE, new ProfileChanges(null, "Pacific/Kiritimati"));
        assertThat(titles(page(ALICE, request(null, null, null, null, "true", null, null))))
                .containsExactly("e", "a");
    }

    @Test
    void findsTextInTitleOrDescriptionIgnoringCaseAndLiterally() {
        create(ALICE, new NewTask("Buy MILK", null, null, null, null, null));
        create(ALICE, new NewTask("Call mom", "about the milk", null, null, null, null));
        create(ALICE, new NewTask("100% done", null, null, null, null, null));
        create(ALICE, new NewTask("file_name", null, null, null, null, null));
        assertThat(titles(page(ALICE, request(null, null, null, null, null, "milk", null))))
                .containsExactly("Call mom", "Buy MILK");
        assertThat(titles(page(ALICE, request(null, null, null, null, null, "%", null)))).containsExactly("100% done");
        assertThat(titles(page(ALICE, request(null, null, null, null, null, "_", null)))).containsExactly("file_name");
        assertThat(titles(page(ALICE, request(null, null, null, null, null, " milk ", null))))
                .containsExactly("Call mom", "Buy MILK");
    }

    @ParameterizedTest
    @ValueSource(strings = {"created", "dueDate", "priority"})
    void pagesWalkEveryTaskExactlyOnceInEverySort(String sort) {
        for (int i = 0; i < 23; i++) {
            String due = i % 3 == 0 ? null : "2026-02-0" + (1 + i % 4);
            String priority = List.of("LOW", "MEDIUM", "HIGH").get(i % 3);
            create(ALICE, task("t" + i, null, priority, due));
            if (i % 5 == 0) {
                core.clock().advance(Duration.ofSeconds(-1));
            }
        }
        TaskListRequest first = new TaskListRequest(null, null, null, null, null, null, sort, null, "4");
        List<String> walked = walk(ALICE, first);
        List<String> all = titles(page(ALICE, first.withLimit("100")));
        assertThat(all).hasSize(23);
        assertThat(walked).containsExactlyElementsOf(all);
    }

    @Test
    void aPageHoldsAtMostTheLimitAndSaysWhetherMoreFollow() {
        for (int i = 0; i < 21; i++) {
            create(ALICE, NewTask.titled("t" + i));
        }
        TaskPage first = page(ALICE, TaskListRequest.firstPage());
        assertThat(first.tasks()).hasSize(20);
        assertThat(first.nextCursor()).isPresent();
        TaskPage second = page(ALICE, TaskListRequest.firstPage().withCursor(first.nextCursor().get()));
        assertThat(titles(second)).containsExactly("t0");
        assertThat(second.nextCursor()).isEmpty();
        assertThat(page(ALICE, TaskListRequest.firstPage().withLimit("21")).nextCursor()).isEmpty();
        assertThat(page(ALICE, TaskListRequest.firstPage().withLimit("1")).tasks()).hasSize(1);
        assertThat(page(ALICE, TaskListRequest.firstPage().withLimit("100")).tasks()).hasSize(21);
    }

    @Test
    void tasksInsertedDuringAWalkDoNotDisturbIt() {
        for (int i = 0; i < 10; i++) {
            create(ALICE, NewTask.titled("old" + i));
        }
        TaskPage first = page(ALICE, TaskListRequest.firstPage().withLimit("5"));
        create(ALICE, NewTask.titled("new"));
        TaskPage second = page(ALICE, TaskListRequest.firstPage().withLimit("5").withCursor(first.nextCursor().get()));
        assertThat(titles(second)).containsExactly("old4", "old3", "old2", "old1", "old0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "abc", "1.5", "", " 5", "99999999999", "+5", "005000", "0100", "05", "1000"})
    void refusesPageSizesOutsideOneToAHundred(String limit) {
        assertThat(violations(TaskListRequest.firstPage().withLimit(limit)))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("limit", "out_of_range"));
    }

    @Test
    void reportsEveryBadParameterAtOnce() {
        assertThat(violations(new TaskListRequest(List.of("TODO", "LATE"), "no tags!", "tomorrow", "2026-13-01",
                "yes", "\u0000", "oldest", null, "0")))
                .extracting(Violation::field)
                .containsExactly("status", "tag", "dueBefore", "dueAfter", "overdue", "q", "sort", "limit");
        assertThat(violations(new TaskListRequest(List.of(), null, null, null, null, null, "oldest", "forged", "0")))
                .extracting(Violation::field)
                .containsExactly("sort", "limit", "cursor");
        assertThat(violations(request(null, null, null, null, null, "x".repeat(201), null)))
                .extracting(Violation::rule).containsExactly("too_long");
        assertThat(violations(request(null, null, null, null, null, "  ", null)))
                .extracting(Violation::rule).containsExactly("required");
    }

    @Test
    void refusesACursorThatWasTamperedWith() {
        for (int i = 0; i < 3; i++) {
            create(ALICE, NewTask.titled("t" + i));
        }
        String cursor = page(ALICE, TaskListRequest.firstPage().withLimit("1")).nextCursor().orElseThrow();
        char flipped = cursor.charAt(10) == 'A' ? 'B' : 'A';
        String tampered = cursor.substring(0, 10) + flipped + cursor.substring(11);
        for (String bad : List.of(tampered, cursor + "A", cursor.substring(1), "", "%%%", "x".repeat(500), "AAAA")) {
            assertThat(violations(TaskListRequest.firstPage().withLimit("1").withCursor(bad)))
                    .extracting(Violation::field, Violation::rule)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("cursor", "invalid_cursor"));
        }
    }

    @Test
    void refusesAnotherUsersCursor() {
        for (int i = 0; i < 3; i++) {
            create(ALICE, NewTask.titled("t" + i));
            create(BOB, NewTask.titled("b" + i));
        }
        String bobsCursor = page(BOB, TaskListRequest.firstPage().withLimit("1")).nextCursor().orElseThrow();
        assertThat(violations(TaskListRequest.firstPage().withLimit("1").withCursor(bobsCursor)))
                .extracting(Violation::field).containsExactly("cursor");
    }

    @Test
    void refusesACursorFromOtherFiltersOrAnotherSort() {
        for (int i = 0; i < 3; i++) {
            create(ALICE, task("t" + i, "TODO", null, null, "home"));
        }
        String cursor = page(ALICE, TaskListRequest.firstPage().withLimit("1")).nextCursor().orElseThrow();
        assertThat(violations(request(null, null, null, null, null, null, "priority").withCursor(cursor)))
                .extracting(Violation::field).containsExactly("cursor");
        assertThat(violations(request(null, "home", null, null, null, null, null).withCursor(cursor)))
                .extracting(Violation::field).containsExactly("cursor");
        assertThat(violations(request(List.of("TODO"), null, null, null, null, null, null).withCursor(cursor)))
                .extracting(Violation::field).containsExactly("cursor");
        String textCursor = page(ALICE, request(null, null, null, null, null, "t", null).withLimit("1"))
                .nextCursor().orElseThrow();
        assertThat(violations(request(null, null, null, null, null, "t1", null).withCursor(textCursor)))
                .extracting(Violation::field).containsExactly("cursor");
        assertThat(violations(request(null, null, null, null, "false", null, null).withCursor(cursor)))
                .extracting(Violation::field).containsExactly("cursor");
        assertThat(violations(request(null, null, "2030-01-01", null, null, null, null).withCursor(cursor)))
                .extracting(Violation::field).containsExactly("cursor");
        assertThat(violations(request(null, null, null, "2000-01-01", null, null, null).withCursor(cursor)))
                .extracting(Violation::field).containsExactly("cursor");
        assertThat(page(ALICE, request(null, null, null, null, null, null, "created").withLimit("1")
                .withCursor(cursor)).tasks()).hasSize(1);
    }

    @Test
    void statusOrderAndRepeatsDoNotChangeTheFilter() {
        for (int i = 0; i < 3; i++) {
            create(ALICE, task("t" + i, "TODO", null, null));
        }
        String cursor = page(ALICE, request(List.of("TODO", "DONE"), null, null, null, null, null, null)
                .withLimit("1")).nextCursor().orElseThrow();
        assertThat(page(ALICE, request(List.of("DONE", "TODO", "TODO"), null, null, null, null, null, null)
                .withLimit("1").withCursor(cursor)).tasks()).hasSize(1);
    }
}
