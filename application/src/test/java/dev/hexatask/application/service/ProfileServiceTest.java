package dev.hexatask.application.service;

import dev.hexatask.application.fixtures.InMemoryCore;
import dev.hexatask.application.port.in.ProfileChanges;
import dev.hexatask.application.port.in.Result;
import dev.hexatask.domain.user.DisplayName;
import dev.hexatask.domain.user.TimeZonePreference;
import dev.hexatask.domain.user.UserId;
import dev.hexatask.domain.user.UserProfile;
import dev.hexatask.domain.validation.Violation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileServiceTest {

    private static final UserId ALICE = UserId.of("alice");

    private final InMemoryCore core = InMemoryCore.create();

    @Test
    void aProfileIsCreatedWithTheDefaultsOnFirstAccess() {
        assertThat(core.profileStore().find(ALICE)).isEmpty();
        Result<UserProfile> first = core.profiles().get(ALICE);
        UserProfile expected = UserProfile.defaults(ALICE, core.clock().instant());
        assertThat(first).isEqualTo(Result.success(expected));
        assertThat(core.profileStore().find(ALICE)).contains(expected);
        core.clock().advance(Duration.ofHours(1));
        assertThat(core.profiles().get(ALICE)).isEqualTo(Result.success(expected));
    }

    @Test
    void updatesThePreferences() {
        core.profiles().get(ALICE);
        core.clock().advance(Duration.ofMinutes(3));
        Result<UserProfile> updated = core.profiles().update(ALICE, new ProfileChanges(" Alice ", "Europe/Paris"));
        UserProfile profile = ((Result.Success<UserProfile>) updated).value();
        assertThat(profile.displayName()).contains(DisplayName.of("Alice"));
        assertThat(profile.timeZone()).isEqualTo(TimeZonePreference.of("Europe/Paris"));
        assertThat(profile.updatedAt()).isEqualTo(core.clock().instant());
        assertThat(profile.createdAt()).isEqualTo(core.clock().instant().minus(Duration.ofMinutes(3)));
        assertThat(core.profiles().get(ALICE)).isEqualTo(Result.success(profile));
    }

    @Test
    void anUpdateReplacesEverythingAndCreatesTheProfileIfNeeded() {
        core.profiles().update(ALICE, new ProfileChanges("Alice", "Asia/Tokyo"));
        Result<UserProfile> cleared = core.profiles().update(ALICE, new ProfileChanges(null, null));
        UserProfile profile = ((Result.Success<UserProfile>) cleared).value();
        assertThat(profile.displayName()).isEqualTo(Optional.empty());
        assertThat(profile.timeZone()).isEqualTo(TimeZonePreference.UTC);
    }

    @Test
    void reportsEveryBadPreferenceAndChangesNothing() {
        core.profiles().update(ALICE, new ProfileChanges("Alice", "Asia/Tokyo"));
        UserProfile before = core.profileStore().find(ALICE).orElseThrow();
        Result<UserProfile> result = core.profiles().update(ALICE, new ProfileChanges("x".repeat(101), "Moon/Base"));
        assertThat(((Result.Invalid<UserProfile>) result).violations()).extracting(Violation::field)
                .containsExactly("displayName", "timeZone");
        assertThat(core.profileStore().find(ALICE)).contains(before);
    }

    @Test
    void theUpdateTimeNeverGoesBackwards() {
        core.profiles().get(ALICE);
        core.clock().set(Instant.parse("2020-01-01T00:00:00Z"));
        UserProfile profile = ((Result.Success<UserProfile>) core.profiles()
                .update(ALICE, new ProfileChanges("A", null))).value();
        assertThat(profile.updatedAt()).isEqualTo(profile.createdAt());
    }

    @Test
    void healthFollowsTheDatabase() {
        assertThat(core.health().check().healthy()).isTrue();
        core.databaseHealth().setReachable(false);
        assertThat(core.health().check().databaseReachable()).isFalse();
        assertThat(core.health().check().healthy()).isFalse();
    }
}
