package dev.hexatask.persistence;

import java.time.Duration;
import java.util.Objects;

/**
 * How long {@link RotationAwareDataSource} keeps trying when the database refuses the password: exponential backoff
 * from {@code initialDelay}, doubling up to {@code maxDelay}, for at most {@code budget} in all.
 *
 * @param budget       the longest a new connection waits for rotated credentials; it should cover the rotation
 *                     window (the rotation function changes the password, then promotes AWSPENDING to AWSCURRENT)
 * @param initialDelay the wait after the second refusal (the first is retried at once with a fresh secret)
 * @param maxDelay     the longest single wait
 */
public record RotationRetryPolicy(Duration budget, Duration initialDelay, Duration maxDelay) {

    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(90);
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofMillis(250);
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(10);

    public RotationRetryPolicy {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (!isPositive(budget) || !isPositive(initialDelay) || !isPositive(maxDelay)) {
            throw new IllegalArgumentException("budget, initialDelay and maxDelay must be positive");
        }
        if (initialDelay.compareTo(maxDelay) > 0) {
            throw new IllegalArgumentException("initialDelay must not exceed maxDelay");
        }
    }

    /** 90 seconds in all, waits from 250 ms doubling to 10 s. */
    public static RotationRetryPolicy defaults() {
        return new RotationRetryPolicy(DEFAULT_BUDGET, DEFAULT_INITIAL_DELAY, DEFAULT_MAX_DELAY);
    }

    /** The defaults with another total budget. */
    public static RotationRetryPolicy withBudget(Duration budget) {
        var initial = DEFAULT_INITIAL_DELAY.compareTo(budget) < 0 ? DEFAULT_INITIAL_DELAY : budget;
        var max = DEFAULT_MAX_DELAY.compareTo(budget) < 0 ? DEFAULT_MAX_DELAY : budget;
        return new RotationRetryPolicy(budget, initial, max);
    }

    /** The wait after {@code wait} (the first is {@link #initialDelay()}). */
    Duration next(Duration wait) {
        var doubled = wait.multipliedBy(2);
        return doubled.compareTo(maxDelay) > 0 ? maxDelay : doubled;
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
