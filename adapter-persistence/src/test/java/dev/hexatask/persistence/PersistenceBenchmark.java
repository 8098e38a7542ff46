package dev.hexatask.persistence;

import dev.hexatask.application.port.in.Result;
import dev.hexatask.application.port.in.TaskListRequest;
import dev.hexatask.application.port.in.TaskPage;
import dev.hexatask.application.port.out.SortPosition;
import dev.hexatask.application.port.out.TaskQuery;
import dev.hexatask.application.port.out.TaskSort;
import dev.hexatask.application.service.CursorCodec;
import dev.hexatask.application.service.TaskService;
import dev.hexatask.application.support.TimeOrderedTaskIds;
import dev.hexatask.domain.task.Task;
import dev.hexatask.domain.user.UserId;
import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TestDatabase;
import org.jooq.ResultQuery;
import org.jooq.conf.ParamType;

import dev.hexatask.application.port.out.DatabaseCredentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Measures the list and summary queries on 100,000 tasks of one user among 200,000, through the use cases on the
 * PostgreSQL adapter, and shows each query's plan. Not a test: run it with
 * {@code ./mvnw -q -pl adapter-persistence -am -Pbenchmark test-compile} (uses TEST_DATABASE_URL when set, else
 * an embedded PostgreSQL 17).
 */
public final class PersistenceBenchmark {

    private static final UserId ALICE = UserId.of("alice");
    private static final int ALICES_TASKS = 100_000;
    private static final int OTHER_USERS = 100;
    private static final int TASKS_PER_OTHER_USER = 1_000;
    private static final int WARM_UP_RUNS = 20;
    private static final int RUNS = 200;
    private static final int DEEP_PAGE = 50;
    private static final String TEXT_QUERY = "invoice";
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

    private static final String[] VERBS = {"Call", "Email", "Review", "Pay", "Book", "Plan", "Fix", "Write", "Read",
        "Clean", "Order", "Check", "Send", "Prepare", "Update", "Cancel", "Renew", "Ask about", "Print", "Sort"};
    private static final String[] THINGS = {"the report", "the garden", "the car", "flights", "the dentist",
        "the budget", "the slides", "the roof", "the taxes", "groceries", "the contract", "the newsletter",
        "the backups", "the insurance", "the lease", "the invoice", "the kitchen", "the website", "the team lunch",
        "the passport", "the library books", "the bike", "the boiler", "the school form", "the parcel"};
    private static final String[] SENTENCES = {"Ask Sam first.", "Needs the signed copy.", "See the email thread.",
        "Before the end of the month.", "Keep the receipt.", "Bring the blue folder.", "Check the numbers twice.",
        "Only on weekdays.", "Call back if nobody answers.", "Attach the photos."};
    private static final String[] TAGS = {"home", "work", "money", "health", "errands", "family", "urgent", "later"};

    private PersistenceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        TestDatabase database = PostgresTestDatabase.createDatabase();
        try (PostgresPersistence persistence = database.start(database.settings())) {
            seed(database);
            PostgresTasks tasks = (PostgresTasks) persistence.tasks();
            TaskService service = new TaskService(tasks, persistence.profiles(), persistence.idempotencyRecords(),
                    persistence.transactions(), new TimeOrderedTaskIds(Clock.systemUTC()),
                    Clock.fixed(NOW, ZoneOffset.UTC), new CursorCodec(persistence.cursorSecret().read()));

            System.out.println("PostgreSQL " + scalar(database, "show server_version") + ", Java "
                    + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                    + ALICES_TASKS + " tasks of one user + " + OTHER_USERS * TASKS_PER_OTHER_USER + " of "
                    + OTHER_USERS + " others; p50/p99 of " + RUNS + " runs after " + WARM_UP_RUNS + " warm-up runs; "
                    + "load average " + loadAverage());
            System.out.println();

            TaskListRequest firstPage = TaskListRequest.firstPage();
            measure("first page (20, newest first)", () -> service.list(ALICE, firstPage));
            explain(database, tasks.listQuery(TaskQuery.all(ALICE, 21)));

            String cursor = firstPage.cursor();
            Task lastOfPreviousPage = null;
            TaskListRequest request = firstPage;
            for (int page = 1; page < DEEP_PAGE; page++) {
                TaskPage result = success(service.list(ALICE, request));
                lastOfPreviousPage = result.tasks().getLast();
                cursor = result.nextCursor().orElseThrow();
                request = firstPage.withCursor(cursor);
            }
            TaskListRequest deep = request;
            measure("page " + DEEP_PAGE + " by cursor", () -> service.list(ALICE, deep));
            explain(database, tasks.listQuery(new TaskQuery(ALICE, Set.of(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), TaskSort.CREATED,
                    Optional.of(SortPosition.of(lastOfPreviousPage)), 21)));

            TaskListRequest text = new TaskListRequest(List.of(), null, null, null, null, TEXT_QUERY, null, null,
                    null);
            measure("text query \"" + TEXT_QUERY + "\" (first page)", () -> service.list(ALICE, text));
            explain(database, tasks.listQuery(new TaskQuery(ALICE, Set.of(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.of(TEXT_QUERY), TaskSort.CREATED, Optional.empty(),
                    21)));

            measure("summary (counts by status, overdue)", () -> service.summarize(ALICE));
            explain(database, tasks.countQuery(ALICE, LocalDate.ofInstant(NOW, ZoneOffset.UTC)));
            // The user owns half the table, so the planner reads it whole; this shows what the index would cost.
            explainWith(database, tasks.countQuery(ALICE, LocalDate.ofInstant(NOW, ZoneOffset.UTC)),
                    "set enable_seqscan = off; set max_parallel_workers_per_gather = 0");
        } finally {
            PostgresTestDatabase.dropDatabase(database);
        }
    }

