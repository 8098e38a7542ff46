package dev.hexatask.persistence.testing;

import dev.hexatask.application.port.out.SortPosition;
import dev.hexatask.application.port.out.TaskCounts;
import dev.hexatask.application.port.out.TaskQuery;
import dev.hexatask.application.port.out.TaskSort;
import dev.hexatask.application.port.out.Tasks;
import dev.hexatask.application.port.out.WriteOutcome;
import dev.hexatask.domain.task.Description;
import dev.hexatask.domain.task.Priority;
import dev.hexatask.domain.task.Tag;
import dev.hexatask.domain.task.Tags;
import dev.hexatask.domain.task.Task;
import dev.hexatask.domain.task.TaskStatus;
import dev.hexatask.domain.task.Title;
import dev.hexatask.domain.user.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static dev.hexatask.persistence.testing.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * What every implementation of {@link Tasks} must do. Runs against the in-memory fake and the PostgreSQL adapter,
 * so that the fake the core's tests rely on cannot drift from the real store.
 */
public abstract class TasksContract {

    protected static final UserId ALICE = UserId.of("alice");
    protected static final UserId BOB = UserId.of("bob");
    private static final LocalDate TODAY = LocalDate.parse("2026-03-10");

    protected RepositoryPorts ports;
    protected Tasks tasks;

    /** Ports over an empty store. */
    protected abstract RepositoryPorts freshPorts();

    @BeforeEach
    void startEmpty() {
        ports = freshPorts();
        tasks = ports.tasks();
    }

    // ---- find, insert ------------------------------------------------------------------------------------------

    @Test
    void a_stored_task_is_found_by_its_owner_exactly_as_it_was_stored() {
        Task task = aTask().titled("File the taxes").described("Line one\nline two\ttabbed")
                .status(TaskStatus.DONE).priority(Priority.HIGH).due("2026-04-15").tagged("home", "money-2026")
                .version(3).build();
        tasks.insert(task);

        assertThat(tasks.find(ALICE, task.id())).contains(task);
    }

    @Test
    void a_task_with_only_the_required_fields_round_trips() {
        Task task = aTask().titled("x").build();
        tasks.insert(task);

        assertThat(tasks.find(ALICE, task.id())).contains(task);
    }

    @Test
    void another_users_task_is_never_found() {
        Task task = aTask().ownedBy(BOB).build();
        tasks.insert(task);

        assertThat(tasks.find(ALICE, task.id())).isEmpty();
        assertThat(tasks.find(BOB, task.id())).contains(task);
    }

    @Test
    void an_unknown_id_is_not_found() {
        assertThat(tasks.find(ALICE, TaskBuilder.nextId())).isEmpty();
    }

