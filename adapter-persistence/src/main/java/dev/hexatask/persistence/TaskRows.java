package dev.hexatask.persistence;

import dev.hexatask.domain.task.Description;
import dev.hexatask.domain.task.Priority;
import dev.hexatask.domain.task.Tag;
import dev.hexatask.domain.task.Tags;
import dev.hexatask.domain.task.Task;
import dev.hexatask.domain.task.TaskId;
import dev.hexatask.domain.task.TaskStatus;
import dev.hexatask.domain.task.Title;
import dev.hexatask.domain.user.UserId;
import dev.hexatask.persistence.jooq.tables.IdempotencyRecords;
import dev.hexatask.persistence.jooq.tables.Tasks;
import org.jooq.Field;
import org.jooq.Record;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A task's columns, which the tasks table and the idempotency records' snapshot of the created task share, and the
 * mapping between them and the domain's {@link Task}.
 */
record TaskRows(Field<UUID> id, Field<String> owner, Field<String> title, Field<String> description,
                Field<String> status, Field<Short> priorityRank, Field<LocalDate> dueDate, Field<String[]> tags,
                Field<Long> version, Field<OffsetDateTime> createdAt, Field<OffsetDateTime> updatedAt,
                Field<OffsetDateTime> completedAt) {

    static final TaskRows TASKS = of(Tasks.TASKS);
    static final TaskRows SNAPSHOTS = of(IdempotencyRecords.IDEMPOTENCY_RECORDS);

    private static TaskRows of(Tasks t) {
        return new TaskRows(t.ID, t.OWNER, t.TITLE, t.DESCRIPTION, t.STATUS, t.PRIORITY_RANK, t.DUE_DATE, t.TAGS,
                t.VERSION, t.CREATED_AT, t.UPDATED_AT, t.COMPLETED_AT);
    }

    private static TaskRows of(IdempotencyRecords r) {
        return new TaskRows(r.TASK_ID, r.OWNER, r.TITLE, r.DESCRIPTION, r.STATUS, r.PRIORITY_RANK, r.DUE_DATE, r.TAGS,
                r.VERSION, r.TASK_CREATED_AT, r.TASK_UPDATED_AT, r.COMPLETED_AT);
    }

    Field<?>[] all() {
        return new Field<?>[] {id, owner, title, description, status, priorityRank, dueDate, tags, version,
            createdAt, updatedAt, completedAt};
    }

    /** The columns a page of one owner's tasks reads, in this order: every one but the owner, whom the query names. */
    Field<?>[] ownedColumns() {
        return new Field<?>[] {id, title, description, status, priorityRank, dueDate, tags, version, createdAt,
            updatedAt, completedAt};
    }

    /**
     * The task in the current row of a result of {@link #ownedColumns}. Read from the driver's result set, not
     * through jOOQ's records: a page is the one read made on every list request, and a record per row (with a copy
     * of its values and a bit set) and the date read as a {@code java.sql.Date} and converted were about a tenth of
     * the bytes a request allocated; the timestamps are read as {@link TimestampColumns} says. Values are checked as
     * {@link #toTask(Record)} checks them.
     */
    static Task toTask(ResultSet row, TimestampColumns timestamps, UserId owner) throws SQLException {
        Array tagArray = row.getArray(7);
        String[] tagNames = (String[]) tagArray.getArray();
        tagArray.free();
        return task(row.getObject(1, UUID.class), owner, row.getString(2), row.getString(3), row.getString(4),
                row.getObject(5, Short.class), row.getObject(6, LocalDate.class), tagNames, row.getLong(8),
                timestamps.read(row, 9), timestamps.read(row, 10), timestamps.read(row, 11));
    }

    /** Every column's value for the task, for an insert. */
    Map<Field<?>, Object> valuesOf(Task task) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(id, task.id().value());
        values.put(owner, task.owner().value());
        values.putAll(changedValuesOf(task));
        values.put(createdAt, timestamp(task.createdAt()));
        return values;
    }

    /** The columns a revision may change. */
    Map<Field<?>, Object> changedValuesOf(Task task) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(title, task.title().value());
        values.put(description, task.description().map(Description::value).orElse(null));
        values.put(status, task.status().name());
        values.put(priorityRank, (short) task.priority().rank());
        values.put(dueDate, task.dueDate().orElse(null));
        values.put(tags, task.tags().names().toArray(String[]::new));
        values.put(version, task.version());
        values.put(updatedAt, timestamp(task.updatedAt()));
        values.put(completedAt, task.completedAt().map(TaskRows::timestamp).orElse(null));
        return values;
    }

    Task toTask(Record row) {
        return task(row.get(id), UserId.of(row.get(owner)), row.get(title), row.get(description), row.get(status),
                row.get(priorityRank), row.get(dueDate), row.get(tags), row.get(version), instant(row.get(createdAt)),
                instant(row.get(updatedAt)), instant(row.get(completedAt)));
    }

    /** A task from a row's values, however they were read; each is checked as the domain checks it. */
    private static Task task(UUID id, UserId owner, String title, String description, String status,
                             Short priorityRank, LocalDate dueDate, String[] tagNames, long version,
                             Instant createdAt, Instant updatedAt, Instant completedAt) {
        return new Task(
                TaskId.of(id),
                owner,
                Title.of(title),
                Optional.ofNullable(description).map(Description::new),
                TaskStatus.valueOf(status),
                Priority.fromRank(priorityRank),
                Optional.ofNullable(dueDate),
                tagsOf(tagNames),
                version,
                createdAt,
                updatedAt,
                Optional.ofNullable(completedAt));
    }

    /** The stored tags, checked again as {@link Tag#of} checks them, without a stream per row. */
    private static Tags tagsOf(String[] names) {
        Tag[] parsed = new Tag[names.length];
        for (int i = 0; i < names.length; i++) {
            parsed[i] = Tag.of(names[i]);
        }
        return new Tags(List.of(parsed));
    }

    private static Instant instant(OffsetDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
