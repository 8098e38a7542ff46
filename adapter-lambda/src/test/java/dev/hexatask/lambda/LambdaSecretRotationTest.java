package dev.hexatask.lambda;

import dev.hexatask.persistence.ApplicationRole;
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
 * The API function with {@code DB_SECRET_ARN} (two execution environments in-process) through a password rotation
 * done step by step mid-traffic, as AWS's rotation functions do it: every invocation succeeds, and afterwards the
 * function signs in with what the rotation made. Bounded (at most 600 invocations, 90 s); nothing here is timed.
 * The figures under load are {@link LambdaRotationUnderLoad}'s.
 */
class LambdaSecretRotationTest {

    private static final String APPLICATION = "hexatask";

    @Test
    void singleUserTheFunctionFollowsTheNewPasswordWithoutAFailedInvocation() throws Exception {
        try (LambdaRotationRig rig = LambdaRotationRig.start(RotationFunction.Strategy.SINGLE_USER, 2)) {
            Map<String, Object> before = rig.secret(LocalSecretsManager.CURRENT);

            RotationRun run = traffic(rig);
            run.awaitRequests(15);
            Rotation rotation = rig.rotate();
            run.window(rotation.setSecretNanos(), rotation.finishedNanos());
            run.awaitRequests(30);
            run.stop();

            assertThat(run.failures()).as("invocations that failed").isEmpty();
            Map<String, Object> after = rig.secret(LocalSecretsManager.CURRENT);
            assertThat(after.get("username")).isEqualTo(ApplicationRole.NAME);
            assertThat(after.get("password")).isNotEqualTo(before.get("password"));
            assertThat(rig.secret(LocalSecretsManager.PREVIOUS)).isEqualTo(before);
            assertThat(rig.database.signsIn(LambdaRotationRig.OWNER, ApplicationRole.NAME,
                    (String) before.get("password"))).as("the old password").isFalse();
            assertThat(rig.passwordRefusals()).isPositive();
            assertInUse(rig, List.of(after));
        }
    }

    /**
     * Two rotations: the first makes {@code hexatask_app_clone} (a member of the role) and moves AWSCURRENT to it
     * while the environments keep signing in as {@code hexatask_app} (AWSPREVIOUS, still valid); the second gives
     * {@code hexatask_app} a new password, which each environment notices on its next sign-in and follows (to the
     * clone, or to the new password if AWSCURRENT has moved by then).
     */
    @Test
    void alternatingUsersTheFunctionFollowsTheOtherUserWithoutAFailedInvocation() throws Exception {
        try (LambdaRotationRig rig = LambdaRotationRig.start(RotationFunction.Strategy.ALTERNATING_USERS, 2)) {
            Map<String, Object> original = rig.secret(LocalSecretsManager.CURRENT);

            RotationRun run = traffic(rig);
            run.awaitRequests(15);
            Rotation first = rig.rotate();
            run.window(first.setSecretNanos(), first.finishedNanos());
            run.awaitRequests(15);
            Rotation second = rig.rotate();
            run.window(second.setSecretNanos(), second.finishedNanos());
            run.awaitRequests(30);
            run.stop();

            assertThat(run.failures()).as("invocations that failed").isEmpty();
            assertThat(first.userAfter()).isEqualTo(ApplicationRole.ALTERNATE);
            assertThat(second.userAfter()).isEqualTo(ApplicationRole.NAME);
            assertThat(rig.database.signsIn(LambdaRotationRig.OWNER, ApplicationRole.NAME,
                    (String) original.get("password"))).as("the original password").isFalse();
            assertThat(rig.passwordRefusals()).isPositive();
            // Which of the two an environment holds depends on whether its refused sign-in came before or after
            // finishSecret; either way it is one the rotations made.
            assertInUse(rig, List.of(rig.secret(LocalSecretsManager.CURRENT), rig.secret(LocalSecretsManager.PREVIOUS)));
        }
    }

    private static RotationRun traffic(LambdaRotationRig rig) {
        RotationRun run = new RotationRun(600, Duration.ofSeconds(90));
        AtomicInteger sequence = new AtomicInteger();
        String[] tokens = new String[rig.handlers.size()];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = rig.token("rotation-" + i);
        }
        run.start(tokens.length, client -> rig.invoke(client, tokens[client], sequence.incrementAndGet()));
        return run;
    }

    /**
     * After their connections are renewed, every environment works and signs in with one of {@code secrets} (the
     * database refuses every other password of the role by now).
     */
    private static void assertInUse(LambdaRotationRig rig, List<Map<String, Object>> secrets) {
        rig.environments.forEach(environment -> environment.persistence().get().renewConnections());
        String token = rig.token("rotation-check");
        for (int i = 0; i < rig.handlers.size(); i++) {
            for (int request = 0; request < 3; request++) {
                assertThat(rig.invoke(i, token, request).status()).isBetween(200, 299);
            }
        }
        assertThat(rig.database.sessionUsers(APPLICATION)).isNotEmpty()
                .isSubsetOf(secrets.stream().map(secret -> (String) secret.get("username")).toList());
        for (Map<String, Object> secret : secrets) {
            assertThat(rig.database.signsIn(LambdaRotationRig.OWNER, (String) secret.get("username"),
                    (String) secret.get("password"))).isTrue();
        }
        assertThat(rig.database.allSessionsUseTls(APPLICATION)).isTrue();
    }
}
