package dev.hexatask.application.port.in;

import dev.hexatask.domain.user.UserId;
import dev.hexatask.domain.user.UserProfile;

public interface UpdateProfileUseCase {

    /** Success (the profile as stored) or Invalid. */
    Result<UserProfile> update(UserId caller, ProfileChanges changes);
}
