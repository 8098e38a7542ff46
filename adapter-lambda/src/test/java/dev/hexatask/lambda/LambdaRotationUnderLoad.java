package dev.hexatask.lambda;

import dev.hexatask.persistence.testing.OutageRun;
import dev.hexatask.persistence.testing.RotationRun;
import dev.hexatask.secrets.testing.RotationFunction;
import dev.hexatask.secrets.testing.RotationFunction.Rotation;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Part 2 of the reliability suite for the Lambda handler (not a test: it prints figures): execution environments
 * in-process ({@link LambdaRotationRig}: one {@link ApiHandler} each, a pool of one, invoked one request at a time)
 * with {@code DB_SECRET_ARN}, in a closed loop, while the secret is rotated step by step (alternating users: twice).
 * {@code ./mvnw -q -pl adapter-lambda -am test-compile -Preliability
 * -Dreliability.main=dev.hexatask.lambda.LambdaRotationUnderLoad}
 */
public final class LambdaRotationUnderLoad {

    private LambdaRotationUnderLoad() {
    }

    public static void main(String[] args) throws Exception {
        int before = Integer.getInteger("reliability.before", 10);
        int after = Integer.getInteger("reliability.after", 15);
        // Seconds between setSecret and testSecret, as when the rotation's steps run as separate invocations.
        int pause = Integer.getInteger("reliability.pause", 0);
        int environments = Integer.getInteger("reliability.clients", 4);
        System.out.printf("== Password rotation under load: Lambda handler in-process with DB_SECRET_ARN, %d "
                + "execution environments (closed loop, 1/3 POST /tasks, 2/3 GET /tasks); rotation after %d s, then "
                + "%d s; %d s from setSecret to testSecret%n", environments, before, after, pause);
        System.out.println("date: " + Instant.now() + "; machine: " + OutageRun.machine());
        for (RotationFunction.Strategy strategy : RotationFunction.Strategy.values()) {
            run(strategy, environments, before, after, pause);
        }
        System.out.println("machine at the end: " + OutageRun.machine());
        System.exit(0);
    }

    private static void run(RotationFunction.Strategy strategy, int environments, int before, int after,
                            int pause) throws Exception {
        System.out.println("-- " + strategy);
        try (LambdaRotationRig rig = LambdaRotationRig.start(strategy, environments)) {
            int rotations = strategy == RotationFunction.Strategy.ALTERNATING_USERS ? 2 : 1;
            RotationRun run = new RotationRun(1_000_000, Duration.ofSeconds(before + (long) rotations * after + 60));
            AtomicInteger sequence = new AtomicInteger();
            String[] tokens = new String[environments];
            for (int i = 0; i < environments; i++) {
                tokens[i] = rig.token("rotation-load-" + i);
            }
            run.start(environments, client -> rig.invoke(client, tokens[client], sequence.incrementAndGet()));
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
            System.out.printf("password refusals seen by the data sources (each: secret read again, sign-in "
                    + "retried): %d%n", rig.passwordRefusals());
            System.out.println("sessions of the function now signed in as: " + rig.database.sessionUsers("hexatask"));
        }
    }
}
