package dev.hexatask.persistence;

import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;
import org.jooq.tools.jdbc.DefaultConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Bounds how long one transaction can wait on the database in all. A transaction ({@link #bounded}) gets a deadline
 * when it starts; getting a connection from the pool counts against it, and from then on the
 * {@link ConnectionWatchdog} watches the connection until it goes back to the pool, and aborts it once the deadline
 * has passed. A server that stops answering (frozen, a dropped network, a failover) thus fails the transaction as
 * unavailable at its deadline (plus at most the watchdog's period), and the caller answers 503 in time, instead of
 * waiting for the driver's socket timeout. A transaction's reads have no timeout of their own (see
 * {@link ConnectionWatchdog} for why).
 * <p>
 * A transaction ({@link #transaction}) takes its connection before jOOQ begins it: when none can be had in time, it
 * fails there, and jOOQ never starts a transaction whose rollback would ask the pool again (and wait again, twice,
 * for the connection timeout each time: a request that found every pooled connection dead took three waits). jOOQ's
 * begin is then handed the connection already taken. Failing jOOQ's own follow-up requests at once instead would
 * leave its thread-bound transaction state broken for the thread's next request (a Lambda handler's thread serves
 * them all). A connection the watchdog aborted is discarded when it is given back, never pooled again.
 */
final class TimeBoundConnections implements ConnectionProvider {

    /** pgjdbc applies the timeout to its socket and never uses the executor. */
    private static final Executor UNUSED = Runnable::run;

    private final PooledConnections connections;
    private final ConnectionWatchdog watchdog;
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

    TimeBoundConnections(PooledConnections connections, ConnectionWatchdog watchdog, Duration budget) {
        this.connections = connections;
        this.watchdog = watchdog;
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
                release(bound.ready);
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

    /**
     * A pooled connection, watched until it is released: past {@code deadline} the watchdog aborts it. Its reads
     * wait without a timeout: the driver's socket timeout, which bounds what else runs over pooled connections
     * (migrations, health checks), is lifted until the connection goes back to the pool, which restores it.
     */
    private Connection timed(long deadline) {
        Connection connection = connections.acquire();
        try {
            if (deadline - System.nanoTime() < 1_000_000) {
                throw new SQLTransientConnectionException("getting a connection took the transaction's whole time",
                        "08001");
            }
            connection.setNetworkTimeout(UNUSED, 0);
        } catch (SQLException e) {
            connections.release(connection);
            throw new DataAccessException("no database connection in time", e);
        }
        return new Watched(connection, watchdog.watch(connection, deadline));
    }

    /**
     * Ends the connection's watch and gives it back to the pool, or discards it if the watchdog aborted it.
     *
     * @param connection one that {@link #acquire} handed out (every one is {@link Watched})
     */
    @Override
    public void release(Connection connection) {
        Watched watched = (Watched) connection;
        if (watched.watch.end()) {
            connections.release(watched.getDelegate());
        } else {
            connections.discard(watched.getDelegate());
        }
    }

    /** A pooled connection with its watch; jOOQ runs its statements on it and gives it back to {@link #release}. */
    private static final class Watched extends DefaultConnection {

        final ConnectionWatchdog.Watch watch;

        Watched(Connection pooled, ConnectionWatchdog.Watch watch) {
            super(pooled);
            this.watch = watch;
        }
    }
}
