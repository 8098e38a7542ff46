package dev.hexatask.persistence;

import dev.hexatask.application.port.out.SortPosition;
import dev.hexatask.application.port.out.TaskCounts;
import dev.hexatask.application.port.out.TaskQuery;
import dev.hexatask.application.port.out.Tasks;
import dev.hexatask.application.port.out.WriteOutcome;
import dev.hexatask.domain.task.Task;
import dev.hexatask.domain.task.TaskId;
import dev.hexatask.domain.task.TaskStatus;
import dev.hexatask.domain.user.UserId;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record4;
import org.jooq.ResultQuery;
import org.jooq.SortField;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static dev.hexatask.persistence.jooq.Tables.TASKS;
import static dev.hexatask.persistence.jooq.Tables.TASK_COUNTS;

/** {@link Tasks} in PostgreSQL. Every statement is scoped by the owner. */
public final class PostgresTasks implements Tasks {

    /**
     * Unicode simple case mapping, built into PostgreSQL 17: the text query ignores case the same way whatever the
     * database's locale. The trigram indexes are built on exactly these expressions.
     */
    private static final String CASE_FOLDING_COLLATION = "pg_c_utf8";
    private static final char LIKE_ESCAPE = '\\';
    private static final String DONE = TaskStatus.DONE.name();
    private static final TaskRows ROWS = TaskRows.TASKS;
    /** The API's largest page and one more; a longer list (a test's) grows as it is read. */
    private static final int PRESIZED_PAGE = 101;

    private final DSLContext db;

    public PostgresTasks(DSLContext db) {
        this.db = db;
    }

    @Override
    public Optional<Task> find(UserId owner, TaskId id) {
        return Jooq.run(() -> db.select(ROWS.all()).from(TASKS)
                .where(TASKS.OWNER.eq(owner.value()), TASKS.ID.eq(id.value()))
                .fetchOptional(ROWS::toTask));
    }

    @Override
    public void insert(Task task) {
        Jooq.run(() -> db.insertInto(TASKS).set(ROWS.valuesOf(task)).execute());
    }

    @Override
    public WriteOutcome update(Task revised) {
        return Jooq.run(() -> {
            int updated = db.update(TASKS).set(ROWS.changedValuesOf(revised))
                    .where(TASKS.OWNER.eq(revised.owner().value()), TASKS.ID.eq(revised.id().value()),
                            TASKS.VERSION.eq(revised.version() - 1))
                    .execute();
            return updated == 1 ? WriteOutcome.APPLIED : missingOrConflict(revised.owner(), revised.id());
        });
    }

    @Override
    public WriteOutcome delete(UserId owner, TaskId id, OptionalLong expectedVersion) {
        return Jooq.run(() -> {
            Condition version = expectedVersion.isPresent() ? TASKS.VERSION.eq(expectedVersion.getAsLong())
                    : DSL.noCondition();
            int deleted = db.deleteFrom(TASKS)
                    .where(TASKS.OWNER.eq(owner.value()), TASKS.ID.eq(id.value()), version)
                    .execute();
            return deleted == 1 ? WriteOutcome.APPLIED : missingOrConflict(owner, id);
        });
    }

    /** After a conditional write touched no row: was the task not there, or at another version? */
    private WriteOutcome missingOrConflict(UserId owner, TaskId id) {
        boolean exists = db.fetchExists(TASKS, TASKS.OWNER.eq(owner.value()), TASKS.ID.eq(id.value()));
        return exists ? WriteOutcome.VERSION_CONFLICT : WriteOutcome.NOT_FOUND;
    }

    @Override
    public List<Task> list(TaskQuery query) {
        return Jooq.run(() -> {
            try (ResultSet rows = listQuery(query).fetchResultSet()) {
                TimestampColumns timestamps = TimestampColumns.of(rows);
                List<Task> page = new ArrayList<>(Math.min(query.limit(), PRESIZED_PAGE));
                while (rows.next()) {
                    page.add(TaskRows.toTask(rows, timestamps, query.owner()));
                }
                return page;
            } catch (SQLException e) {
                throw new DataAccessException("a page of tasks could not be read", e);
            }
        });
    }

    @Override
    public TaskCounts count(UserId owner, LocalDate today) {
        return Jooq.run(() -> {
            Record4<Integer, Integer, Integer, Integer> counts = countQuery(owner, today).fetchSingle();
            return new TaskCounts(counts.value1(), counts.value2(), counts.value3(), counts.value4());
        });
    }

    /** The statement {@link #list} runs; the benchmark asks PostgreSQL to EXPLAIN it. */
    ResultQuery<Record> listQuery(TaskQuery query) {
        return db.select(ROWS.ownedColumns()).from(TASKS)
                .where(filters(query))
                .and(query.after().map(after -> after(query, after)).orElse(DSL.noCondition()))
                .orderBy(order(query))
                // Inline, not a bind value: with LIMIT $n PostgreSQL's generic plan assumes a tenth of the user's rows
                // come back, costs more than the plans made for each actual limit, and so the server plans the
                // statement again on every execution (about half of its CPU for a page). The API allows a few page
                // sizes, so each is its own prepared statement, planned once per connection.
                .limit(DSL.inline(query.limit()));
    }