    @Test
    void inserting_a_second_task_with_an_id_in_use_fails_and_keeps_the_first() {
        Task first = aTask().titled("first").build();
        tasks.insert(first);

        assertThatThrownBy(() -> tasks.insert(aTask().id(first.id()).ownedBy(BOB).titled("second").build()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(tasks.find(ALICE, first.id())).contains(first);
        assertThat(tasks.find(BOB, first.id())).isEmpty();
    }

    // ---- update ------------------------------------------------------------------------------------------------

    @Test
    void an_update_from_the_stored_version_is_applied() {
        Task task = aTask().build();
        tasks.insert(task);
        Task revised = task.revise(task.details().withTitle(Title.of("Water the garden"))
                .withDescription(Optional.of(new Description("all of it")))
                .withStatus(TaskStatus.DONE).withPriority(Priority.LOW)
                .withDueDate(Optional.of(LocalDate.parse("2026-05-01"))).withTags(Tags.of(List.of("garden"))),
                task.createdAt().plusSeconds(30));

        assertThat(tasks.update(revised)).isEqualTo(WriteOutcome.APPLIED);
        assertThat(tasks.find(ALICE, task.id())).contains(revised);
    }

    @Test
    void an_update_can_clear_the_optional_fields() {
        Task task = aTask().described("text").due("2026-04-01").tagged("a", "b").status(TaskStatus.DONE).build();
        tasks.insert(task);
        Task revised = task.revise(task.details().withDescription(Optional.empty()).withDueDate(Optional.empty())
                .withTags(Tags.NONE).withStatus(TaskStatus.TODO), task.updatedAt().plusSeconds(1));

        assertThat(tasks.update(revised)).isEqualTo(WriteOutcome.APPLIED);
        assertThat(tasks.find(ALICE, task.id())).contains(revised);
    }

    @Test
    void an_update_from_another_version_is_a_conflict_and_changes_nothing() {
        Task task = aTask().build();
        tasks.insert(task);
        Task second = task.revise(task.details().withTitle(Title.of("second")), task.createdAt());
        tasks.update(second);

        Task stale = task.revise(task.details().withTitle(Title.of("stale")), task.createdAt());
        assertThat(tasks.update(stale)).isEqualTo(WriteOutcome.VERSION_CONFLICT);
        Task skipping = second.revise(second.details(), second.updatedAt()).revise(
                second.details().withTitle(Title.of("skipping")), second.updatedAt());
        assertThat(tasks.update(skipping)).isEqualTo(WriteOutcome.VERSION_CONFLICT);
        assertThat(tasks.find(ALICE, task.id())).contains(second);
    }

    @Test
    void updating_a_missing_task_is_not_found() {
        Task never = aTask().build();
        Task revised = never.revise(never.details().withTitle(Title.of("ghost")), never.createdAt());

        assertThat(tasks.update(revised)).isEqualTo(WriteOutcome.NOT_FOUND);
        assertThat(tasks.find(ALICE, never.id())).isEmpty();
    }

    @Test
    void updating_another_users_task_is_not_found_and_leaves_it_alone() {
        Task bobs = aTask().ownedBy(BOB).build();
        tasks.insert(bobs);
        Task asAlice = aTask().id(bobs.id()).ownedBy(ALICE).build();
        Task hijack = asAlice.revise(asAlice.details().withTitle(Title.of("mine now")), asAlice.createdAt());

        assertThat(tasks.update(hijack)).isEqualTo(WriteOutcome.NOT_FOUND);
        assertThat(tasks.find(BOB, bobs.id())).contains(bobs);
    }

    // ---- delete ------------------------------------------------------------------------------------------------

    @Test
    void a_deleted_task_is_gone() {
        Task task = aTask().build();
        tasks.insert(task);

        assertThat(tasks.delete(ALICE, task.id(), OptionalLong.empty())).isEqualTo(WriteOutcome.APPLIED);
        assertThat(tasks.find(ALICE, task.id())).isEmpty();
        assertThat(tasks.delete(ALICE, task.id(), OptionalLong.empty())).isEqualTo(WriteOutcome.NOT_FOUND);
    }

    @Test
    void a_delete_at_the_expected_version_is_applied_and_at_another_is_a_conflict() {
        Task task = aTask().version(4).build();
        tasks.insert(task);

        assertThat(tasks.delete(ALICE, task.id(), OptionalLong.of(3))).isEqualTo(WriteOutcome.VERSION_CONFLICT);
        assertThat(tasks.find(ALICE, task.id())).contains(task);
        assertThat(tasks.delete(ALICE, task.id(), OptionalLong.of(4))).isEqualTo(WriteOutcome.APPLIED);
        assertThat(tasks.find(ALICE, task.id())).isEmpty();
    }

    @Test
    void deleting_a_missing_task_with_a_version_is_not_found_rather_than_a_conflict() {
        assertThat(tasks.delete(ALICE, TaskBuilder.nextId(), OptionalLong.of(1))).isEqualTo(WriteOutcome.NOT_FOUND);
    }

    @Test
    void deleting_another_users_task_is_not_found_and_leaves_it_alone() {
        Task bobs = aTask().ownedBy(BOB).build();
        tasks.insert(bobs);

        assertThat(tasks.delete(ALICE, bobs.id(), OptionalLong.empty())).isEqualTo(WriteOutcome.NOT_FOUND);
        assertThat(tasks.delete(ALICE, bobs.id(), OptionalLong.of(1))).isEqualTo(WriteOutcome.NOT_FOUND);
        assertThat(tasks.find(BOB, bobs.id())).contains(bobs);
    }
    @Test
    void a_listed_task_is_exactly_as_it_was_stored_as_a_found_one_is() {
        Task full = aTask().titled("File the taxes ✓").described("Line one\nline two\ttabbed")
                .status(TaskStatus.DONE).priority(Priority.HIGH).due("2026-04-15").tagged("home", "money-2026", "x")
                .version(3).build();
        Task bare = aTask().titled("x").createdMinutesAfterT0(1).build();
        tasks.insert(full);
        tasks.insert(bare);
        tasks.insert(aTask().ownedBy(BOB).titled("bob's").build());

        assertThat(tasks.list(TaskQuery.all(ALICE, 10))).containsExactly(bare, full);
    }

    // ---- list: sorts and keyset pages --------------------------------------------------------------------------

    /**
     * Alice's tasks with ties on every sort key (same creation instant, same priority, same due date), tasks
     * without a due date, and Bob's tasks mixed in.
     */
    private List<Task> storeSortingFixture() {
        List<Task> alices = new ArrayList<>();
        String[] dueDates = {"2026-03-05", null, "2026-03-05", "2026-03-20", null, "1900-01-01", "9999-12-31",
            "2026-03-05", null, "2026-03-20", "2026-03-09", null, "2026-03-10", "2026-03-11"};
        for (int i = 0; i < 28; i++) {
            Task task = aTask()
                    .titled("task " + i)
                    .createdMinutesAfterT0(i % 4 == 0 ? 0 : i / 3)
                    .priority(Priority.values()[i % 3 == 0 ? 2 : i % 2])
                    .status(TaskStatus.values()[i % 3])
                    .due(dueDates[i % dueDates.length] == null ? null : LocalDate.parse(dueDates[i % dueDates.length]))
                    .tagged(i % 2 == 0 ? "even" : "odd")
                    .build();
            alices.add(task);
            tasks.insert(task);
            tasks.insert(aTask().ownedBy(BOB).titled("bob " + i).createdMinutesAfterT0(i % 5)
                    .due(i % 2 == 0 ? "2026-03-05" : null).build());
        }
        return alices;
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> sortsAndPageSizes() {
        return Stream.of(TaskSort.values()).flatMap(sort -> Stream.of(1, 3, 10, 100).map(size -> arguments(sort, size)));
    }

    @ParameterizedTest(name = "{0}, pages of {1}")
    @MethodSource("sortsAndPageSizes")
    void walking_the_pages_of_a_sort_visits_every_task_once_in_the_sorts_order(TaskSort sort, int pageSize) {
        List<Task> alices = storeSortingFixture();

        List<Task> walked = walk(query(sort), pageSize);

        assertThat(walked).containsExactlyElementsOf(sorted(alices, sort));
    }

    @ParameterizedTest
    @EnumSource(TaskSort.class)
    void a_page_starts_strictly_after_the_position_given(TaskSort sort) {
        List<Task> expected = sorted(storeSortingFixture(), sort);
        for (int i = 0; i < expected.size(); i++) {
            SortPosition after = SortPosition.of(expected.get(i));
            List<Task> rest = tasks.list(withAfter(query(sort), after, 1000));
            assertThat(rest).as("after position %d", i).containsExactlyElementsOf(expected.subList(i + 1, expected.size()));
        }
    }

    @ParameterizedTest
    @EnumSource(TaskSort.class)
    void a_position_between_stored_tasks_continues_at_the_next_one(TaskSort sort) {
        List<Task> expected = sorted(storeSortingFixture(), sort);
        Task pivot = expected.get(expected.size() / 2);
        SortPosition between = new SortPosition(pivot.createdAt(), pivot.dueDate(), pivot.priority().rank(),
                TaskBuilder.nextId().value());

        List<Task> rest = tasks.list(withAfter(query(sort), between, 1000));

        Comparator<SortPosition> order = sort.order();
        assertThat(rest).containsExactlyElementsOf(expected.stream()
                .filter(task -> order.compare(SortPosition.of(task), between) > 0).toList());
    }

    @Test
    void the_limit_bounds_the_page() {
        storeSortingFixture();

        assertThat(tasks.list(TaskQuery.all(ALICE, 5))).hasSize(5);
        assertThat(tasks.list(TaskQuery.all(ALICE, 1000))).hasSize(28);
    }

    @Test
    void a_user_without_tasks_gets_an_empty_page() {
        storeSortingFixture();

        assertThat(tasks.list(TaskQuery.all(UserId.of("carol"), 10))).isEmpty();
    }

    // ---- list: filters -----------------------------------------------------------------------------------------

    @Test
    void every_filter_narrows_the_list_as_documented() {
        List<Task> alices = storeSortingFixture();
        Task described = aTask().titled("Plain").described("Renew the PASSPORT at 50% off_peak \\ hours").build();
        tasks.insert(described);
        alices.add(described);

        assertFilter(alices, q -> q.statuses(Set.of(TaskStatus.DONE)), t -> t.status() == TaskStatus.DONE);
        assertFilter(alices, q -> q.statuses(EnumSet.of(TaskStatus.TODO, TaskStatus.IN_PROGRESS)),
                t -> t.status().isOpen());
        assertFilter(alices, q -> q.tag(Tag.of("even")), t -> t.tags().contains(Tag.of("even")));
        assertFilter(alices, q -> q.tag(Tag.of("nowhere")), t -> false);
        assertFilter(alices, q -> q.dueBefore(LocalDate.parse("2026-03-10")),
                t -> t.dueDate().filter(d -> d.isBefore(LocalDate.parse("2026-03-10"))).isPresent());
        assertFilter(alices, q -> q.dueAfter(LocalDate.parse("2026-03-10")),
                t -> t.dueDate().filter(d -> d.isAfter(LocalDate.parse("2026-03-10"))).isPresent());
        assertFilter(alices, q -> q.dueAfter(LocalDate.parse("2026-03-05")).dueBefore(LocalDate.parse("2026-03-20")),
                t -> t.dueDate().filter(d -> d.isAfter(LocalDate.parse("2026-03-05"))
                        && d.isBefore(LocalDate.parse("2026-03-20"))).isPresent());
        assertFilter(alices, q -> q.overdue(true), t -> t.isOverdue(TODAY));
        assertFilter(alices, q -> q.overdue(false), t -> !t.isOverdue(TODAY));
        assertFilter(alices, q -> q.text("passport"), t -> t == described);
        assertFilter(alices, q -> q.text("50% OFF_PEAK \\"), t -> t == described);
        assertFilter(alices, q -> q.text("TASK 1"), t -> t.title().value().startsWith("task 1"));
        assertFilter(alices, q -> q.text("%"), t -> t == described);
        assertFilter(alices, q -> q.text("_"), t -> t == described);
        assertFilter(alices, q -> q.text("\\"), t -> t == described);
        assertFilter(alices, q -> q.text("50_"), t -> false);
        assertFilter(alices, q -> q.text("t%k"), t -> false);
        assertFilter(alices, q -> q.statuses(Set.of(TaskStatus.TODO)).tag(Tag.of("odd")).text("task")
                        .dueBefore(LocalDate.parse("2026-03-21")).overdue(false),
                t -> t.status() == TaskStatus.TODO && t.tags().contains(Tag.of("odd"))
                        && t.dueDate().filter(d -> d.isBefore(LocalDate.parse("2026-03-21"))).isPresent()
                        && !t.isOverdue(TODAY));
    }

    @ParameterizedTest
    @EnumSource(TaskSort.class)
    void filtered_pages_walk_the_filtered_list_once(TaskSort sort) {
        List<Task> alices = storeSortingFixture();
        QueryBuilder filtered = query(sort).statuses(EnumSet.of(TaskStatus.TODO, TaskStatus.DONE)).text("TASK");

        assertThat(walk(filtered, 4)).containsExactlyElementsOf(sorted(alices.stream()
                .filter(t -> t.status() != TaskStatus.IN_PROGRESS).toList(), sort));
    }

    // ---- count -------------------------------------------------------------------------------------------------

    /** The store's overdue count is {@link Task#isOverdue}, the domain's definition, applied to the owner's tasks. */
    @Test
    void counts_are_by_status_with_the_open_tasks_due_before_today_as_overdue() {
        List<Task> alices = List.of(aTask().status(TaskStatus.TODO).due(TODAY.minusDays(1)).build(),
                aTask().status(TaskStatus.TODO).due(TODAY).build(),
                aTask().status(TaskStatus.TODO).build(),
                aTask().status(TaskStatus.IN_PROGRESS).due(LocalDate.parse("1900-01-01")).build(),
                aTask().status(TaskStatus.IN_PROGRESS).due(TODAY.plusDays(1)).build(),
                aTask().status(TaskStatus.DONE).due(TODAY.minusDays(5)).build());
        alices.forEach(tasks::insert);
        tasks.insert(aTask().ownedBy(BOB).status(TaskStatus.TODO).due(TODAY.minusDays(1)).build());

        assertThat(tasks.count(ALICE, TODAY)).isEqualTo(new TaskCounts(3, 2, 1, 2));
        for (LocalDate today : List.of(TODAY.minusDays(5), TODAY, TODAY.plusDays(1), TODAY.plusDays(2))) {
            assertThat(tasks.count(ALICE, today).overdue()).as("overdue on %s", today)
                    .isEqualTo(alices.stream().filter(task -> task.isOverdue(today)).count());
        }
        assertThat(tasks.count(BOB, TODAY)).isEqualTo(new TaskCounts(1, 0, 0, 1));
        assertThat(tasks.count(UserId.of("carol"), TODAY)).isEqualTo(new TaskCounts(0, 0, 0, 0));
    }

    @Test
    void counts_follow_every_change_of_status_or_due_date_and_every_delete() {
        Task overdue = aTask().status(TaskStatus.TODO).due(TODAY.minusDays(1)).build();
        Task undated = aTask().status(TaskStatus.IN_PROGRESS).build();
        tasks.insert(overdue);
        tasks.insert(undated);
        assertThat(tasks.count(ALICE, TODAY)).isEqualTo(new TaskCounts(1, 1, 0, 1));

        tasks.update(overdue.revise(overdue.details().withStatus(TaskStatus.DONE), overdue.updatedAt()));
        Task dated = undated.revise(undated.details().withDueDate(Optional.of(TODAY.minusDays(2))),
                undated.updatedAt());
        tasks.update(dated);
        assertThat(tasks.count(ALICE, TODAY)).isEqualTo(new TaskCounts(0, 1, 1, 1));

        tasks.update(dated.revise(dated.details().withTitle(Title.of("Renamed")), dated.updatedAt()));
        assertThat(tasks.count(ALICE, TODAY)).as("a change of title changes no count")
                .isEqualTo(new TaskCounts(0, 1, 1, 1));

        tasks.delete(ALICE, undated.id(), OptionalLong.empty());
        assertThat(tasks.count(ALICE, TODAY)).isEqualTo(new TaskCounts(0, 0, 1, 0));
        assertThat(tasks.count(ALICE, TODAY.minusDays(10))).isEqualTo(new TaskCounts(0, 0, 1, 0));
    }

    @Test
    void a_rolled_back_write_leaves_the_counts_as_they_were() {
        tasks.insert(aTask().status(TaskStatus.TODO).build());

        assertThatThrownBy(() -> ports.transactions().inTransaction(() -> {
            tasks.insert(aTask().status(TaskStatus.TODO).build());
            tasks.insert(aTask().status(TaskStatus.DONE).due(TODAY.minusDays(1)).build());
            throw new IllegalStateException("the use case failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(tasks.count(ALICE, TODAY)).isEqualTo(new TaskCounts(1, 0, 0, 0));
    }

    // ---- transactions ------------------------------------------------------------------------------------------

    @Test
    void work_that_throws_leaves_nothing_written() {
        Task kept = aTask().titled("kept").build();
        tasks.insert(kept);
        Task added = aTask().titled("added").build();
        RuntimeException failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> ports.transactions().inTransaction(() -> {
            tasks.insert(added);
            tasks.update(kept.revise(kept.details().withTitle(Title.of("changed")), kept.createdAt()));
            tasks.delete(ALICE, kept.id(), OptionalLong.empty());
            throw failure;
        })).isSameAs(failure);

        assertThat(tasks.find(ALICE, added.id())).isEmpty();
        assertThat(tasks.find(ALICE, kept.id())).contains(kept);
    }

    @Test
    void work_that_returns_is_committed_and_its_value_returned() {
        Task task = aTask().build();

        String value = ports.transactions().inTransaction(() -> {
            tasks.insert(task);
            return "done";
        });

        assertThat(value).isEqualTo("done");
        assertThat(tasks.find(ALICE, task.id())).contains(task);
    }

    @Test
    void a_transaction_sees_its_own_writes() {
        Task task = aTask().build();

        Optional<Task> seen = ports.transactions().inTransaction(() -> {
            tasks.insert(task);
            return tasks.find(ALICE, task.id());
        });

        assertThat(seen).contains(task);
    }

    // ---- naughty strings ---------------------------------------------------------------------------------------

    @Test
    void every_title_the_domain_accepts_round_trips_byte_for_byte() {
        List<Task> stored = new ArrayList<>();
        for (String text : NaughtyStrings.all()) {
            if (Accepts.title(text)) {
                Task task = aTask().titled(text).build();
                tasks.insert(task);
                stored.add(task);
            }
        }
        assertThat(stored).hasSizeGreaterThan(400);
        for (Task task : stored) {
            Task found = tasks.find(ALICE, task.id()).orElseThrow();
            assertThat(Accepts.utf8(found.title().value())).as("title %s", task.title().value())
                    .isEqualTo(Accepts.utf8(task.title().value()));
        }
        assertThat(walk(query(TaskSort.CREATED), 100)).hasSameSizeAs(stored);
    }

    @Test
    void every_description_the_domain_accepts_round_trips_byte_for_byte() {
        List<Task> stored = new ArrayList<>();
        for (String text : NaughtyStrings.all()) {
            Optional<Description> description = Accepts.description(text);
            if (description.isPresent()) {
                Task task = aTask().described(description.get().value()).build();
                tasks.insert(task);
                stored.add(task);
            }
        }
        assertThat(stored).hasSizeGreaterThan(400);
        for (Task task : stored) {
            Task found = tasks.find(ALICE, task.id()).orElseThrow();
            assertThat(Accepts.utf8(found.description().orElseThrow().value()))
                    .isEqualTo(Accepts.utf8(task.description().orElseThrow().value()));
        }
    }

    @Test
    void every_tag_the_domain_accepts_filters_exactly_the_tasks_carrying_it() {
        List<Tag> accepted = NaughtyStrings.all().stream().flatMap(text -> Accepts.tag(text).stream()).distinct()
                .toList();
        assertThat(accepted).isNotEmpty();
        List<Task> stored = new ArrayList<>();
        for (Tag tag : accepted) {
            Task task = aTask().tagged(tag.value()).build();
            tasks.insert(task);
            stored.add(task);
        }
        for (int i = 0; i < accepted.size(); i++) {
            Tag tag = accepted.get(i);
            assertThat(tasks.list(query(TaskSort.CREATED).tag(tag).build(1000)))
                    .as("tag %s", tag).containsExactly(stored.get(i));
        }
    }

    @Test
    void every_text_query_the_domain_accepts_matches_literally_and_ignoring_case() {
        List<Task> stored = new ArrayList<>();
        for (String text : NaughtyStrings.all()) {
            if (Accepts.title(text)) {
                Task task = aTask().titled(text).build();
                tasks.insert(task);
                stored.add(task);
            }
        }
        List<String> mismatches = new ArrayList<>();
        for (String text : NaughtyStrings.all()) {
            Optional<String> needle = Accepts.textQuery(text);
            if (needle.isEmpty()) {
                continue;
            }
            List<Task> expected = sorted(stored.stream()
                    .filter(t -> CaseFolding.contains(t.title().value(), needle.get())).toList(), TaskSort.CREATED);
            List<Task> found = tasks.list(query(TaskSort.CREATED).text(needle.get()).build(1000));
            if (!found.equals(expected)) {
                mismatches.add(needle.get() + " -> found " + titles(found) + ", expected " + titles(expected));
            }
            if (Accepts.title(text) && !found.stream().anyMatch(t -> t.title().value().equals(needle.get()))) {
                mismatches.add(needle.get() + " does not find its own task");
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /**
     * Case is ignored code point by code point (Unicode simple case mapping, see {@link CaseFolding}), the same in
     * every language: no Turkish dotted I, no final sigma, no ß to SS.
     */
    @Test
    void the_text_query_ignores_case_by_simple_case_mapping() {
        Task turkish = aTask().titled("İSTANBUL").build();
        Task greek = aTask().titled("ΟΔΟΣ").build();
        Task german = aTask().titled("STRASSE").build();
        Task cyrillic = aTask().titled("Привет МИР").build();
        Task digraph = aTask().titled("ǅemal").build();
        for (Task task : List.of(turkish, greek, german, cyrillic, digraph)) {
            tasks.insert(task);
        }

        assertThat(textQuery("istanbul")).containsExactly(turkish);
        assertThat(textQuery("i\u0307stanbul")).isEmpty();
        assertThat(textQuery("οδοσ")).containsExactly(greek);
        assertThat(textQuery("οδος")).isEmpty();
        assertThat(textQuery("straße")).isEmpty();
        assertThat(textQuery("strasse")).containsExactly(german);
        assertThat(textQuery("мир")).containsExactly(cyrillic);
        assertThat(textQuery("ǆEMAL")).containsExactly(digraph);
    }

    private List<Task> textQuery(String text) {
        return tasks.list(query(TaskSort.CREATED).text(text).build(100));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private void assertFilter(List<Task> alices, java.util.function.UnaryOperator<QueryBuilder> filter,
                              Predicate<Task> expected) {
        for (TaskSort sort : TaskSort.values()) {
            QueryBuilder query = filter.apply(query(sort));
            List<Task> wanted = sorted(alices.stream().filter(expected).toList(), sort);
            assertThat(tasks.list(query.build(1000))).as("%s", query).containsExactlyElementsOf(wanted);
            assertThat(walk(query, 2)).as("%s in pages of 2", query).containsExactlyElementsOf(wanted);
        }
    }

    private List<Task> walk(QueryBuilder query, int pageSize) {
        List<Task> walked = new ArrayList<>();
        Optional<SortPosition> after = Optional.empty();
        for (int pages = 0; pages < 10_000; pages++) {
            List<Task> page = tasks.list(query.after(after).build(pageSize));
            assertThat(page.size()).isLessThanOrEqualTo(pageSize);
            walked.addAll(page);
            if (page.size() < pageSize) {
                return walked;
            }
            after = Optional.of(SortPosition.of(page.getLast()));
        }
        throw new AssertionError("the pages never ended");
    }

    private static TaskQuery withAfter(QueryBuilder query, SortPosition after, int limit) {
        return query.after(Optional.of(after)).build(limit);
    }

    private static List<Task> sorted(List<Task> list, TaskSort sort) {
        return list.stream().sorted(Comparator.comparing(SortPosition::of, sort.order())).toList();
    }

    private static List<String> titles(List<Task> list) {
        return list.stream().map(t -> t.title().value()).toList();
    }

    private static QueryBuilder query(TaskSort sort) {
        return new QueryBuilder(ALICE, sort);
    }

    /** A {@link TaskQuery} under construction, immutable. */
    protected record QueryBuilder(UserId owner, TaskSort sort, Set<TaskStatus> statuses, Optional<Tag> tag,
                                  Optional<LocalDate> dueBefore, Optional<LocalDate> dueAfter,
                                  Optional<TaskQuery.OverdueFilter> overdue, Optional<String> text,
                                  Optional<SortPosition> after) {

        QueryBuilder(UserId owner, TaskSort sort) {
            this(owner, sort, Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }

        QueryBuilder statuses(Set<TaskStatus> value) {
            return new QueryBuilder(owner, sort, value, tag, dueBefore, dueAfter, overdue, text, after);
        }

        QueryBuilder tag(Tag value) {
            return new QueryBuilder(owner, sort, statuses, Optional.of(value), dueBefore, dueAfter, overdue, text,
                    after);
        }

        QueryBuilder dueBefore(LocalDate value) {
            return new QueryBuilder(owner, sort, statuses, tag, Optional.of(value), dueAfter, overdue, text, after);
        }

        QueryBuilder dueAfter(LocalDate value) {
            return new QueryBuilder(owner, sort, statuses, tag, dueBefore, Optional.of(value), overdue, text, after);
        }

        QueryBuilder overdue(boolean value) {
            return new QueryBuilder(owner, sort, statuses, tag, dueBefore, dueAfter,
                    Optional.of(new TaskQuery.OverdueFilter(value, TODAY)), text, after);
        }

        QueryBuilder text(String value) {
            return new QueryBuilder(owner, sort, statuses, tag, dueBefore, dueAfter, overdue, Optional.of(value),
                    after);
        }

        QueryBuilder after(Optional<SortPosition> value) {
            return new QueryBuilder(owner, sort, statuses, tag, dueBefore, dueAfter, overdue, text, value);
        }

        TaskQuery build(int limit) {
            return new TaskQuery(owner, statuses, tag, dueBefore, dueAfter, overdue, text, sort, after, limit);
        }
    }
}
