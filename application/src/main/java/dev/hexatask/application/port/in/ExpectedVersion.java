package dev.hexatask.application.port.in;

import java.util.Set;

/**
 * The versions of a task a write accepts (over HTTP, what {@code If-Match} asks for). The use case compares it with
 * the stored version in the transaction that writes, so no change can slip in between the check and the write, and
 * nothing else decides it.
 */
public sealed interface ExpectedVersion {

    /** Whatever version the task is at now. */
    record Any() implements ExpectedVersion {
    }

    /** One of these versions; empty when nothing can match (a client sent only tags that are not ours). */
    record OneOf(Set<Long> versions) implements ExpectedVersion {

        public OneOf {
            versions = Set.copyOf(versions);
        }
    }

    static ExpectedVersion any() {
        return new Any();
    }

    static ExpectedVersion oneOf(Long... versions) {
        return new OneOf(Set.of(versions));
    }

    /** Whether a task at {@code current} may be written. */
    default boolean admits(long current) {
        return switch (this) {
            case Any any -> true;
            case OneOf oneOf -> oneOf.versions().contains(current);
        };
    }
}
