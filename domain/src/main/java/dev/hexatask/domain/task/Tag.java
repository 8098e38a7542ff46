package dev.hexatask.domain.task;

import dev.hexatask.domain.validation.DomainValidationException;
import dev.hexatask.domain.validation.Violation;

import java.util.Locale;

/** A label on a task: after lower-casing, 1 to 32 of {@code a-z}, {@code 0-9} and {@code -}. */
public record Tag(String value) implements Comparable<Tag> {

    public static final int MAX_LENGTH = 32;

    public Tag {
        value = normalize("tag", value);
    }

    public static Tag of(String value) {
        return new Tag(value);
    }

    static String normalize(String field, String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new DomainValidationException(new Violation(field, "required", "must not be empty"));
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        if (lower.length() > MAX_LENGTH) {
            throw new DomainValidationException(
                    new Violation(field, "too_long", "must be at most " + MAX_LENGTH + " characters"));
        }
        if (!isAllowed(lower)) {
            throw new DomainValidationException(
                    new Violation(field, "pattern", "may contain only letters a-z, digits and '-'"));
        }
        return lower;
    }

    /** {@code [a-z0-9-]+}, checked without a regular expression: tags are checked on every read of a task. */
    private static boolean isAllowed(String lower) {
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(Tag other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
