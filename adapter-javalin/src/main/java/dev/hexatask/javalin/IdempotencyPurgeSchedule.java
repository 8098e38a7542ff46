package dev.hexatask.javalin;

import dev.hexatask.application.port.in.PurgeIdempotencyRecordsUseCase;
import dev.hexatask.application.port.in.PurgeIdempotencyRecordsUseCase.Purged;
import dev.hexatask.application.port.out.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the idempotency records purge on one background thread of the server: shortly after start-up (a server that
 * was down for a while catches up at once) and then at a fixed interval. A run that fails (the database away, say)
 * is logged in one line and the next run tries again; it never stops the schedule or the server.
 */
public final class IdempotencyPurgeSchedule implements AutoCloseable {

    /** Records live a day; purging hourly keeps the table within about 25 hours of creates. */
    public static final Duration INTERVAL = Duration.ofHours(1);
    /** After start-up, the first run waits this long so that it does not compete with the first requests. */
    public static final Duration FIRST_RUN_AFTER = Duration.ofSeconds(3);

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyPurgeSchedule.class);

    private final PurgeIdempotencyRecordsUseCase purge;
    private final ScheduledExecutorService scheduler;

    private IdempotencyPurgeSchedule(PurgeIdempotencyRecordsUseCase purge) {
        this.purge = purge;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "hexatask-idempotency-purge");
            thread.setDaemon(true);
            return thread;
        });
    }

    public static IdempotencyPurgeSchedule start(PurgeIdempotencyRecordsUseCase purge) {
        return start(purge, FIRST_RUN_AFTER, INTERVAL);
    }

    /** @param firstRunAfter the pause before the first run; {@code interval} between the start of two runs */
    public static IdempotencyPurgeSchedule start(PurgeIdempotencyRecordsUseCase purge, Duration firstRunAfter,
                                                 Duration interval) {
        IdempotencyPurgeSchedule schedule = new IdempotencyPurgeSchedule(purge);
        schedule.scheduler.scheduleWithFixedDelay(schedule::runOnce, firstRunAfter.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return schedule;
    }

    private void runOnce() {
        long started = System.nanoTime();
        try {
            Purged purged = purge.purgeExpired();
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (purged.deleted() > 0) {
                LOG.info("Deleted {} expired idempotency records in {} ms ({} batches)", purged.deleted(), millis,
                        purged.batches());
            } else {
                LOG.debug("No expired idempotency records ({} ms)", millis);
            }
        } catch (StorageUnavailableException e) {
            LOG.warn("The idempotency records purge could not reach the database ({}); next run in {} min",
                    e.getMessage(), INTERVAL.toMinutes());
        } catch (RuntimeException e) {
            // Anything else would end the schedule silently (an executor drops a task that throws).
            LOG.error("The idempotency records purge failed: {}", e.toString());
        }
    }

    /** Stops the schedule; a run in progress is interrupted and given a few seconds to end. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("The idempotency records purge did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
