package dev.hexatask.application.service;

import dev.hexatask.domain.validation.DomainValidationException;
import dev.hexatask.domain.validation.Violation;

/** The rule for idempotency keys: 1 to 255 visible ASCII characters (a UUID is the usual choice). */
final class IdempotencyKeys {

    static final String FIELD = "Idempotency-Key";
    static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {
    }

    static String validate(String key) {
        if (key == null || key.isEmpty()) {
            throw new DomainValidationException(new Violation(FIELD, "required", "must not be empty"));
        }
        if (key.length() > MAX_LENGTH) {
            throw new DomainValidationException(
                    new Violation(FIELD, "too_long", "must be at most " + MAX_LENGTH + " characters"));
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new DomainValidationException(
                        new Violation(FIELD, "pattern", "may contain only visible ASCII characters"));
            }
        }
        return key;
    }
}
