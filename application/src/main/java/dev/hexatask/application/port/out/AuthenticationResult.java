package dev.hexatask.application.port.out;

import java.util.Objects;

/** The outcome of authenticating a request. */
public sealed interface AuthenticationResult {

    /** The caller is known. */
    record Authenticated(AuthenticatedUser user) implements AuthenticationResult {

        public Authenticated {
            Objects.requireNonNull(user, "user");
        }
    }

    /**
     * The caller is not: no credentials, or credentials that do not hold. The reason is for logs at debug level,
     * never for the client (every rejection looks the same to them) and never holds the token.
     */
    record Rejected(String reason) implements AuthenticationResult {

        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
