package dev.hexatask.persistence;

import dev.hexatask.application.port.out.IdempotencyRecord;
import dev.hexatask.application.port.out.IdempotencyRecords;
import dev.hexatask.domain.user.UserId;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static dev.hexatask.persistence.jooq.Tables.IDEMPOTENCY_RECORDS;

/**
 * {@link IdempotencyRecords} in PostgreSQL. A claim is one {@code INSERT .. ON CONFLICT (owner, key)}: the unique
 * key makes two concurrent claims of one key queue up, the second waiting (at most the in-flight wait) for the
 * first transaction to end and then finding its record.
 */
public final class PostgresIdempotencyRecords implements IdempotencyRecords {

    /** lock_not_available: the wait for the other transaction ran past lock_timeout. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final TaskRows SNAPSHOT = TaskRows.SNAPSHOTS;

    private final DSLContext db;
    private final String inFlightWait;

    public PostgresIdempotencyRecords(DSLContext db, Duration inFlightWait) {
        this.db = db;
        this.inFlightWait = inFlightWait.toMillis() + "ms";
    }

    @Override
    public ClaimOutcome claim(IdempotencyRecord record, Instant now) {
        return Jooq.run(() -> {
            String previousLockTimeout = setLockTimeout(inFlightWait);
            boolean claimed;
            try {
                // A savepoint: when the wait runs out, rolling back to it leaves the caller's transaction usable.
                claimed = Savepoints.run(db, () -> insertOrReplaceExpired(record, now));
            } catch (DataAccessException e) {
                if (StorageFailures.hasState(e, LOCK_NOT_AVAILABLE)) {
                    setLockTimeout(previousLockTimeout);
                    return new ClaimOutcome.InFlight();
                }
                // The connection may be gone (the database stopped answering mid-claim): then resetting the timeout
                // fails too, and that failure must not hide this one, which says why.
                try {
                    setLockTimeout(previousLockTimeout);
                } catch (DataAccessException reset) {
                    e.addSuppressed(reset);
                }
                throw e;
            }
            setLockTimeout(previousLockTimeout);
            if (claimed) {
                return new ClaimOutcome.Claimed();
            }
            return find(record.owner(), record.key())
                    .<ClaimOutcome>map(ClaimOutcome.Existing::new)
                    .orElseThrow(() -> new IllegalStateException("a live idempotency record vanished"));
        });
    }

    /** True when the record is stored now, false when a live one was there. */
    private boolean insertOrReplaceExpired(IdempotencyRecord record, Instant now) {
        return db.insertInto(IDEMPOTENCY_RECORDS)
                .set(valuesOf(record))
                .onConflict(IDEMPOTENCY_RECORDS.OWNER, IDEMPOTENCY_RECORDS.IDEMPOTENCY_KEY)
                .doUpdate()
                .setAllToExcluded()
                .where(IDEMPOTENCY_RECORDS.EXPIRES_AT.le(TaskRows.timestamp(now)))
                .execute() == 1;
    }

    /** Sets lock_timeout for the rest of the transaction; returns the value it had (the select list runs in order). */
    private String setLockTimeout(String value) {
        return db.select(DSL.function("current_setting", String.class, DSL.inline("lock_timeout")),
                        DSL.function("set_config", String.class, DSL.inline("lock_timeout"), DSL.val(value),
                                DSL.inline(true)))
                .fetchSingle().value1();
    }

    private Optional<IdempotencyRecord> find(UserId owner, String key) {
        return db.select(SNAPSHOT.all())
                .select(IDEMPOTENCY_RECORDS.IDEMPOTENCY_KEY, IDEMPOTENCY_RECORDS.REQUEST_FINGERPRINT,
                        IDEMPOTENCY_RECORDS.CREATED_AT, IDEMPOTENCY_RECORDS.EXPIRES_AT)
                .from(IDEMPOTENCY_RECORDS)
                .where(IDEMPOTENCY_RECORDS.OWNER.eq(owner.value()), IDEMPOTENCY_RECORDS.IDEMPOTENCY_KEY.eq(key))
                .fetchOptional(this::toRecord);
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        // A batch by the expiry index; rows a concurrent claim is replacing are skipped rather than waited for.
        return Jooq.run(() -> db.deleteFrom(IDEMPOTENCY_RECORDS)
                .where(DSL.row(IDEMPOTENCY_RECORDS.OWNER, IDEMPOTENCY_RECORDS.IDEMPOTENCY_KEY).in(
                        db.select(IDEMPOTENCY_RECORDS.OWNER, IDEMPOTENCY_RECORDS.IDEMPOTENCY_KEY)
                                .from(IDEMPOTENCY_RECORDS)
                                .where(IDEMPOTENCY_RECORDS.EXPIRES_AT.le(TaskRows.timestamp(now)))
                                .limit(limit)
                                .forUpdate()
                                .skipLocked()))
                .execute());
    }

    private static Map<Field<?>, Object> valuesOf(IdempotencyRecord record) {
        Map<Field<?>, Object> values = SNAPSHOT.valuesOf(record.createdTask());
        values.put(IDEMPOTENCY_RECORDS.IDEMPOTENCY_KEY, record.key());
        values.put(IDEMPOTENCY_RECORDS.REQUEST_FINGERPRINT, record.requestFingerprint());
        values.put(IDEMPOTENCY_RECORDS.CREATED_AT, TaskRows.timestamp(record.createdAt()));
        values.put(IDEMPOTENCY_RECORDS.EXPIRES_AT, TaskRows.timestamp(record.expiresAt()));
        return values;
    }

    private IdempotencyRecord toRecord(Record row) {
        return new IdempotencyRecord(UserId.of(row.get(IDEMPOTENCY_RECORDS.OWNER)),
                row.get(IDEMPOTENCY_RECORDS.IDEMPOTENCY_KEY), row.get(IDEMPOTENCY_RECORDS.REQUEST_FINGERPRINT),
                SNAPSHOT.toTask(row), row.get(IDEMPOTENCY_RECORDS.CREATED_AT).toInstant(),
                row.get(IDEMPOTENCY_RECORDS.EXPIRES_AT).toInstant());
    }
}
