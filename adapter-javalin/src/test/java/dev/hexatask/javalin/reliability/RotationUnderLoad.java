package dev.hexatask.javalin.reliability;

import dev.hexatask.persistence.testing.OutageRun;
import dev.hexatask.persistence.testing.RotationRun;
import dev.hexatask.secrets.testing.RotationFunction;
import dev.hexatask.secrets.testing.RotationFunction.Rotation;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Part 2 of the reliability suite for the server (not a test: it prints figures). For each strategy, the server
 * with {@code DB_SECRET_ARN} ({@link SecretRotationRig}) under a bounded closed-loop load (a third creates, the rest
 * lists); after {@code reliability.before} seconds the secret is rotated step by step, and the load runs on for
 * {@code reliability.after} seconds (alternating users: rotated twice, that far apart, so the second rotation
 * changes the password the server had been using). Prints requests, statuses, the data source's password refusals
 * (each one a re-read of the secret and a retry), p99 and the longest request during a rotation.
 * <p>
 * {@code ./mvnw -q -pl adapter-javalin -am test-compile -Preliability
 * -Dreliability.main=dev.hexatask.javalin.reliability.RotationUnderLoad} ({@code -Dreliability.clients=8}).
 */
public final class RotationUnderLoad {

    private static final int POOL_SIZE = 8;

    private RotationUnderLoad() {
    }

    public static void main(String[] args) throws Exception {
        int before = Integer.getInteger("reliability.before", 10);
        int after = Integer.getInteger("reliability.after", 15);
        // Seconds between setSecret and testSecret, as when the rotation's steps run as separate invocations.
        int pause = Integer.getInteger("reliability.pause", 0);
        int clients = Integer.getInteger("reliability.clients", 8);
        System.out.printf("== Password rotation under load: Javalin server with DB_SECRET_ARN, %d clients (closed "
                + "loop, 1/3 POST /api/tasks, 2/3 GET /api/tasks), pool %d; rotation after %d s, then %d s%n",
                clients, POOL_SIZE, before, after);
        System.out.println("seconds from setSecret to testSecret: " + pause);
        System.out.println("date: " + Instant.now() + "; machine: " + OutageRun.machine());
        for (RotationFunction.Strategy strategy : RotationFunction.Strategy.values()) {
            run(strategy, clients, before, after, pause);
        }
        System.out.println("machine at the end: " + OutageRun.machine());
        System.exit(0);
    }

    private static void run(RotationFunction.Strategy strategy, int clients, int before, int after,
                            int pause) throws Exception {
        System.out.println("-- " + strategy);
        try (SecretRotationRig rig = SecretRotationRig.start(strategy, POOL_SIZE)) {
            int rotations = strategy == RotationFunction.Strategy.ALTERNATING_USERS ? 2 : 1;
            RotationRun run = new RotationRun(1_000_000, Duration.ofSeconds(before + (long) rotations * after + 60));
            AtomicInteger sequence = new AtomicInteger();
            String[] tokens = new String[clients];
            for (int i = 0; i < clients; i++) {
                tokens[i] = rig.token("rotation-load-" + i);
            }
            run.start(clients, client -> rig.request(tokens[client], sequence.incrementAndGet()));
            Thread.sleep(Duration.ofSeconds(before));
            for (int i = 0; i < rotations; i++) {
                Rotation rotation = rig.rotate(Duration.ofSeconds(pause));
                run.window(rotation.setSecretNanos(), rotation.finishedNanos());
                System.out.printf("rotation %d: %s -> %s, createSecret %d ms, setSecret to finishSecret %d ms%n",
                        i + 1, rotation.userBefore(), rotation.userAfter(),
                        (rotation.setSecretNanos() - rotation.startNanos()) / 1_000_000, rotation.window().toMillis());
                Thread.sleep(Duration.ofSeconds(after));
            }
            run.stop();
            run.report();
            System.out.printf("password refusals seen by the data source (each: secret read again, sign-in retried): "
                    + "%d%n", rig.passwordRefusals());
            System.out.println("sessions of the server now signed in as: " + rig.database.sessionUsers("hexatask"));
        }
    }
}
