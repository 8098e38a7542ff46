package dev.hexatask.persistence.testing;

import dev.hexatask.application.port.out.Profiles;
import dev.hexatask.domain.user.DisplayName;
import dev.hexatask.domain.user.TimeZonePreference;
import dev.hexatask.domain.user.UserId;
import dev.hexatask.domain.user.UserProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every implementation of {@link Profiles} must do; runs against the in-memory fake and PostgreSQL. */
public abstract class ProfilesContract {

    private static final UserId ALICE = UserId.of("alice");
    private static final Instant T0 = TaskBuilder.T0;

    protected RepositoryPorts ports;
    protected Profiles profiles;

    protected abstract RepositoryPorts freshPorts();

    @BeforeEach
    void startEmpty() {
        ports = freshPorts();
        profiles = ports.profiles();
    }

    @Test
    void a_user_without_a_profile_has_none() {
        assertThat(profiles.find(ALICE)).isEmpty();
    }

    @Test
    void the_first_insert_stores_the_profile_and_returns_it() {
        UserProfile profile = UserProfile.defaults(ALICE, T0);

        assertThat(profiles.insertIfAbsent(profile)).isEqualTo(profile);
        assertThat(profiles.find(ALICE)).contains(profile);
    }

    @Test
    void a_later_insert_keeps_and_returns_the_stored_profile() {
        UserProfile first = new UserProfile(ALICE, Optional.of(DisplayName.of("Alice")),
                TimeZonePreference.of("Europe/Paris"), T0, T0);
        profiles.insertIfAbsent(first);

        assertThat(profiles.insertIfAbsent(UserProfile.defaults(ALICE, T0.plusSeconds(5)))).isEqualTo(first);
        assertThat(profiles.find(ALICE)).contains(first);
    }

    @Test
    void an_update_replaces_the_stored_profile() {
        profiles.insertIfAbsent(UserProfile.defaults(ALICE, T0));
        UserProfile changed = UserProfile.defaults(ALICE, T0).withPreferences(
                Optional.of(DisplayName.of("Ms. Alice")), TimeZonePreference.of("America/Argentina/Buenos_Aires"),
                T0.plusSeconds(60));

        profiles.update(changed);

        assertThat(profiles.find(ALICE)).contains(changed);
    }

    @Test
    void an_update_can_clear_the_display_name() {
        UserProfile named = new UserProfile(ALICE, Optional.of(DisplayName.of("Alice")), TimeZonePreference.UTC,
                T0, T0);
        profiles.insertIfAbsent(named);
        UserProfile cleared = named.withPreferences(Optional.empty(), TimeZonePreference.UTC, T0.plusSeconds(1));

        profiles.update(cleared);

        assertThat(profiles.find(ALICE)).contains(cleared);
    }

    @Test
    void updating_a_profile_that_does_not_exist_fails_and_creates_nothing() {
        assertThatThrownBy(() -> profiles.update(UserProfile.defaults(ALICE, T0)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(profiles.find(ALICE)).isEmpty();
    }

    @Test
    void profiles_are_per_user() {
        UserProfile alices = new UserProfile(ALICE, Optional.of(DisplayName.of("Alice")), TimeZonePreference.UTC,
                T0, T0);
        UserProfile bobs = new UserProfile(UserId.of("bob"), Optional.of(DisplayName.of("Bob")),
                TimeZonePreference.of("Asia/Tokyo"), T0, T0);
        profiles.insertIfAbsent(alices);
        profiles.insertIfAbsent(bobs);

        assertThat(profiles.find(ALICE)).contains(alices);
        assertThat(profiles.find(UserId.of("bob"))).contains(bobs);
        assertThat(profiles.find(UserId.of("Alice"))).isEmpty();
    }

    @Test
    void work_that_throws_leaves_no_profile_written() {
        RuntimeException failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> ports.transactions().inTransaction(() -> {
            profiles.insertIfAbsent(UserProfile.defaults(ALICE, T0));
            throw failure;
        })).isSameAs(failure);

        assertThat(profiles.find(ALICE)).isEmpty();
    }

    @Test
    void every_display_name_and_user_id_the_domain_accepts_round_trips_byte_for_byte() {
        List<UserProfile> stored = new ArrayList<>();
        int n = 0;
        for (String text : NaughtyStrings.all()) {
            Optional<DisplayName> name = Accepts.displayName(text);
            if (name.isPresent()) {
                UserId user = UserId.of(Character.toString(0x1F600 + n % 64) + " " + text.strip().codePoints()
                        .limit(200).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                        + " #" + n++);
                UserProfile profile = new UserProfile(user, name, TimeZonePreference.UTC, T0, T0);
                assertThat(profiles.insertIfAbsent(profile)).isEqualTo(profile);
                stored.add(profile);
            }
        }
        assertThat(stored).hasSizeGreaterThan(400);
        for (UserProfile profile : stored) {
            UserProfile found = profiles.find(profile.userId()).orElseThrow();
            assertThat(Accepts.utf8(found.displayName().orElseThrow().value()))
                    .isEqualTo(Accepts.utf8(profile.displayName().orElseThrow().value()));
            assertThat(Accepts.utf8(found.userId().value())).isEqualTo(Accepts.utf8(profile.userId().value()));
        }
    }
}
