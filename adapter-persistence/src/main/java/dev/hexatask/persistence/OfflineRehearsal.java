package dev.hexatask.persistence;

import dev.hexatask.application.port.out.TaskQuery;
import dev.hexatask.domain.task.TaskStatus;
import dev.hexatask.domain.user.UserId;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.jooq.tools.jdbc.MockConnection;
import org.jooq.tools.jdbc.MockResult;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static dev.hexatask.persistence.jooq.Tables.CURSOR_SIGNING_KEY;

/**
 * The statements requests run, rendered, bound and fetched once through jOOQ against a stand-in JDBC connection that
 * answers with made-up rows: no database is touched. jOOQ's first use costs a cold start about a third of its time
 * (loading and initialising its query model, renderer and result handling); done this way it needs nothing the
 * start-up is still waiting for, so a Lambda execution environment runs it on one core while the other fetches the
 * database's secret and signs in.
 */
final class OfflineRehearsal {

    private static final UserId NOBODY = UserId.of("offline-rehearsal");
    private static final OffsetDateTime EPOCH = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private OfflineRehearsal() {
    }

    /** Runs the statements; returns their SQL in the order they ran. */
    static List<String> run() {
        AtomicReference<Result<?>> answer = new AtomicReference<>();
        List<String> statements = new CopyOnWriteArrayList<>();
        DSLContext offline = DSL.using(new MockConnection(context -> {
            statements.add(context.sql());
            Result<?> rows = answer.get();
            return new MockResult[] {new MockResult(rows.size(), rows)};
        }), PostgresPersistence.DIALECT, PostgresPersistence.jooqSettings());
        PostgresTasks tasks = new PostgresTasks(offline);

        answer.set(oneTask(offline));
        tasks.list(TaskQuery.all(NOBODY, 21));

        Result<Record1<byte[]>> key = offline.newResult(CURSOR_SIGNING_KEY.SECRET);
        key.add(offline.newRecord(CURSOR_SIGNING_KEY.SECRET).values(new byte[32]));
        answer.set(key);
        new PostgresCursorSecret(offline).read();

        Field<?>[] counts = tasks.countQuery(NOBODY, LocalDate.EPOCH).fields();
        Result<Record> zeros = offline.newResult(counts);
        Record none = offline.newRecord(counts);
        none.fromArray(0, 0, 0, 0);
        zeros.add(none);
        answer.set(zeros);
        tasks.count(NOBODY, LocalDate.EPOCH);
        return List.copyOf(statements);
    }

    /** One row of a page of tasks (the columns the page reads: the owner is the query's), valid as a task. */
    private static Result<Record> oneTask(DSLContext offline) {
        TaskRows rows = TaskRows.TASKS;
        Result<Record> result = offline.newResult(rows.ownedColumns());
        Record row = offline.newRecord(rows.ownedColumns());
        row.set(rows.id(), UUID.fromString("00000000-0000-7000-8000-000000000000"));
        row.set(rows.title(), "rehearsal");
        row.set(rows.status(), TaskStatus.TODO.name());
        row.set(rows.priorityRank(), (short) 2);
        row.set(rows.tags(), List.of("a").toArray(String[]::new));
        row.set(rows.version(), 1L);
        row.set(rows.createdAt(), EPOCH);
        row.set(rows.updatedAt(), EPOCH);
        result.add(row);
        return result;
    }
}
