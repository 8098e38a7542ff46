package dev.hexatask.persistence;

import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Bounds how long one transaction can wait on the database in all, whatever the driver's socket timeout is. A
 * transaction ({@link #bounded}) gets a deadline when it starts; getting a connection from the pool counts against
 * it, and what is left becomes the connection's network timeout ({@link Connection#setNetworkTimeout}) until it
 * goes back to the pool, where HikariCP restores its own. A server that stops answering (frozen, a dropped network,
 * a failover) thus fails the transaction as unavailable once the deadline has passed, and the caller answers 503 in
 * time, instead of after the socket timeout (15 s, as long as a Lambda function may run).
 * <p>
 * A transaction ({@link #transaction}) takes its connection before jOOQ begins it: when none can be had in time, it
 * fails there, and jOOQ never starts a transaction whose rollback would ask the pool again (and wait again, twice,
 * for the connection timeout each time: a request that found every pooled connection dead took three waits). jOOQ's
 * begin is then handed the connection already taken. Failing jOOQ's own follow-up requests at once instead would
 * leave its thread-bound transaction state broken for the thread's next request (a Lambda handler's thread serves
 * them all). The network timeout bounds each wait for the server's answer, not their sum: a transaction that the
 * database stops answering halfway through can take the time it had already run plus the timeout (and its
 * rollback).
 */
final class TimeBoundConnections implements ConnectionProvider {

    /** pgjdbc applies the timeout to its socket and never uses the executor. */
    private static final Executor UNUSED = Runnable::run;

    private final ConnectionProvider connections;
    private final long budgetNanos;
    private final ThreadLocal<Transaction> current = new ThreadLocal<>();

    private static final class Transaction {
        final long deadline;
        /** Begun by {@link #transaction}, not work in autocommit ({@link #bounded}). */
        final boolean transactional;
        /** Taken for a transaction before jOOQ begins it, until jOOQ asks for it. */
        Connection ready;

        Transaction(long deadline, boolean transactional) {
            this.deadline = deadline;
            this.transactional = transactional;
        }
    }

    TimeBoundConnections(ConnectionProvider connections, Duration budget) {
        this.connections = connections;
        this.budgetNanos = budget.toNanos();
    }

    /** Runs a transaction under one deadline; a nested call joins the outer one's. */
    <T> T bounded(Supplier<T> transaction) {
        if (current.get() != null) {
            return transaction.get();
        }
        current.set(new Transaction(System.nanoTime() + budgetNanos, false));
        try {
            return transaction.get();
        } finally {
            current.remove();
        }
    }

    /**
     * Runs a transaction under one deadline, with its connection taken first: if none can be had in time, this
     * throws before {@code transaction} runs. A nested call joins the outer one's.
     */
    <T> T transaction(Supplier<T> transaction) {
        if (current.get() != null) {
            return transaction.get();
        }
        Transaction bound = new Transaction(System.nanoTime() + budgetNanos, true);
        current.set(bound);
        try {
            bound.ready = timed(bound.deadline);
            return transaction.get();
        } finally {
            current.remove();
            if (bound.ready != null) {
                connections.release(bound.ready);
            }
        }
    }

    /** Whether this thread runs a transaction begun by {@link #transaction}. */
    boolean inTransaction() {
        Transaction transaction = current.get();
        return transaction != null && transaction.transactional;
    }

    @Override
    public Connection acquire() {
        Transaction transaction = current.get();
        if (transaction != null && transaction.ready != null) {
            Connection connection = transaction.ready;
            transaction.ready = null;
            return connection;
        }
        return timed(transaction == null ? System.nanoTime() + budgetNanos : transaction.deadline);
    }

    /** A pooled connection whose waits for the server end at {@code deadline}. */
    private Connection timed(long deadline) {
        Connection connection = connections.acquire();
        long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
        try {
            if (leftMillis < 1) {
                throw new SQLTransientConnectionException("getting a connection took the transaction's whole time",
                        "08001");
            }
            connection.setNetworkTimeout(UNUSED, (int) Math.min(Integer.MAX_VALUE, leftMillis));
            return connection;
        } catch (SQLException e) {
            connections.release(connection);
            throw new DataAccessException("no database connection in time", e);
        }
    }

    @Override
    public void release(Connection connection) {
        connections.release(connection);
    }
}
