package dev.hexatask.domain.user;

import dev.hexatask.domain.validation.DomainValidationException;
import dev.hexatask.domain.validation.Violation;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The user's IANA time zone (such as {@code Europe/Paris}); it decides which day is "today" for them, and so which
 * tasks are overdue. Fixed offsets like {@code +02:00} are refused: they do not follow daylight saving time.
 */
public record TimeZonePreference(ZoneId zone) {

    public static final TimeZonePreference UTC = new TimeZonePreference(ZoneOffset.UTC);

    public static TimeZonePreference of(String name) {
        if (name == null || name.isBlank()) {
            throw new DomainValidationException(new Violation("timeZone", "required", "is required"));
        }
        if ("UTC".equals(name)) {
            return UTC;
        }
        if (!ZoneId.getAvailableZoneIds().contains(name)) {
            throw new DomainValidationException(new Violation("timeZone", "unknown_time_zone",
                    "must be an IANA time zone name such as Europe/Paris or UTC"));
        }
        return new TimeZonePreference(ZoneId.of(name));
    }

    /** The zone's IANA name, {@code UTC} for UTC. */
    public String name() {
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    @Override
    public String toString() {
        return name();
    }
}
