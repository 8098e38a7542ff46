package dev.hexatask.domain.task;

import dev.hexatask.domain.validation.DomainValidationException;
import dev.hexatask.domain.validation.Violation;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** A task's identifier: a UUID, time-ordered (version 7) when Hexatask generates it. */
public record TaskId(UUID value) {

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public TaskId {
        Objects.requireNonNull(value, "value");
    }

    public static TaskId of(UUID value) {
        return new TaskId(value);
    }

    /** Parses the canonical 36-character form only; {@link UUID#fromString} alone accepts odd shapes like "1-1-1-1-1". */
    public static TaskId parse(String text) {
        if (text == null || !CANONICAL_UUID.matcher(text).matches()) {
            throw new DomainValidationException(new Violation("id", "malformed_id", "must be a UUID"));
        }
        return new TaskId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
