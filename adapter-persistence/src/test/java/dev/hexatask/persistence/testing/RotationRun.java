package dev.hexatask.persistence.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Traffic while a database password is rotated, shared by the transports' rotation tests and runs: client threads
 * each send requests in a closed loop (bounded by count and time) and add one {@link Sample} each; the rotations'
 * windows (from the database getting the new password to the secret's AWSCURRENT moving) are marked, and the report
 * gives requests, statuses, latencies overall and of the requests that overlapped a window.
 */
public final class RotationRun {

    /** One request: {@code status} -1 when no answer came; {@code detail} says what failed, for an assertion. */
    public record Sample(long startNanos, long endNanos, String kind, int status, String detail) {

        public long millis() {
            return (endNanos - startNanos) / 1_000_000;
        }

        public boolean succeeded() {
            return status >= 200 && status < 300;
        }
    }

    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final List<long[]> windows = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final List<Thread> clients = new ArrayList<>();
    private final long deadline;
    private final int maxRequests;

    /** At most {@code maxRequests} requests in all, none started after {@code maxDuration}. */
    public RotationRun(int maxRequests, Duration maxDuration) {
        this.maxRequests = maxRequests;
        this.deadline = System.nanoTime() + maxDuration.toNanos();
    }

    /** Starts {@code clients} threads; client {@code i} sends {@code request.apply(i)} until the run stops. */
    public void start(int clients, IntFunction<Sample> request) {
        for (int i = 0; i < clients; i++) {
            int client = i;
            this.clients.add(Thread.ofPlatform().name("rotation-load-" + i).start(() -> {
                while (running()) {
                    count.incrementAndGet();
                    samples.add(request.apply(client));
                }
            }));
        }
    }

    private boolean running() {
        return !stopped.get() && count.get() < maxRequests && System.nanoTime() < deadline;
    }

    /** Waits until {@code more} further requests have been answered (or the run's bounds end it). */
    public void awaitRequests(int more) throws InterruptedException {
        int target = samples.size() + more;
        while (samples.size() < target && running()) {
            Thread.sleep(10);
        }
    }

    /** Marks a rotation's window (nanoTime values). */
    public void window(long fromNanos, long toNanos) {
        windows.add(new long[] {fromNanos, toNanos});
    }

    /** Stops the clients and waits for their last requests. */
    public void stop() throws InterruptedException {
        stopped.set(true);
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(60));
        }
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    public List<Sample> failures() {
        return samples.stream().filter(sample -> !sample.succeeded()).toList();
    }

    /** The requests that were in flight during a window. */
    public List<Sample> duringRotation() {
        return samples.stream().filter(sample -> windows.stream()
                .anyMatch(w -> sample.startNanos() <= w[1] && sample.endNanos() >= w[0])).toList();
    }

    /** Prints the figures. */
    public void report() {
        List<Sample> all = samples();
        Map<Integer, Long> statuses = new TreeMap<>();
        all.forEach(s -> statuses.merge(s.status(), 1L, Long::sum));
        System.out.printf("requests %d, statuses %s, failed %d%n", all.size(), statuses, failures().size());
        line("all requests", all);
        line("during a rotation", duringRotation());
        for (long[] w : windows) {
            System.out.printf("rotation window (setSecret to finishSecret done): %d ms%n", (w[1] - w[0]) / 1_000_000);
        }
        failures().stream().limit(5).forEach(s -> System.out.println("failed: " + s.kind() + " " + s.status() + " "
                + s.detail()));
    }

    private static void line(String name, List<Sample> samples) {
        long[] millis = samples.stream().mapToLong(Sample::millis).sorted().toArray();
        System.out.printf("%-18s %6d requests  p50 %d ms  p99 %d ms  max %d ms%n", name, millis.length,
                OutageRun.percentile(millis, 50), OutageRun.percentile(millis, 99),
                millis.length == 0 ? 0 : millis[millis.length - 1]);
    }
}
