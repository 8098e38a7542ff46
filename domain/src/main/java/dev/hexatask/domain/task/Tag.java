package dev.hexatask.domain.task;

import dev.hexatask.domain.validation.DomainValidationException;
import dev.hexatask.domain.validation.Violation;

import java.util.Locale;
import java.util.regex.Pattern;

/** A label on a task: after lower-casing, 1 to 32 of {@code a-z}, {@code 0-9} and {@code -}. */
public record Tag(String value) implements Comparable<Tag> {

    public static final int MAX_LENGTH = 32;
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9-]{1," + MAX_LENGTH + "}");

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
        if (!ALLOWED.matcher(lower).matches()) {
            throw new DomainValidationException(
                    new Violation(field, "pattern", "may contain only letters a-z, digits and '-'"));
        }
        return lower;
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
