package dev.hexatask.persistence;

import dev.hexatask.application.port.out.DatabaseCredentials.Credentials;
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The least-privilege role the API signs in as (made by migration V2, data access only), and its second user for
 * alternating-users rotation. The migrations, signed in as the schema's owner, make the user that the application's
 * secret currently names able to sign in with that secret's password: on the first deploy that gives the role its
 * first password; afterwards it changes nothing, because the rotation keeps the database and the secret in step.
 */
public final class ApplicationRole {

    /** The role that holds the grants. */
    public static final String NAME = "hexatask_app";
    /** The user AWS's alternating-users rotation adds next to {@link #NAME}: its name with {@code _clone}. */
    public static final String ALTERNATE = NAME + "_clone";

    private ApplicationRole() {
    }

    /**
     * Lets {@code credentials.username()} sign in with {@code credentials.password()}. The password goes to the
     * server as a SCRAM-SHA-256 verifier computed here (pgjdbc's {@link PGConnection#alterUserPassword}), never as
     * text a statement log could hold.
     *
     * @param owner connections as the schema's owner (a role that may manage roles, such as RDS's master user)
     * @throws IllegalArgumentException when the credentials name any other user: this never touches a role that is
     *                                  not the application's
     */
    public static void allowSignIn(DataSource owner, Credentials credentials) {
        String user = credentials.username();
        if (!user.equals(NAME) && !user.equals(ALTERNATE)) {
            throw new IllegalArgumentException("the application's credentials name the user '" + user + "', expected "
                    + NAME + " or " + ALTERNATE);
        }
        try (Connection connection = owner.getConnection()) {
            connection.setAutoCommit(true);
            if (!exists(connection, user)) {
                if (user.equals(NAME)) {
                    throw new IllegalStateException("the role " + NAME + " does not exist: migrate the schema first");
                }
                // As the rotation would have made it: a member of the role, so it inherits exactly its grants.
                execute(connection, "create role " + ALTERNATE + " in role " + NAME);
            }
            execute(connection, "alter role " + user + " login");
            connection.unwrap(PGConnection.class).alterUserPassword(user, credentials.password().toCharArray(),
                    "scram-sha-256");
        } catch (SQLException e) {
            throw new IllegalStateException("could not let " + user + " sign in: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection, String role) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            statement.setString(1, role);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
