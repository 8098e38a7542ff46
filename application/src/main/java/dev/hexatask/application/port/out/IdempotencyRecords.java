package dev.hexatask.application.port.out;

import java.time.Instant;

/** Idempotency records, unique per owner and key. */
public interface IdempotencyRecords {

    /**
     * Stores the record unless a live (unexpired at {@code now}) record exists for its owner and key; an expired one
     * is replaced. Runs inside the caller's transaction. When another transaction holds the same owner and key
     * uncommitted, waits for it (a bounded time) and then answers as if it had come second.
     */
    ClaimOutcome claim(IdempotencyRecord record, Instant now);

    /**
     * Removes at most {@code limit} of the records expired at {@code now}, in the caller's transaction; returns how
     * many. A record that another transaction is replacing right now is left for a later call.
     */
    int deleteExpired(Instant now, int limit);

    /** What {@link #claim} found. */
    sealed interface ClaimOutcome {

        /** The record is now stored: the caller goes on and creates the task. */
        record Claimed() implements ClaimOutcome {
        }

        /** A live record was there first. */
        record Existing(IdempotencyRecord record) implements ClaimOutcome {
        }

        /** Another request with the same key is still being processed after the wait. */
        record InFlight() implements ClaimOutcome {
        }
    }
}
