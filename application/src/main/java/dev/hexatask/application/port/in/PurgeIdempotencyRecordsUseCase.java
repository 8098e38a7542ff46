package dev.hexatask.application.port.in;

/**
 * Housekeeping, run on a schedule rather than by a user: removes the idempotency records whose replay window has
 * closed, so that the store holds about one day of creates however long the application runs.
 */
public interface PurgeIdempotencyRecordsUseCase {

    /** Deletes every record expired now, in bounded batches; returns how many went. */
    Purged purgeExpired();

    /** @param deleted how many records were removed; {@code batches} how many transactions it took */
    record Purged(int deleted, int batches) {
    }
}
