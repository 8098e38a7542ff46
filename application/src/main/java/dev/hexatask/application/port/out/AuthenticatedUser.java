package dev.hexatask.application.port.out;

import dev.hexatask.domain.user.UserId;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as the identity provider vouches: the stable id ({@code sub}), the user name, the email when the
 * token carries one, and the groups and scopes granted.
 */
public record AuthenticatedUser(UserId id, String username, Optional<String> email, Set<String> groups,
                                Set<String> scopes) {

    public AuthenticatedUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        groups = Set.copyOf(groups);
        scopes = Set.copyOf(scopes);
    }
}
