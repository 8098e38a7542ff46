package dev.hexatask.javalin.reliability;

import dev.hexatask.persistence.testing.RotationRun;
import dev.hexatask.secrets.testing.LocalSecretsManager;
import dev.hexatask.secrets.testing.RotationFunction;
import dev.hexatask.secrets.testing.RotationFunction.Rotation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server with {@code DB_SECRET_ARN} through a password rotation done step by step mid-traffic, as AWS's
 * rotation functions do it: every request succeeds, and afterwards the server signs in with what the rotation made.
 * Bounded (at most 600 requests, 90 s); nothing here is timed. The figures under load are
 * {@link RotationUnderLoad}'s.
 */
class SecretRotationTest {

    private static final String APPLICATION = "hexatask";

    /**
     * Also the regression test for the credentials that served only AWSCURRENT: with the database's password
     * changed seconds before the label moved, every new connection waited for the label and failed after its 2 s.
     */
    @Test
    void singleUserTheServerFollowsTheNewPasswordWithoutAFailedRequest() throws Exception {
        try (SecretRotationRig rig = SecretRotationRig.start(RotationFunction.Strategy.SINGLE_USER, 3)) {
            Map<String, Object> before = rig.current();
            assertThat(rig.database.allSessionsUseTls(APPLICATION)).as("the secret's URL asks for TLS").isTrue();

            RotationRun run = traffic(rig);
            run.awaitRequests(15);
            // Longer than a new connection waits (2 s): each needs the pending password to sign in meanwhile.
            Rotation rotation = rig.rotate(Duration.ofSeconds(3));
            run.window(rotation.setSecretNanos(), rotation.finishedNanos());
            run.awaitRequests(30);
            run.stop();

            assertThat(run.failures()).as("requests that failed").isEmpty();
            assertThat(run.duringRotation()).as("requests in flight during the rotation").isNotEmpty();
            Map<String, Object> after = rig.current();
            assertThat(after.get("username")).isEqualTo(SecretRotationRig.USER);
            assertThat(after.get("password")).isNotEqualTo(before.get("password"));
            assertThat(rig.previous()).isEqualTo(before);
            assertThat(rig.secretsManager.value(SecretRotationRig.SECRET_ARN, LocalSecretsManager.PENDING)).isNull();
            assertThat(rig.database.signsIn(SecretRotationRig.USER, SecretRotationRig.USER,
                    (String) before.get("password"))).as("the old password").isFalse();

            // Every connection made since signed in with the new password: the old one no longer can.
            assertThat(rig.passwordRefusals()).as("refusals that made the server read the secret again").isPositive();
            assertInUse(rig, List.of(after));
        }
    }

    /**
     * Two rotations: the first makes {@code hexatask_clone} and moves AWSCURRENT to it while the server's
     * connections keep signing in as {@code hexatask} (AWSPREVIOUS, still valid: no request notices); the second
     * gives {@code hexatask} a new password, which the server notices on its next sign-in and follows (to the clone,
     * or to the new password if AWSCURRENT has moved by then).
     */
    @Test
    void alternatingUsersTheServerFollowsTheOtherUserWithoutAFailedRequest() throws Exception {
        try (SecretRotationRig rig = SecretRotationRig.start(RotationFunction.Strategy.ALTERNATING_USERS, 3)) {
            Map<String, Object> original = rig.current();
            String clone = SecretRotationRig.USER + "_clone";

            RotationRun run = traffic(rig);
            run.awaitRequests(15);
            Rotation first = rig.rotate();
            run.window(first.setSecretNanos(), first.finishedNanos());
            run.awaitRequests(15);
            assertThat(rig.current().get("username")).isEqualTo(clone);
            Rotation second = rig.rotate();
            run.window(second.setSecretNanos(), second.finishedNanos());
            run.awaitRequests(30);
            run.stop();

            assertThat(run.failures()).as("requests that failed").isEmpty();
            assertThat(first.userAfter()).isEqualTo(clone);
            assertThat(second.userAfter()).isEqualTo(SecretRotationRig.USER);
            assertThat(rig.database.signsIn(SecretRotationRig.USER, SecretRotationRig.USER,
                    (String) original.get("password"))).as("the original password").isFalse();
            assertThat(rig.passwordRefusals()).isPositive();
            // Which of the two the server holds depends on whether its refused sign-in came before or after
            // finishSecret; either way it is one the rotations made.
            assertInUse(rig, List.of(rig.current(), rig.previous()));
        }
    }

    private static RotationRun traffic(SecretRotationRig rig) {
        RotationRun run = new RotationRun(600, Duration.ofSeconds(90));
        AtomicInteger sequence = new AtomicInteger();
        String[] tokens = {rig.token("rotation-a"), rig.token("rotation-b"), rig.token("rotation-c")};
        run.start(tokens.length, client -> rig.request(tokens[client], sequence.incrementAndGet()));
        return run;
    }

    /**
     * The server's credentials are one of {@code secrets}, and after its connections are renewed, its sessions are
     * signed in as their users only.
     */
    private static void assertInUse(SecretRotationRig rig, List<Map<String, Object>> secrets) throws Exception {
        var credentials = rig.application.database().credentials().current();
        assertThat(secrets).anySatisfy(secret -> {
            assertThat(credentials.username()).isEqualTo(secret.get("username"));
            assertThat(credentials.password()).isEqualTo(secret.get("password"));
        });
        rig.application.persistence().renewConnections();
        String token = rig.token("rotation-check");
        for (int i = 0; i < 6; i++) {
            assertThat(rig.request(token, i).status()).isBetween(200, 299);
        }
        assertThat(rig.database.sessionUsers(APPLICATION)).isNotEmpty()
                .isSubsetOf(secrets.stream().map(secret -> (String) secret.get("username")).toList());
        assertThat(rig.database.allSessionsUseTls(APPLICATION)).isTrue();
    }
}
