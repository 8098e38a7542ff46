package dev.hexatask.persistence;

import dev.hexatask.application.port.out.Transactions;
import org.jooq.DSLContext;

import java.util.function.Supplier;

/**
 * One database transaction per use case. jOOQ's thread-local transaction provider binds the transaction's connection
 * to the calling thread, and the repositories run their statements on it: they join the use case's transaction
 * without being told. A nested call becomes a savepoint. Outside a transaction, each statement takes a pooled
 * connection in autocommit, runs, and gives it back: one round trip, no begin and no commit.
 */
public final class JooqTransactions implements Transactions {

    private final DSLContext db;

    public JooqTransactions(DSLContext db) {
        this.db = db;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        try {
            return db.transactionResult(work::get);
        } catch (RuntimeException e) {
            throw StorageFailures.translate(e);
        }
    }

    @Override
    public <T> T withoutTransaction(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw StorageFailures.translate(e);
        }
    }
}