    private static void measure(String name, Supplier<Result<?>> work) {
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            success(work.get());
        }
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            success(work.get());
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("%-40s p50 %7.2f ms   p99 %7.2f ms%n", name, millis(nanos[RUNS / 2 - 1]),
                millis(nanos[(int) Math.ceil(RUNS * 0.99) - 1]));
    }

    /** The machine's load when measuring: figures from a busy machine say so. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    @SuppressWarnings("unchecked")
    private static <T> T success(Result<?> result) {
        if (!(result instanceof Result.Success<?> success)) {
            throw new IllegalStateException("the use case failed: " + result);
        }
        return (T) success.value();
    }

    private static void explain(TestDatabase database, ResultQuery<?> query) throws SQLException {
        explainWith(database, query, null);
    }

    private static void explainWith(TestDatabase database, ResultQuery<?> query, String settings)
            throws SQLException {
        String sql = "explain (analyze, buffers) " + query.getSQL(ParamType.INLINED);
        List<String> plan = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            if (settings != null) {
                statement.execute(settings);
                System.out.println("  with " + settings + ":");
            }
            try (ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    plan.add(rows.getString(1));
                }
            }
        }
        boolean usesIndex = plan.stream().anyMatch(line -> line.contains("Index"));
        boolean scansTable = plan.stream().anyMatch(line -> line.contains("Seq Scan"));
        System.out.println("  uses an index: " + (usesIndex && !scansTable ? "yes" : "NO"));
        plan.forEach(line -> System.out.println("    " + line));
        System.out.println();
    }

    private static String scalar(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    /** Inserts the tasks in batches, then lets PostgreSQL gather statistics and mark pages all-visible. */
    private static void seed(TestDatabase database) throws SQLException {
        long started = System.nanoTime();
        Random random = new Random(42);
        DatabaseCredentials.Credentials login = database.credentials().current();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl() + "?reWriteBatchedInserts=true",
                login.username(), login.password())) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into tasks (id, owner, title, description, status, priority_rank, due_date, tags, version,
                                       created_at, updated_at, completed_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)""")) {
                Instant createdAt = NOW.minus(Duration.ofDays(400));
                int total = ALICES_TASKS + OTHER_USERS * TASKS_PER_OTHER_USER;
                long step = Duration.ofDays(400).toNanos() / 1000 / total;
                for (int i = 0; i < total; i++) {
                    String owner = i % 2 == 0 ? ALICE.value() : "user-" + random.nextInt(OTHER_USERS);
                    createdAt = createdAt.plus(step, ChronoUnit.MICROS);
                    addRow(insert, random, owner, createdAt);
                    if (i % 5_000 == 4_999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("vacuum analyze tasks");
            }
        }
        System.out.printf("seeded in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static void addRow(PreparedStatement insert, Random random, String owner, Instant createdAt)
            throws SQLException {
        String status = random.nextInt(10) < 6 ? "TODO" : random.nextBoolean() ? "IN_PROGRESS" : "DONE";
        Timestamp created = Timestamp.from(createdAt);
        insert.setObject(1, timeOrderedId(createdAt, random));
        insert.setString(2, owner);
        insert.setString(3, VERBS[random.nextInt(VERBS.length)] + " " + THINGS[random.nextInt(THINGS.length)]
                + " #" + random.nextInt(10_000));
        insert.setString(4, random.nextBoolean() ? null
                : SENTENCES[random.nextInt(SENTENCES.length)] + " " + SENTENCES[random.nextInt(SENTENCES.length)]);
        insert.setString(5, status);
        insert.setShort(6, (short) random.nextInt(3));
        insert.setObject(7, random.nextInt(3) == 0 ? null
                : LocalDate.ofInstant(createdAt, ZoneOffset.UTC).plusDays(random.nextInt(60) - 10));
        insert.setArray(8, insert.getConnection().createArrayOf("text",
                random.nextBoolean() ? new String[0] : new String[] {TAGS[random.nextInt(TAGS.length)]}));
        insert.setTimestamp(9, created);
        insert.setTimestamp(10, created);
        insert.setTimestamp(11, "DONE".equals(status) ? created : null);
        insert.addBatch();
    }

    /** A version 7 UUID for the instant, as the application makes them. */
    private static UUID timeOrderedId(Instant createdAt, Random random) {
        long msb = (createdAt.toEpochMilli() << 16) | 0x7000L | (random.nextInt() & 0x0fffL);
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
