package dev.hexatask.persistence;

import dev.hexatask.application.port.out.SortPosition;
import dev.hexatask.application.port.out.TaskQuery;
import dev.hexatask.application.port.out.TaskSort;
import dev.hexatask.domain.task.TaskStatus;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The SQL of the page of tasks, rendered by jOOQ once for each shape of query (which filters are set, how many
 * statuses, the order, the kind of position, the page size) rather than on every list request, where rendering
 * took about a fifth of the server's CPU. Each request binds its own values to that SQL. The values' order is
 * spelled out here beside jOOQ's statement; the first time a shape is rendered, the two are compared and a
 * difference fails the request, so that they cannot drift apart unseen (the contract tests render every shape).
 */
final class ListStatements {

    /** Far more than the API's shapes in use; past it, statements are rendered each time rather than kept. */
    private static final int MOST_SHAPES = 1_000;
    private static final String DONE = TaskStatus.DONE.name();

    private final Map<Shape, String> rendered = new ConcurrentHashMap<>();

    /** What the SQL of a query depends on (its values do not). */
    private record Shape(int statuses, boolean tag, boolean dueBefore, boolean dueAfter, int overdue, boolean text,
                         TaskSort sort, int after, int limit) {

        static Shape of(TaskQuery query) {
            int overdue = query.overdue().map(filter -> filter.overdue() ? 1 : 2).orElse(0);
            int after = query.after().map(position -> position.dueDate().isPresent() ? 1 : 2).orElse(0);
            return new Shape(query.statuses().size(), query.tag().isPresent(), query.dueBefore().isPresent(),
                    query.dueAfter().isPresent(), overdue, query.text().isPresent(), query.sort(), after,
                    query.limit());
        }
    }

    /**
     * The query's statement, ready to run: its SQL (rendered by {@code statement} the first time its shape is seen)
     * with the query's values.
     */
    ResultQuery<Record> statement(DSLContext db, TaskQuery query, Supplier<ResultQuery<Record>> statement) {
        Object[] binds = binds(query).toArray();
        Shape shape = Shape.of(query);
        String sql = rendered.get(shape);
        if (sql == null) {
            ResultQuery<Record> jooq = statement.get();
            Object[] expected = jooq.getBindValues().toArray();
            if (!Arrays.deepEquals(binds, expected)) {
                throw new IllegalStateException("the page statement's values are not in jOOQ's order for " + shape);
            }
            sql = db.render(jooq);
            if (rendered.size() < MOST_SHAPES) {
                rendered.putIfAbsent(shape, sql);
            }
        }
        return db.resultQuery(sql, binds).coerce(TaskRows.TASKS.all());
    }

    int shapesKept() {
        return rendered.size();
    }

    /** The values in the order {@code PostgresTasks.listQuery} binds them. */
    static List<Object> binds(TaskQuery query) {
        List<Object> binds = new ArrayList<>(8);
        binds.add(query.owner().value());
        query.statuses().stream().map(TaskStatus::name).forEach(binds::add);
        query.tag().ifPresent(tag -> binds.add(new String[] {tag.value()}));
        query.dueBefore().ifPresent(binds::add);
        query.dueAfter().ifPresent(binds::add);
        query.overdue().ifPresent(filter -> {
            binds.add(DONE);
            binds.add(filter.today());
        });
        query.text().ifPresent(text -> {
            String pattern = "%" + PostgresTasks.escapeLike(text) + "%";
            binds.add(pattern);
            binds.add(pattern);
        });
        query.after().ifPresent(after -> addPosition(binds, query.sort(), after));
        return binds;
    }

    private static void addPosition(List<Object> binds, TaskSort sort, SortPosition after) {
        switch (sort) {
            case CREATED -> {
                binds.add(TaskRows.timestamp(after.createdAt()));
                binds.add(after.id());
            }
            case PRIORITY -> {
                binds.add((short) after.priorityRank());
                binds.add(TaskRows.timestamp(after.createdAt()));
                binds.add(after.id());
            }
            case DUE_DATE -> {
                after.dueDate().ifPresent(binds::add);
                binds.add(after.id());
            }
        }
    }
}
