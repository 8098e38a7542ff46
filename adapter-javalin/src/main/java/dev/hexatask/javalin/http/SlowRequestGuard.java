package dev.hexatask.javalin.http;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

import java.time.Duration;
import java.util.Objects;

/**
 * Closes a connection whose client sends a request head too slowly (slowloris): Jetty restarts its idle timeout on
 * every byte, so a client that sends one byte of its headers every few seconds would otherwise keep its connection
 * open for ever. Every {@code period}, each connection is looked at: if bytes arrived since its last request head
 * was complete, no request head completed during the whole period, and no request is being answered (a body still
 * arriving belongs to a request that has begun, bounded by the body limit and the idle timeout), the connection is
 * closed. A partial head is thus cut after one to two periods; an idle keep-alive connection (no bytes) is left to
 * the idle timeout; a client that completes its heads in time is never touched.
 */
final class SlowRequestGuard implements Connection.Listener {

    private final Scheduler scheduler;
    private final Duration period;

    SlowRequestGuard(Scheduler scheduler, Duration period) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.period = Objects.requireNonNull(period, "period");
    }

    @Override
    public void onOpened(Connection connection) {
        new Watch(connection).schedule();
    }

    /** One connection's progress at the last look. */
    private final class Watch implements Runnable {

        private final Connection connection;
        private long requestHeads;
        private long bytesAtLastHead;

        Watch(Connection connection) {
            this.connection = connection;
            this.requestHeads = connection.getMessagesIn();
            this.bytesAtLastHead = connection.getBytesIn();
        }

        void schedule() {
            scheduler.schedule(this, period);
        }

        @Override
        public void run() {
            if (!connection.getEndPoint().isOpen()) {
                return;
            }
            long heads = connection.getMessagesIn();
            long bytes = connection.getBytesIn();
            if (heads != requestHeads) {
                requestHeads = heads;
                bytesAtLastHead = bytes;
            } else if (heads == connection.getMessagesOut() && bytes > bytesAtLastHead) {
                connection.getEndPoint().close();
                return;
            }
            schedule();
        }
    }
}
