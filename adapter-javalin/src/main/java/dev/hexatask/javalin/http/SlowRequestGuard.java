package dev.hexatask.javalin.http;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

import java.time.Duration;
import java.util.Objects;

/**
 * Closes a connection whose client sends a request head too slowly (slowloris): Jetty restarts its idle timeout on
 * every byte, so a client that sends one byte of its headers every few seconds would otherwise keep its connection
 * open for ever. Every {@code period}, each connection is looked at. A period is suspect when bytes arrived during
 * it but no request head completed, no response completed, and no request is being answered (a body still
 * arriving belongs to a request that has begun, bounded by the body limit and the idle timeout). Two suspect
 * periods in a row close the connection: a partial head is cut after two to three periods whatever its pace, a
 * head that merely straddles one look is not, an idle kept-alive connection (no bytes) is left to the idle timeout,
 * and a client that completes its requests is never touched.
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

    /** One connection's counters at the last look, and whether the period before it was suspect. */
    private final class Watch implements Runnable {

        private final Connection connection;
        private long requestHeads;
        private long responses;
        private long bytes;
        private boolean suspect;

        Watch(Connection connection) {
            this.connection = connection;
            this.requestHeads = connection.getMessagesIn();
            this.responses = connection.getMessagesOut();
            this.bytes = connection.getBytesIn();
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
            long answered = connection.getMessagesOut();
            long received = connection.getBytesIn();
            boolean suspectNow = heads == requestHeads && answered == responses && heads == answered
                    && received > bytes;
            if (suspectNow && suspect) {
                connection.getEndPoint().close();
                return;
            }
            suspect = suspectNow;
            requestHeads = heads;
            responses = answered;
            bytes = received;
            schedule();
        }
    }
}
