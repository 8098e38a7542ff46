package dev.hexatask.persistence;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RotationRetryPolicyTest {

    @Test
    void theDefaultsCoverARotationWindowOfAboutAMinute() {
        var policy = RotationRetryPolicy.defaults();

        assertThat(policy.budget()).isEqualTo(Duration.ofSeconds(90));
        assertThat(policy.initialDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(policy.maxDelay()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void waitsDoubleUpToTheLongestWait() {
        var policy = RotationRetryPolicy.defaults();
        var wait = policy.initialDelay();
        var waits = new StringBuilder();
        for (var i = 0; i < 8; i++) {
            waits.append(wait.toMillis()).append(' ');
            wait = policy.next(wait);
        }

        assertThat(waits.toString().strip()).isEqualTo("250 500 1000 2000 4000 8000 10000 10000");
    }

    @Test
    void aShortBudgetShortensTheWaits() {
        var policy = RotationRetryPolicy.withBudget(Duration.ofMillis(100));

        assertThat(policy.budget()).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.initialDelay()).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.maxDelay()).isEqualTo(Duration.ofMillis(100));
        assertThat(RotationRetryPolicy.withBudget(Duration.ofSeconds(120)).maxDelay())
                .isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new RotationRetryPolicy(Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RotationRetryPolicy(Duration.ofSeconds(1), Duration.ofMillis(-1),
                Duration.ofMillis(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RotationRetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("initialDelay must not exceed maxDelay");
    }
}
