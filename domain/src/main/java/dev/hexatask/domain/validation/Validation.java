package dev.hexatask.domain.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects the violations of several independent checks, so that all bad fields are reported together instead of
 * only the first one. Not thread-safe; one instance per validation.
 */
public final class Validation {

    private final List<Violation> violations = new ArrayList<>();

    /** Runs one check; returns its value, or {@code null} after recording its violations. */
    public <T> T check(Supplier<T> check) {
        try {
            return check.get();
        } catch (DomainValidationException e) {
            violations.addAll(e.violations());
            return null;
        }
    }

    public void add(Violation violation) {
        violations.add(violation);
    }

    public boolean isValid() {
        return violations.isEmpty();
    }

    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** Throws the collected violations, if any. */
    public void throwIfInvalid() {
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
    }
}
