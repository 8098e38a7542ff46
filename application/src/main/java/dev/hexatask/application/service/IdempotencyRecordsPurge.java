package dev.hexatask.application.service;

import dev.hexatask.application.port.in.PurgeIdempotencyRecordsUseCase;
import dev.hexatask.application.port.out.IdempotencyRecords;
import dev.hexatask.application.port.out.Transactions;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Deletes expired idempotency records a batch per transaction: a backlog (the first run after a long pause, say)
 * never becomes one statement that runs into the statement timeout or holds locks for long, and creates go on
 * between the batches.
 */
public final class IdempotencyRecordsPurge implements PurgeIdempotencyRecordsUseCase {

    /** Rows per transaction: some milliseconds of work on PostgreSQL. */
    public static final int BATCH_SIZE = 1_000;

    private final IdempotencyRecords records;
    private final Transactions transactions;
    private final Clock clock;
    private final int batchSize;

    @Inject
    public IdempotencyRecordsPurge(IdempotencyRecords records, Transactions transactions, Clock clock) {
        this(records, transactions, clock, BATCH_SIZE);
    }

    public IdempotencyRecordsPurge(IdempotencyRecords records, Transactions transactions, Clock clock,
                                   int batchSize) {
        this.records = Objects.requireNonNull(records, "records");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1");
        }
        this.batchSize = batchSize;
    }

    @Override
    public Purged purgeExpired() {
        // One instant for the whole run: records expiring while it runs wait for the next one, so it always ends.
        Instant now = clock.instant();
        int deleted = 0;
        int batches = 0;
        int batch;
        do {
            batch = transactions.inTransaction(() -> records.deleteExpired(now, batchSize));
            deleted += batch;
            batches++;
        } while (batch == batchSize);
        return new Purged(deleted, batches);
    }
}
