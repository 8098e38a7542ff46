package dev.hexatask.domain.user;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The preferences a user keeps with Hexatask. Identity (email, user name) comes from the token; only what the
 * identity provider does not know lives here.
 */
public record UserProfile(UserId userId, Optional<DisplayName> displayName, TimeZonePreference timeZone,
                          Instant createdAt, Instant updatedAt) {

    public UserProfile {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("updatedAt must not be before createdAt");
        }
    }

    /** The profile a user has before they change anything: no display name, UTC. */
    public static UserProfile defaults(UserId userId, Instant now) {
        return new UserProfile(userId, Optional.empty(), TimeZonePreference.UTC, now, now);
    }

    public UserProfile withPreferences(Optional<DisplayName> newDisplayName, TimeZonePreference newTimeZone,
                                       Instant now) {
        return new UserProfile(userId, newDisplayName, newTimeZone, createdAt, now);
    }

    /** The calendar day it is for this user at the clock's instant. */
    public LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), timeZone.zone());
    }
}
