package dev.hexatask.application.port.in;

import dev.hexatask.domain.user.UserId;
import dev.hexatask.domain.user.UserProfile;

public interface GetProfileUseCase {

    /** Success: the caller's profile, created with the defaults on first access. */
    Result<UserProfile> get(UserId caller);
}
