package dev.hexatask.persistence;

import dev.hexatask.application.port.out.Transactions;
import org.jooq.DSLContext;

import java.util.function.Supplier;

/**
 * One database transaction per use case. jOOQ's thread-local transaction provider binds the transaction's connection
 * to the calling thread, and the repositories run their statements on it: they join the use case's transaction
 * without being told. A nested call becomes a savepoint ({@link Savepoints}, never a jOOQ nested transaction). Outside a transaction, each statement takes a pooled
 * connection in autocommit, runs, and gives it back: one round trip, no begin and no commit. Either way the work
 * waits on the database for at most the transaction timeout in all ({@link TimeBoundConnections}).
 */
public final class JooqTransactions implements Transactions {

    private final DSLContext db;
    private final TimeBoundConnections connections;

    JooqTransactions(DSLContext db, TimeBoundConnections connections) {
        this.db = db;
        this.connections = connections;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        try {
            if (connections.inTransaction()) {
                return Savepoints.run(db, work);
            }
            return connections.transaction(() -> db.transactionResult(work::get));
        } catch (RuntimeException e) {
            throw StorageFailures.translate(e);
        }
    }

    @Override
    public <T> T withoutTransaction(Supplier<T> work) {
        try {
            return connections.bounded(work);
        } catch (RuntimeException e) {
            throw StorageFailures.translate(e);
        }
    }
}
