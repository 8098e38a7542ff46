package dev.hexatask.domain.task;

import dev.hexatask.domain.validation.DomainValidationException;
import dev.hexatask.domain.validation.Violation;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parsing of calendar dates given as ISO-8601 text ({@code 2026-12-31}), for due dates and date filters. */
public final class DueDate {

    /** The earliest and latest dates accepted: wide enough for any plan, narrow enough for every store. */
    public static final LocalDate MIN = LocalDate.of(1900, 1, 1);
    public static final LocalDate MAX = LocalDate.of(9999, 12, 31);

    private DueDate() {
    }

    /** No date for {@code null}; otherwise the parsed date, or a violation naming {@code field}. */
    public static Optional<LocalDate> parse(String field, String text) {
        if (text == null) {
            return Optional.empty();
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new DomainValidationException(
                    new Violation(field, "malformed_date", "must be a date in the form YYYY-MM-DD"));
        }
        if (date.isBefore(MIN) || date.isAfter(MAX)) {
            throw new DomainValidationException(
                    new Violation(field, "out_of_range", "must be between " + MIN + " and " + MAX));
        }
        return Optional.of(date);
    }
}
