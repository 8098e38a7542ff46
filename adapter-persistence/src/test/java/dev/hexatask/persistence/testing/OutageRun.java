package dev.hexatask.persistence.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * The timeline and the figures of an outage under load, shared by the transports' reliability runs: before, with
 * the database frozen ({@link FreezablePostgres}), after. Clients add one {@link Sample} per request; the report
 * gives statuses and latencies per phase, the time to recover, and checks the writes against the database.
 */
public final class OutageRun {

    /**
     * One request: {@code status} -1 when no answer came; for a create, its title and idempotency key, and the id
     * it was given when acknowledged.
     */
    public record Sample(long startNanos, long endNanos, String kind, int status, boolean wellFormedProblem,
                         String title, String key, String id) {

        long millis() {
            return (endNanos - startNanos) / 1_000_000;
        }

        boolean isCreate() {
            return kind.equals("POST");
        }
    }

    private final long freezeAt;
    private final long thawAt;
    private final long endAt;
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();

    public OutageRun(Duration before, Duration outage, Duration after) {
        this.freezeAt = System.nanoTime() + before.toNanos();
        this.thawAt = freezeAt + outage.toNanos();
        this.endAt = thawAt + after.toNanos();
    }

    public boolean running() {
        return System.nanoTime() < endAt;
    }

    public void add(Sample sample) {
        samples.add(sample);
    }

    /** Freezes the database at its time and thaws it at its time; returns at the end of the run. */
    public void drive(FreezablePostgres database) throws InterruptedException {
        boolean frozen = false;
        boolean thawed = false;
        while (running()) {
            long now = System.nanoTime();
            if (!frozen && now >= freezeAt) {
                database.freeze();
                frozen = true;
            }
            if (frozen && !thawed && now >= thawAt) {
                database.thaw();
                thawed = true;
            }
            Thread.sleep(20);
        }
    }

    /** Prints the figures; {@code problemHeaders} names what a well-formed 503 carries. */
    public void report(String problemHeaders) {
        List<Sample> all = new ArrayList<>(samples);
        phase("before", all, s -> s.startNanos < freezeAt);
        phase("frozen", all, s -> s.startNanos >= freezeAt && s.startNanos < thawAt);
        phase("after", all, s -> s.startNanos >= thawAt);
        long all503 = all.stream().filter(s -> s.status == 503).count();
        long wellFormed = all.stream().filter(s -> s.status == 503 && s.wellFormedProblem).count();
        long otherServerErrors = all.stream().filter(s -> s.status >= 500 && s.status != 503).count();
        long unanswered = all.stream().filter(s -> s.status < 0).count();
        long slowestFrozen = all.stream().filter(s -> s.startNanos >= freezeAt && s.startNanos < thawAt)
                .mapToLong(Sample::millis).max().orElse(0);
        long slowest503 = all.stream().filter(s -> s.status == 503).mapToLong(Sample::millis).max().orElse(0);
        Sample firstSuccess = all.stream().filter(s -> s.startNanos >= thawAt && s.status >= 200 && s.status < 300)
                .min(Comparator.comparingLong(Sample::endNanos)).orElse(null);
        System.out.printf("503 answers: %d, %d of them with %s; other 5xx: %d; no answer at all: %d%n", all503,
                wellFormed, problemHeaders, otherServerErrors, unanswered);
        System.out.printf("slowest request started while frozen: %d ms; slowest 503: %d ms%n", slowestFrozen,
                slowest503);
        System.out.println("time to recover (thaw to the end of the first success started after it): "
                + (firstSuccess == null ? "never" : (firstSuccess.endNanos - thawAt) / 1_000_000 + " ms"));
    }

    /**
     * Every acknowledged create is in the database; every failed one is either wholly there (committed, its answer
     * lost: a retry with its key replays it) or wholly absent, its idempotency record with it.
     */
    public void checkWrites(FreezablePostgres database, String applicationName, int poolSize) throws SQLException {
        List<Sample> all = new ArrayList<>(samples);
        var credentials = database.credentials().current();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), credentials.username(),
                credentials.password())) {
            List<Sample> acknowledged = all.stream().filter(s -> s.isCreate() && s.status == 201).toList();
            int lost = 0;
            try (PreparedStatement find = connection.prepareStatement("select count(*) from tasks where id = ?::uuid")) {
                for (Sample sample : acknowledged) {
                    find.setString(1, sample.id);
                    if (sample.id == null || count(find) != 1) {
                        lost++;
                    }
                }
            }
            List<Sample> failed = all.stream().filter(s -> s.isCreate() && s.status != 201).toList();
            int committedAnyway = 0;
            int halfWritten = 0;
            try (PreparedStatement task = connection.prepareStatement("select count(*) from tasks where title = ?");
                 PreparedStatement record = connection.prepareStatement(
                         "select count(*) from idempotency_records where idempotency_key = ?")) {
                for (Sample sample : failed) {
                    task.setString(1, sample.title);
                    record.setString(1, sample.key);
                    long tasks = count(task);
                    long records = count(record);
                    if (tasks == 1 && records == 1) {
                        committedAnyway++;
                    } else if (tasks != 0 || records != 0) {
                        halfWritten++;
                    }
                }
            }
            System.out.printf("writes: %d acknowledged (201), %d of them missing from the database; %d not "
                    + "acknowledged, of which %d were committed all the same and %d are half-written%n",
                    acknowledged.size(), lost, failed.size(), committedAnyway, halfWritten);
            try (PreparedStatement sessions = connection.prepareStatement(
                    "select count(*) from pg_stat_activity where application_name = ?")) {
                sessions.setString(1, applicationName);
                System.out.printf("connections to PostgreSQL at the end: %d (pool size %d)%n", count(sessions),
                        poolSize);
            }
        }
    }

    private static long count(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void phase(String name, List<Sample> all, Predicate<Sample> in) {
        List<Sample> samples = all.stream().filter(in).toList();
        Map<Integer, Long> statuses = new TreeMap<>();
        samples.forEach(s -> statuses.merge(s.status, 1L, Long::sum));
        long[] millis = samples.stream().mapToLong(Sample::millis).sorted().toArray();
        System.out.printf("%-7s %6d requests  statuses %s  p50 %d ms  p99 %d ms  max %d ms%n", name, samples.size(),
                statuses, percentile(millis, 50), percentile(millis, 99),
                millis.length == 0 ? 0 : millis[millis.length - 1]);
    }

    /** The nearest-rank percentile of sorted values. */
    public static long percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** The machine, for the report's head. */
    public static String machine() {
        try {
            return Runtime.getRuntime().availableProcessors() + " cores, load average "
                    + java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return Runtime.getRuntime().availableProcessors() + " cores";
        }
    }
}
