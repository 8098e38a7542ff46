package dev.hexatask.application.port.in;

import dev.hexatask.domain.task.Task;
import dev.hexatask.domain.validation.Violation;

import java.util.List;
import java.util.Objects;

/**
 * What a use case answers: success with a value, or one of the named ways it can fail. Callers switch over it; none
 * of these is an exception.
 */
public sealed interface Result<T> {

    record Success<T>(T value) implements Result<T> {

        public Success {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The input breaks one or more rules; every broken rule is listed. */
    record Invalid<T>(List<Violation> violations) implements Result<T> {

        public Invalid {
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("an invalid result lists at least one violation");
            }
            violations = List.copyOf(violations);
        }
    }

    /** No such resource for this caller (it may exist for someone else: that is not said). */
    record NotFound<T>() implements Result<T> {
    }

    /** The resource exists but not at the version the caller expected. */
    record VersionConflict<T>(long currentVersion) implements Result<T> {

        public VersionConflict {
            if (currentVersion < Task.FIRST_VERSION) {
                throw new IllegalArgumentException("a conflict names a version the resource has");
            }
        }
    }

    /** The idempotency key was used before by this caller for a different request. */
    record IdempotencyKeyReused<T>() implements Result<T> {
    }

    /** The idempotency key's first request is still being processed. */
    record IdempotencyKeyInFlight<T>() implements Result<T> {
    }

    static <T> Result<T> success(T value) {
        return new Success<>(value);
    }

    static <T> Result<T> invalid(List<Violation> violations) {
        return new Invalid<>(violations);
    }

    static <T> Result<T> notFound() {
        return new NotFound<>();
    }
}
