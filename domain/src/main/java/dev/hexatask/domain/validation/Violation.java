package dev.hexatask.domain.validation;

import java.util.Objects;

/**
 * One broken rule: which field, which rule (a stable code a client can act on) and a sentence for people.
 *
 * @param field   the field's name as clients know it, e.g. {@code title} or {@code tags[2]}
 * @param rule    a stable, machine-readable code such as {@code required} or {@code too_long}
 * @param message a human-readable explanation that never echoes the rejected value
 */
public record Violation(String field, String rule, String message) {

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }
}
