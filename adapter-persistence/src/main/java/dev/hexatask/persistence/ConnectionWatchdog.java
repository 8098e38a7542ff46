package dev.hexatask.persistence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ends the connections that are still in use past their deadline. One daemon thread looks at the watched
 * connections every {@link #PERIOD} and aborts each one whose deadline has passed: the driver closes its socket, and
 * a statement waiting on it fails at once as a lost connection (SQLState 08006), which the adapter reports as the
 * database being unavailable.
 * <p>
 * It replaces a timeout on every socket read. A connection with a socket timeout makes each read a timed wait: on a
 * virtual thread, a timer scheduled and cancelled in the JDK's delay scheduler for each of a request's round trips,
 * which measured at about a tenth of the server's CPU per request. Watching costs a request two small objects and a
 * compare-and-set. The bound is the deadline plus at most one period, and it covers a transaction's whole use of its
 * connection, not each read apart.
 */
final class ConnectionWatchdog implements AutoCloseable {

    /** How often the watched connections are looked at: how late past its deadline a connection may be ended. */
    static final Duration PERIOD = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionWatchdog.class);
    /** The driver's abort closes the socket, which does not block: it runs on the watchdog's thread. */
    private static final Executor DIRECT = Runnable::run;

    private final Queue<Watch> watches = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService sweeper;

    ConnectionWatchdog() {
        sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("hexatask-connection-watchdog").daemon().factory());
        long period = PERIOD.toNanos();
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.NANOSECONDS);
    }

    /** Watches {@code connection} until {@link Watch#end()}; past {@code deadline} (a nanoTime) it is aborted. */
    Watch watch(Connection connection, long deadline) {
        Watch watch = new Watch(connection, deadline);
        watches.add(watch);
        return watch;
    }

    /** Forgets the ended watches and aborts the connections past their deadline; what the thread runs. */
    void sweep() {
        long now = System.nanoTime();
        for (Iterator<Watch> it = watches.iterator(); it.hasNext(); ) {
            Watch watch = it.next();
            if (watch.state.get() != Watch.WATCHED) {
                it.remove();
            } else if (now - watch.deadline >= 0 && watch.state.compareAndSet(Watch.WATCHED, Watch.EXPIRED)) {
                it.remove();
                abort(watch.connection);
            }
        }
    }

    private static void abort(Connection connection) {
        try {
            connection.abort(DIRECT);
            LOG.warn("A database connection was still in use past its transaction's deadline; it was closed");
        } catch (SQLException | RuntimeException e) {
            // Logged without the exception: a driver's message may quote the connection's settings.
            LOG.error("A database connection past its transaction's deadline could not be closed ({})",
                    e.getClass().getSimpleName());
        }
    }

    /** How many connections are watched or not yet forgotten; for tests. */
    int watched() {
        return watches.size();
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }

    /** One connection's watch, from the moment it was taken until it is given back. */
    static final class Watch {

        private static final int WATCHED = 0;
        private static final int ENDED = 1;
        private static final int EXPIRED = 2;

        private final Connection connection;
        private final long deadline;
        private final AtomicInteger state = new AtomicInteger(WATCHED);

        private Watch(Connection connection, long deadline) {
            this.connection = connection;
            this.deadline = deadline;
        }

        /**
         * Ends the watch before the connection goes back to the pool, so that the watchdog never aborts a connection
         * another transaction has since taken. Returns false when the watchdog has already aborted it: the
         * connection is dead and must not go back to the pool as it is.
         */
        boolean end() {
            return state.compareAndSet(WATCHED, ENDED) || state.get() == ENDED;
        }
    }
}
