package dev.hexatask.persistence;

import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.impl.DSL;

import java.util.function.Supplier;

/**
 * A part of the running transaction that can fail alone: {@code SAVEPOINT}, the work, {@code RELEASE SAVEPOINT}; on
 * failure {@code ROLLBACK TO SAVEPOINT} and the failure rethrown. They are statements on the transaction's
 * connection, not jOOQ nested transactions: when jOOQ's thread-bound transaction provider fails to roll back a
 * nested transaction (the connection died inside it), it leaves that transaction on the thread's stack, and every
 * later transaction of the thread then runs on the dead connection and fails, which for a Lambda handler's one
 * thread means every later request of the execution environment. PostgreSQL uses the most recent savepoint of a
 * name, so nesting under one name is safe. Outside a transaction (the connection in autocommit), the work gets a
 * transaction of its own, which jOOQ does not nest.
 */
final class Savepoints {

    private static final Name NAME = DSL.name("hexatask_part");

    private Savepoints() {
    }

    /** Runs {@code work} in a savepoint of the running transaction, or in a transaction of its own if none runs. */
    static <T> T run(DSLContext db, Supplier<T> work) {
        if (!db.connectionResult(connection -> !connection.getAutoCommit())) {
            return db.transactionResult(work::get);
        }
        db.savepoint(NAME).execute();
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            try {
                db.rollback().toSavepoint(NAME).execute();
            } catch (RuntimeException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
        db.releaseSavepoint(NAME).execute();
        return result;
    }
}
