package dev.hexatask.persistence.testing;

import dev.hexatask.application.port.out.DatabaseCredentials.Credentials;
import dev.hexatask.persistence.ApplicationRole;
import dev.hexatask.persistence.DatabaseSettings;
import dev.hexatask.persistence.PostgresPersistence;
import dev.hexatask.persistence.UrlDatabaseCredentials;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A migrated database of its own for one test class, on the JVM's shared test server. Hand it to the code under
 * test as a URL plus credentials, or take a ready {@link PostgresPersistence} (closed after the class).
 */
public final class TestDatabase {

    /** The tables tests fill; {@link #clear()} empties them (the cursor signing key stays). */
    private static final String DATA_TABLES = "tasks, user_profiles, idempotency_records";
    /** The application role belongs to the server: it gets one password per server, the first time it is asked. */
    private static final Map<TestDatabaseServer, String> APPLICATION_PASSWORDS = new ConcurrentHashMap<>();

    private final TestDatabaseServer server;
    private final String name;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private PostgresPersistence persistence;
    private PostgresPersistence applicationPersistence;

    TestDatabase(TestDatabaseServer server, String name) {
        this.server = server;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The JDBC URL, without credentials. */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** Credentials of a user that owns the database. */
    public UrlDatabaseCredentials credentials() {
        return UrlDatabaseCredentials.of(jdbcUrl(), server.adminUser(), server.adminPassword());
    }

    /**
     * Credentials of the least-privilege role the API signs in as in AWS ({@link ApplicationRole#NAME}), made able to
     * sign in the way the migrations function does it.
     */
    public UrlDatabaseCredentials applicationCredentials() {
        String password = APPLICATION_PASSWORDS.computeIfAbsent(server, ignored -> {
            String generated = "app-" + UUID.randomUUID();
            var owner = new org.postgresql.ds.PGSimpleDataSource();
            owner.setUrl(jdbcUrl());
            owner.setUser(server.adminUser());
            owner.setPassword(server.adminPassword());
            ApplicationRole.allowSignIn(owner, new Credentials(ApplicationRole.NAME, generated));
            return generated;
        });
        return UrlDatabaseCredentials.of(jdbcUrl(), ApplicationRole.NAME, password);
    }

    /** The adapter signed in as the application role, as the API is in AWS; shared within the test class. */
    public synchronized PostgresPersistence applicationPersistence() {
        if (applicationPersistence == null) {
            applicationPersistence = PostgresPersistence.start(settings(), applicationCredentials());
            opened.add(applicationPersistence);
        }
        return applicationPersistence;
    }

    /** Settings for a server-shaped pool on this database, with a short connection timeout for tests. */
    public DatabaseSettings settings() {
        return DatabaseSettings.forServer(jdbcUrl()).withPoolSize(4).withConnectionTimeout(Duration.ofSeconds(2));
    }

    /** The adapter on this database, shared within the test class. */
    public synchronized PostgresPersistence persistence() {
        if (persistence == null) {
            persistence = start(settings());
        }
        return persistence;
    }

    /** Another adapter on this database with these settings; closed after the class. */
    public synchronized PostgresPersistence start(DatabaseSettings settings) {
        PostgresPersistence started = PostgresPersistence.start(settings, credentials());
        opened.add(started);
        return started;
    }

    /** Empties every table that tests write to. */
    public void clear() {
        execute("truncate table " + DATA_TABLES);
    }

    /** Runs SQL as the database's owner: set-up and checks of tests only. */
    public void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
        }
    }

    /** A plain JDBC connection as the owner; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), server.adminUser(), server.adminPassword());
    }

    /**
     * Creates a login role with this password and every right on the database's tables, for tests of credentials.
     */
    public void createLoginRole(String role, String password) {
        server.execute("create role " + role + " login password '" + password.replace("'", "''") + "'");
        execute("grant all on all tables in schema public to " + role);
    }

    /** Whether the server refuses this role a wrong password (a server in TEST_DATABASE_URL may trust everyone). */
    public boolean refusesWrongPassword(String role) {
        try (Connection ignored = DriverManager.getConnection(jdbcUrl(), role, "surely-" + UUID.randomUUID())) {
            return false;
        } catch (SQLException e) {
            return true;
        }
    }

    /** Runs SQL as the server's admin on its maintenance database (ALTER ROLE and the like). */
    public void executeOnServer(String sql) {
        server.execute(sql);
    }

    synchronized void close() {
        for (AutoCloseable closeable : opened.reversed()) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close a test connection pool", e);
            }
        }
        opened.clear();
        persistence = null;
        applicationPersistence = null;
    }
}
