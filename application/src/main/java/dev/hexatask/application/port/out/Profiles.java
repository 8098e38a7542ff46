package dev.hexatask.application.port.out;

import dev.hexatask.domain.user.UserId;
import dev.hexatask.domain.user.UserProfile;

import java.util.Optional;

/** Where user profiles are kept: one per user. */
public interface Profiles {

    Optional<UserProfile> find(UserId userId);

    /** Stores the profile unless the user has one already; returns the one stored (whichever won). */
    UserProfile insertIfAbsent(UserProfile profile);

    /** Replaces the user's stored profile. */
    void update(UserProfile profile);
}
