package dev.hexatask.persistence;

import dev.hexatask.application.port.out.Transactions;
import org.jooq.DSLContext;

import java.util.function.Supplier;

/**
 * One database transaction per use case. jOOQ's thread-local transaction provider binds the transaction's connection
 * to the calling thread, and the repositories run their statements on it: they join the use case's transaction
 * without being told. A nested call becomes a savepoint. The whole transaction waits on the database for at most the
 * transaction timeout ({@link TimeBoundConnections}).
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
            return connections.bounded(() -> db.transactionResult(work::get));
        } catch (RuntimeException e) {
            throw StorageFailures.translate(e);
        }
    }
}
