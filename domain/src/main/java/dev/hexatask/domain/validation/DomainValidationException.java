package dev.hexatask.domain.validation;

import java.util.List;

/**
 * Thrown by a value object or an entity when a rule is broken. It carries every violation found, so that one
 * request can report every bad field at once. Application services turn it into a validation result; it never
 * reaches a client as an exception.
 */
public final class DomainValidationException extends RuntimeException {

    private final transient List<Violation> violations;

    public DomainValidationException(List<Violation> violations) {
        super(describe(violations), null, false, false);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public DomainValidationException(Violation violation) {
        this(List.of(violation));
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        StringBuilder text = new StringBuilder("invalid:");
        for (Violation violation : violations) {
            text.append(' ').append(violation.field()).append('=').append(violation.rule());
        }
        return text.toString();
    }
}
