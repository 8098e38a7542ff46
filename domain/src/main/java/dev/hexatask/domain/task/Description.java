package dev.hexatask.domain.task;

import dev.hexatask.domain.validation.DomainValidationException;
import dev.hexatask.domain.validation.Text;
import dev.hexatask.domain.validation.Violation;

import java.util.Optional;

/**
 * Free text about the task: at most 10,000 characters; line breaks and tabs are kept, other control characters
 * (U+0000 among them, which PostgreSQL cannot store) are refused. Kept exactly as written.
 */
public record Description(String value) {

    public static final int MAX_LENGTH = 10_000;

    public Description {
        if (value == null) {
            throw new DomainValidationException(new Violation("description", "required", "is required"));
        }
        if (Text.hasLoneSurrogate(value)) {
            throw new DomainValidationException(
                    new Violation("description", "malformed_text", "must be well-formed Unicode text"));
        }
        if (Text.hasControlCharacterExceptWhitespace(value)) {
            throw new DomainValidationException(new Violation("description", "control_characters",
                    "must not contain control characters other than line breaks and tabs"));
        }
        if (Text.length(value) > MAX_LENGTH) {
            throw new DomainValidationException(
                    new Violation("description", "too_long", "must be at most " + MAX_LENGTH + " characters"));
        }
    }

    /** No description for {@code null} or blank text; otherwise the validated text. */
    public static Optional<Description> optional(String value) {
        if (value == null || value.isBlank() && !Text.hasControlCharacterExceptWhitespace(value)) {
            return Optional.empty();
        }
        return Optional.of(new Description(value));
    }

    @Override
    public String toString() {
        return value;
    }
}
