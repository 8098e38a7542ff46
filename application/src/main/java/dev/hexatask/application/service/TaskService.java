package dev.hexatask.application.service;

import dev.hexatask.application.port.in.CreateTaskCommand;
import dev.hexatask.application.port.in.CreateTaskUseCase;
import dev.hexatask.application.port.in.CreatedTask;
import dev.hexatask.application.port.in.DeleteTaskCommand;
import dev.hexatask.application.port.in.DeleteTaskUseCase;
import dev.hexatask.application.port.in.ExpectedVersion;
import dev.hexatask.application.port.in.GetTaskUseCase;
import dev.hexatask.application.port.in.ListTasksUseCase;
import dev.hexatask.application.port.in.NewTask;
import dev.hexatask.application.port.in.Result;
import dev.hexatask.application.port.in.SummarizeTasksUseCase;
import dev.hexatask.application.port.in.TaskChanges;
import dev.hexatask.application.port.in.TaskListRequest;
import dev.hexatask.application.port.in.TaskPage;
import dev.hexatask.application.port.in.UpdateTaskCommand;
import dev.hexatask.application.port.in.UpdateTaskUseCase;
import dev.hexatask.application.port.out.IdempotencyRecord;
import dev.hexatask.application.port.out.IdempotencyRecords;
import dev.hexatask.application.port.out.IdempotencyRecords.ClaimOutcome;
import dev.hexatask.application.port.out.Profiles;
import dev.hexatask.application.port.out.SortPosition;
import dev.hexatask.application.port.out.TaskCounts;
import dev.hexatask.application.port.out.TaskIdGenerator;
import dev.hexatask.application.port.out.TaskQuery;
import dev.hexatask.application.port.out.Tasks;
import dev.hexatask.application.port.out.Transactions;
import dev.hexatask.domain.task.Description;
import dev.hexatask.domain.task.DueDate;
import dev.hexatask.domain.task.Priority;
import dev.hexatask.domain.task.Tags;
import dev.hexatask.domain.task.Task;
import dev.hexatask.domain.task.TaskDetails;
import dev.hexatask.domain.task.TaskId;
import dev.hexatask.domain.task.TaskStatus;
import dev.hexatask.domain.task.Title;
import dev.hexatask.domain.user.UserId;
import dev.hexatask.domain.user.UserProfile;
import dev.hexatask.domain.validation.DomainValidationException;
import dev.hexatask.domain.validation.Validation;
import dev.hexatask.domain.validation.Violation;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The task use cases. The reads (get, list, summary) run without a transaction, since each is one statement (the
 * summary's time zone lookup and its count need not see the same instant). So do the writes whose one write is a
 * single statement: a create without an idempotency key (one insert), an update and a delete. An update or a delete
 * writes only at the version it read ({@link Tasks#update}, {@link Tasks#delete}), so a change that lands between its
 * read and its write makes the write touch nothing, and the caller gets a version conflict or not found, exactly as
 * inside a transaction at read committed, where the write would wait for that change and then find the version
 * gone. A create with an idempotency key writes twice (the key's record and the task) and runs in one transaction.
 * Bad input comes back as {@link Result.Invalid}. One instance serves every task use case of a composition root.
 */
@Singleton
public final class TaskService implements CreateTaskUseCase, GetTaskUseCase, ListTasksUseCase, UpdateTaskUseCase,
        DeleteTaskUseCase, SummarizeTasksUseCase {

    /** How long a create request's idempotency key is remembered. */
    public static final Duration IDEMPOTENCY_KEY_LIFETIME = Duration.ofHours(24);

    private final Tasks tasks;
    private final Profiles profiles;
    private final IdempotencyRecords idempotencyRecords;
    private final Transactions transactions;
    private final TaskIdGenerator ids;
    private final Clock clock;
    private final TaskListQueries listQueries;

    @Inject
    public TaskService(Tasks tasks, Profiles profiles, IdempotencyRecords idempotencyRecords,
                       Transactions transactions, TaskIdGenerator ids, Clock clock, CursorCodec cursors) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.idempotencyRecords = Objects.requireNonNull(idempotencyRecords, "idempotencyRecords");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listQueries = new TaskListQueries(Objects.requireNonNull(cursors, "cursors"));
    }

    @Override
    public Result<CreatedTask> create(CreateTaskCommand command) {
        Validation validation = new Validation();
        TaskDetails details = validation.check(() -> detailsOf(command.task()));
        String key = command.idempotencyKey()
                .map(raw -> validation.check(() -> IdempotencyKeys.validate(raw)))
                .orElse(null);
        if (!validation.isValid()) {
            return Result.invalid(validation.violations());
        }
        UserId caller = command.caller();
        if (key == null) {
            return transactions.withoutTransaction(() -> {
                Task task = Task.create(ids.next(), caller, details, now());
                tasks.insert(task);
                return Result.success(new CreatedTask(task, false));
            });
        }
        return transactions.inTransaction(() -> {
            Instant now = now();
            Task task = Task.create(ids.next(), caller, details, now);
            String fingerprint = RequestFingerprint.of(details);
            IdempotencyRecord record = new IdempotencyRecord(caller, key, fingerprint, task, now,
                    now.plus(IDEMPOTENCY_KEY_LIFETIME));
            return switch (idempotencyRecords.claim(record, now)) {
                case ClaimOutcome.Claimed claimed -> {
                    tasks.insert(task);
                    yield Result.success(new CreatedTask(task, false));
                }
                case ClaimOutcome.Existing existing -> existing.record().requestFingerprint().equals(fingerprint)
                        ? Result.success(new CreatedTask(existing.record().createdTask(), true))
                        : new Result.IdempotencyKeyReused<>();
                case ClaimOutcome.InFlight inFlight -> new Result.IdempotencyKeyInFlight<>();
            };
        });
    }

    @Override
    public Result<Task> get(UserId caller, String taskId) {
        TaskId id;
        try {
            id = TaskId.parse(taskId);
        } catch (DomainValidationException e) {
            return Result.invalid(e.violations());
        }
        return transactions.withoutTransaction(() -> tasks.find(caller, id)
                .<Result<Task>>map(Result::success)
                .orElseGet(Result::notFound));
    }

    @Override
    public Result<TaskPage> list(UserId caller, TaskListRequest request) {
        return transactions.withoutTransaction(() -> {
            TaskListQueries.Parsed parsed;
            try {
                parsed = listQueries.parse(caller, request, () -> todayFor(caller));
            } catch (DomainValidationException e) {
                return Result.invalid(e.violations());
            }
            TaskQuery query = parsed.query();
            List<Task> found = tasks.list(query);
            int pageSize = parsed.pageSize();
            if (found.size() <= pageSize) {
                return Result.success(new TaskPage(found, Optional.empty()));
            }
            List<Task> page = found.subList(0, pageSize);
            Task last = page.get(pageSize - 1);
            String next = listQueries.cursorAfter(caller, parsed, SortPosition.of(last));
            return Result.success(new TaskPage(page, Optional.of(next)));
        });
    }

    @Override
    public Result<Task> update(UpdateTaskCommand command) {
        Validation validation = new Validation();
        TaskId id = validation.check(() -> TaskId.parse(command.taskId()));
        if (command.expected() instanceof ExpectedVersion.OneOf oneOf
                && oneOf.versions().stream().anyMatch(version -> version < Task.FIRST_VERSION)) {
            validation.add(new Violation("version", "out_of_range", "must be a version the task has had"));
        }
        ParsedChanges changes = validation.check(() -> ParsedChanges.of(command.changes()));
        if (!validation.isValid()) {
            return Result.invalid(validation.violations());
        }
        return transactions.withoutTransaction(() -> {
            Optional<Task> found = tasks.find(command.caller(), id);
            if (found.isEmpty()) {
                return Result.notFound();
            }
            Task current = found.get();
            if (!command.expected().admits(current.version())) {
                return new Result.VersionConflict<>(current.version());
            }
            TaskDetails changed = changes.applyTo(current.details());
            if (changed.equals(current.details())) {
                return Result.success(current);
            }
            Task revised = current.revise(changed, now());
            return switch (tasks.update(revised)) {
                case APPLIED -> Result.success(revised);
                case NOT_FOUND -> Result.notFound();
                case VERSION_CONFLICT -> conflictOrGone(command.caller(), id);
            };
        });
    }

    @Override
    public Result<TaskId> delete(DeleteTaskCommand command) {
        TaskId id;
        try {
            id = TaskId.parse(command.taskId());
        } catch (DomainValidationException e) {
            return Result.invalid(e.violations());
        }
        UserId caller = command.caller();
        return transactions.withoutTransaction(() -> switch (command.expected()) {
            case ExpectedVersion.Any any -> deleteAt(caller, id, OptionalLong.empty());
            case ExpectedVersion.OneOf oneOf when oneOf.versions().size() == 1 ->
                    deleteAt(caller, id, OptionalLong.of(oneOf.versions().iterator().next()));
            case ExpectedVersion.OneOf oneOf -> tasks.find(caller, id)
                    .map(current -> oneOf.admits(current.version())
                            ? deleteAt(caller, id, OptionalLong.of(current.version()))
                            : new Result.VersionConflict<TaskId>(current.version()))
                    .orElseGet(Result::notFound);
        });
    }

    /** One expected version (or none) is checked by the store itself, atomically with the delete. */
    private Result<TaskId> deleteAt(UserId caller, TaskId id, OptionalLong expectedVersion) {
        return switch (tasks.delete(caller, id, expectedVersion)) {
            case APPLIED -> Result.success(id);
            case NOT_FOUND -> Result.notFound();
            case VERSION_CONFLICT -> conflictOrGone(caller, id);
        };
    }

    /** After a write lost on the version: the version to retry against, or not found when the task went away. */
    private <T> Result<T> conflictOrGone(UserId caller, TaskId id) {
        return tasks.find(caller, id)
                .<Result<T>>map(task -> new Result.VersionConflict<>(task.version()))
                .orElseGet(Result::notFound);
    }

    @Override
    public Result<TaskCounts> summarize(UserId caller) {
        return transactions.withoutTransaction(() -> Result.success(tasks.count(caller, todayFor(caller))));
    }

    /** A caller who never saved a profile has the defaults' day; the defaults are {@link UserProfile}'s to say. */
    private LocalDate todayFor(UserId caller) {
        return profiles.find(caller).orElseGet(() -> UserProfile.defaults(caller, clock.instant())).today(clock);
    }

    /** Stores keep microseconds; so does the core, so that what is read back equals what was written. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static TaskDetails detailsOf(NewTask input) {
        Validation validation = new Validation();
        Title title = validation.check(() -> Title.of(input.title()));
        Optional<Description> description = validation.check(() -> Description.optional(input.description()));
        TaskStatus status = input.status() == null ? TaskStatus.TODO
                : validation.check(() -> TaskStatus.parse("status", input.status()));
        Priority priority = input.priority() == null ? Priority.DEFAULT
                : validation.check(() -> Priority.parse(input.priority()));
        Optional<LocalDate> dueDate = validation.check(() -> DueDate.parse("dueDate", input.dueDate()));
        Tags tags = validation.check(() -> Tags.of(input.tags()));
        validation.throwIfInvalid();
        return new TaskDetails(title, description, status, priority, dueDate, tags);
    }

    /** The changes of a partial update, each already checked, ready to apply to a task's current details. */
    private record ParsedChanges(Optional<Title> title, Optional<Optional<Description>> description,
                                 Optional<TaskStatus> status, Optional<Priority> priority,
                                 Optional<Optional<LocalDate>> dueDate, Optional<Tags> tags) {

        static ParsedChanges of(TaskChanges changes) {
            Validation validation = new Validation();
            var title = validation.check(() -> changes.title().apply(Optional.<Title>empty(),
                    value -> Optional.of(Title.of(value))));
            var description = validation.check(() -> changes.description().apply(
                    Optional.<Optional<Description>>empty(), value -> Optional.of(Description.optional(value))));
            var status = validation.check(() -> changes.status().apply(Optional.<TaskStatus>empty(),
                    value -> Optional.of(TaskStatus.parse("status", value))));
            var priority = validation.check(() -> changes.priority().apply(Optional.<Priority>empty(),
                    value -> Optional.of(Priority.parse(value))));
            var dueDate = validation.check(() -> changes.dueDate().apply(Optional.<Optional<LocalDate>>empty(),
                    value -> Optional.of(DueDate.parse("dueDate", value))));
            var tags = validation.check(() -> changes.tags().apply(Optional.<Tags>empty(),
                    value -> Optional.of(value == null ? Tags.NONE : Tags.of(value))));
            validation.throwIfInvalid();
            return new ParsedChanges(title, description, status, priority, dueDate, tags);
        }

        TaskDetails applyTo(TaskDetails current) {
            TaskDetails changed = current;
            changed = title.map(changed::withTitle).orElse(changed);
            changed = description.map(changed::withDescription).orElse(changed);
            changed = status.map(changed::withStatus).orElse(changed);
            changed = priority.map(changed::withPriority).orElse(changed);
            changed = dueDate.map(changed::withDueDate).orElse(changed);
            return tags.map(changed::withTags).orElse(changed);
        }
    }
}
