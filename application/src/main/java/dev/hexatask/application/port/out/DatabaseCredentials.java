package dev.hexatask.application.port.out;

import java.util.Objects;

/**
 * The user name and password for new database connections. They may change while the application runs (secret
 * rotation): connection pools ask for them again for each new connection.
 */
public interface DatabaseCredentials {

    /** The credentials to use now, possibly cached. */
    Credentials current();

    /** Fetches the credentials again, bypassing any cache: called when the database refused the current ones. */
    Credentials refresh();

    /** A user name and password. {@link #toString()} never shows the password. */
    record Credentials(String username, String password) {

        public Credentials {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=****]";
        }
    }
}