    /**
     * The statement {@link #count} runs: over the user's rows of {@code task_counts}, which triggers keep in step with
     * every write to tasks (one row per status and due date), not over the tasks themselves.
     */
    ResultQuery<Record4<Integer, Integer, Integer, Integer>> countQuery(UserId owner, LocalDate today) {
        return db.select(
                        countOf(TASK_COUNTS.STATUS.eq(TaskStatus.TODO.name())),
                        countOf(TASK_COUNTS.STATUS.eq(TaskStatus.IN_PROGRESS.name())),
                        countOf(TASK_COUNTS.STATUS.eq(DONE)),
                        countOf(TASK_COUNTS.STATUS.ne(DONE).and(TASK_COUNTS.DUE_DATE.lt(today))))
                .from(TASK_COUNTS)
                .where(TASK_COUNTS.OWNER.eq(owner.value()));
    }

    private static Field<Integer> countOf(Condition rows) {
        return DSL.coalesce(DSL.sum(TASK_COUNTS.TASKS).filterWhere(rows), DSL.inline(BigDecimal.ZERO))
                .cast(SQLDataType.INTEGER);
    }

    private static Condition filters(TaskQuery query) {
        Condition condition = TASKS.OWNER.eq(query.owner().value());
        if (!query.statuses().isEmpty()) {
            condition = condition.and(TASKS.STATUS.in(query.statuses().stream().map(TaskStatus::name).toList()));
        }
        if (query.tag().isPresent()) {
            condition = condition.and(TASKS.TAGS.contains(new String[] {query.tag().get().value()}));
        }
        if (query.dueBefore().isPresent()) {
            condition = condition.and(TASKS.DUE_DATE.lt(query.dueBefore().get()));
        }
        if (query.dueAfter().isPresent()) {
            condition = condition.and(TASKS.DUE_DATE.gt(query.dueAfter().get()));
        }
        if (query.overdue().isPresent()) {
            TaskQuery.OverdueFilter filter = query.overdue().get();
            Condition overdue = overdue(filter.today());
            condition = condition.and(filter.overdue() ? overdue : notOverdue(filter.today()));
        }
        if (query.text().isPresent()) {
            Field<String> pattern = folded(DSL.val("%" + escapeLike(query.text().get()) + "%"));
            condition = condition.and(folded(TASKS.TITLE).like(pattern, LIKE_ESCAPE)
                    .or(folded(TASKS.DESCRIPTION).like(pattern, LIKE_ESCAPE)));
        }
        return condition;
    }

    /** {@code Task.isOverdue} in SQL; the contract suite checks the two agree. */
    private static Condition overdue(LocalDate today) {
        return TASKS.STATUS.ne(DONE).and(TASKS.DUE_DATE.lt(today));
    }

    /** The exact complement of {@link #overdue}, spelled out because {@code NOT} of a NULL comparison is NULL. */
    private static Condition notOverdue(LocalDate today) {
        return TASKS.STATUS.eq(DONE).or(TASKS.DUE_DATE.isNull()).or(TASKS.DUE_DATE.ge(today));
    }

    private static Field<String> folded(Field<String> text) {
        return DSL.lower(text.collate(CASE_FOLDING_COLLATION));
    }

    /** The text with LIKE's wildcards and escape character escaped, so that each matches itself. */
    static String escapeLike(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
                escaped.append(LIKE_ESCAPE);
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /** Strictly after the position in the query's order: {@link dev.hexatask.application.port.out.TaskSort#order()}. */
    private static Condition after(TaskQuery query, SortPosition after) {
        return switch (query.sort()) {
            case CREATED -> DSL.row(TASKS.CREATED_AT, TASKS.ID)
                    .lt(TaskRows.timestamp(after.createdAt()), after.id());
            case PRIORITY -> DSL.row(TASKS.PRIORITY_RANK, TASKS.CREATED_AT, TASKS.ID)
                    .lt((short) after.priorityRank(), TaskRows.timestamp(after.createdAt()), after.id());
            // Tasks without a due date come last: after a dated position come later dates and then every undated
            // task; after an undated position come only undated tasks with a greater id.
            case DUE_DATE -> after.dueDate()
                    .map(due -> DSL.row(TASKS.DUE_DATE, TASKS.ID).gt(due, after.id()).or(TASKS.DUE_DATE.isNull()))
                    .orElseGet(() -> TASKS.DUE_DATE.isNull().and(TASKS.ID.gt(after.id())));
        };
    }

    private static List<SortField<?>> order(TaskQuery query) {
        return switch (query.sort()) {
            case CREATED -> List.of(TASKS.CREATED_AT.desc(), TASKS.ID.desc());
            case PRIORITY -> List.of(TASKS.PRIORITY_RANK.desc(), TASKS.CREATED_AT.desc(), TASKS.ID.desc());
            case DUE_DATE -> List.of(TASKS.DUE_DATE.asc().nullsLast(), TASKS.ID.asc());
        };
    }
}
