package dev.hexatask.domain.user;

import dev.hexatask.domain.validation.DomainValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserTest {

    private static final Instant T0 = Instant.parse("2026-03-01T23:30:00Z");

    @Test
    void displayNamesHoldOneToOneHundredCharacters() {
        assertThat(DisplayName.of(" Ada ").value()).isEqualTo("Ada");
        assertThat(DisplayName.of("a".repeat(100)).value()).hasSize(100);
        assertThatThrownBy(() -> DisplayName.of("a".repeat(101)))
                .isInstanceOfSatisfying(DomainValidationException.class, e -> {
                    assertThat(e.violations().getFirst().field()).isEqualTo("displayName");
                    assertThat(e.violations().getFirst().rule()).isEqualTo("too_long");
                });
        assertThatThrownBy(() -> DisplayName.of(" "))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().getFirst().rule()).isEqualTo("required"));
        assertThat(DisplayName.of("Ada").toString()).isEqualTo("Ada");
    }

    @Test
    void userIdsAreNonBlankSingleLines() {
        assertThat(UserId.of("0b0e8e5c-7a1d-4c9e-9f00-1a2b3c4d5e6f").value())
                .isEqualTo("0b0e8e5c-7a1d-4c9e-9f00-1a2b3c4d5e6f");
        assertThat(UserId.of("alice").toString()).isEqualTo("alice");
        assertThat(UserId.of("x".repeat(255)).value()).hasSize(255);
        assertThatThrownBy(() -> UserId.of("x".repeat(256))).isInstanceOf(DomainValidationException.class);
        assertThatThrownBy(() -> UserId.of("")).isInstanceOf(DomainValidationException.class);
        assertThatThrownBy(() -> UserId.of("a\u0000")).isInstanceOf(DomainValidationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Paris", "America/Argentina/Buenos_Aires", "Asia/Kolkata", "Pacific/Chatham"})
    void timeZonesAreIanaNames(String name) {
        TimeZonePreference zone = TimeZonePreference.of(name);
        assertThat(zone.zone()).isEqualTo(ZoneId.of(name));
        assertThat(zone.name()).isEqualTo(name);
        assertThat(zone.toString()).isEqualTo(name);
    }

    @Test
    void utcIsItsOwnName() {
        assertThat(TimeZonePreference.of("UTC")).isEqualTo(TimeZonePreference.UTC);
        assertThat(TimeZonePreference.UTC.name()).isEqualTo("UTC");
        assertThat(TimeZonePreference.UTC.zone()).isEqualTo(ZoneOffset.UTC);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+02:00", "GMT+2", "Mars/Olympus", "europe/paris", "Europe/Paris ", "../../etc/passwd"})
    void otherZoneNamesAreRefused(String name) {
        assertThatThrownBy(() -> TimeZonePreference.of(name))
                .isInstanceOfSatisfying(DomainValidationException.class, e -> {
                    assertThat(e.violations().getFirst().field()).isEqualTo("timeZone");
                    assertThat(e.violations().getFirst().rule()).isEqualTo("unknown_time_zone");
                });
    }

    @Test
    void aMissingZoneIsRequired() {
        assertThatThrownBy(() -> TimeZonePreference.of(null))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().getFirst().rule()).isEqualTo("required"));
        assertThatThrownBy(() -> TimeZonePreference.of(" ")).isInstanceOf(DomainValidationException.class);
    }

    @Test
    void aProfileStartsWithTheDefaults() {
        UserProfile profile = UserProfile.defaults(UserId.of("alice"), T0);
        assertThat(profile.displayName()).isEmpty();
        assertThat(profile.timeZone()).isEqualTo(TimeZonePreference.UTC);
        assertThat(profile.createdAt()).isEqualTo(T0);
        assertThat(profile.updatedAt()).isEqualTo(T0);
    }

    @Test
    void todayDependsOnTheUsersTimeZone() {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        UserProfile utc = UserProfile.defaults(UserId.of("alice"), T0);
        UserProfile tokyo = utc.withPreferences(Optional.empty(), TimeZonePreference.of("Asia/Tokyo"), T0);
        UserProfile honolulu = utc.withPreferences(Optional.empty(), TimeZonePreference.of("Pacific/Honolulu"), T0);
        assertThat(utc.today(clock)).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(tokyo.today(clock)).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(honolulu.today(clock)).isEqualTo(LocalDate.of(2026, 3, 1));
    }

    @Test
    void changingPreferencesKeepsTheCreationTime() {
        Instant later = T0.plusSeconds(60);
        UserProfile changed = UserProfile.defaults(UserId.of("alice"), T0)
                .withPreferences(Optional.of(DisplayName.of("Alice")), TimeZonePreference.of("Europe/Paris"), later);
        assertThat(changed.createdAt()).isEqualTo(T0);
        assertThat(changed.updatedAt()).isEqualTo(later);
        assertThat(changed.displayName()).contains(DisplayName.of("Alice"));
        assertThatThrownBy(() -> new UserProfile(UserId.of("a"), Optional.empty(), TimeZonePreference.UTC, later, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
