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
 * When no connection could be had, the transaction's later requests for one (jOOQ asks again to roll back what
 * never began) fail at once rather than wait for the pool a second and third time. The network timeout bounds each
 * wait for the server's answer, not their sum: a transaction that the database stops answering halfway through
 * can take the time it had already run plus the timeout (and its rollback).
 */
final class TimeBoundConnections implements ConnectionProvider {

    /** pgjdbc applies the timeout to its socket and never uses the executor. */
    private static final Executor UNUSED = Runnable::run;

    private final ConnectionProvider connections;
    private final long budgetNanos;
    private final ThreadLocal<Transaction> current = new ThreadLocal<>();

    private static final class Transaction {
        final long deadline;
        SQLException noConnection;

        Transaction(long deadline) {
            this.deadline = deadline;
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
        current.set(new Transaction(System.nanoTime() + budgetNanos));
        try {
            return transaction.get();
        } finally {
            current.remove();
        }
    }

    @Override
    public Connection acquire() {
        Transaction transaction = current.get();
        if (transaction != null && transaction.noConnection != null) {
            throw new DataAccessException("no database connection for this transaction", transaction.noConnection);
        }
        long deadline = transaction == null ? System.nanoTime() + budgetNanos : transaction.deadline;
        Connection connection;
        try {
            connection = connections.acquire();
        } catch (DataAccessException e) {
            if (transaction != null) {
                transaction.noConnection = new SQLTransientConnectionException("the pool had no connection in time",
                        "08001", e);
            }
            throw e;
        }
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
            if (transaction != null) {
                transaction.noConnection = e;
            }
            throw new DataAccessException("no database connection in time", e);
        }
    }

    @Override
    public void release(Connection connection) {
        connections.release(connection);
    }
}
