package dev.hexatask.persistence.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import dev.hexatask.persistence.UrlDatabaseCredentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one PostgreSQL server of a test JVM, started on first use and shared by every test class (each gets its own
 * database on it): the server named by {@code TEST_DATABASE_URL}, else a Testcontainers PostgreSQL 17 when Docker
 * runs, else an embedded PostgreSQL 17.
 */
abstract class TestDatabaseServer {

    static final String URL_VARIABLE = "TEST_DATABASE_URL";
    private static final String LOG_PREFIX = "[hexatask-test-db] ";

    private static TestDatabaseServer shared;

    /** A JDBC URL to one database of this server. */
    abstract String jdbcUrl(String database);

    /** A user allowed to create databases and roles. */
    abstract String adminUser();

    abstract String adminPassword();

    /** What the server is, for the log: "embedded PostgreSQL 17.7" and the like. */
    abstract String kind();

    static synchronized TestDatabaseServer shared() {
        if (shared == null) {
            shared = start();
            System.out.println(LOG_PREFIX + "using " + shared.kind() + " " + shared.version());
        }
        return shared;
    }

    Connection adminConnection(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), adminUser(), adminPassword());
    }

    /** Runs one statement as the admin user on the server's maintenance database. */
    void execute(String sql) {
        try (Connection connection = adminConnection(maintenanceDatabase());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database setup failed: " + e.getMessage(), e);
        }
    }

    String maintenanceDatabase() {
        return "postgres";
    }

    private String version() {
        try (Connection connection = adminConnection(maintenanceDatabase());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("show server_version")) {
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("the test database server does not answer", e);
        }
    }

    private static TestDatabaseServer start() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return new External(UrlDatabaseCredentials.fromUrl(url));
        }
        if (DockerProbe.dockerMayRun() && Containerized.dockerAvailable()) {
            return new Containerized();
        }
        return new Embedded();
    }

    /** The server in {@code TEST_DATABASE_URL}: its user must be allowed to create databases and roles. */
    private static final class External extends TestDatabaseServer {

        private final UrlDatabaseCredentials credentials;
        private final String maintenanceDatabase;

        External(UrlDatabaseCredentials credentials) {
            this.credentials = credentials;
            String path = credentials.jdbcUrl().replaceFirst("^jdbc:postgresql://[^/]*/", "");
            int query = path.indexOf('?');
            String name = query < 0 ? path : path.substring(0, query);
            this.maintenanceDatabase = name.isEmpty() ? "postgres" : name;
        }

        @Override
        String jdbcUrl(String database) {
            return credentials.jdbcUrl().replaceFirst("^(jdbc:postgresql://[^/?]*)/[^?]*", "$1/" + database);
        }

        @Override
        String adminUser() {
            return credentials.current().username();
        }

        @Override
        String adminPassword() {
            return credentials.current().password();
        }

        @Override
        String maintenanceDatabase() {
            return maintenanceDatabase;
        }

        @Override
        String kind() {
            return "the PostgreSQL server in " + URL_VARIABLE + ",";
        }
    }

    /** Docker is there only if its socket or DOCKER_HOST is: a cheap look before asking Testcontainers. */
    private static final class DockerProbe {

        static boolean dockerMayRun() {
            return System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
                    || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
        }
    }

    /** PostgreSQL 17 in a container; its classes load only when Docker is there. */
    private static final class Containerized extends TestDatabaseServer {

        private final org.testcontainers.postgresql.PostgreSQLContainer container =
                new org.testcontainers.postgresql.PostgreSQLContainer("postgres:17-alpine");

        Containerized() {
            container.start();
        }

        static boolean dockerAvailable() {
            try {
                return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException e) {
                return false;
            }
        }

        @Override
        String jdbcUrl(String database) {
            return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/" + database;
        }

        @Override
        String adminUser() {
            return container.getUsername();
        }

        @Override
        String adminPassword() {
            return container.getPassword();
        }

        @Override
        String kind() {
            return "Testcontainers PostgreSQL";
        }
    }

    /**
     * PostgreSQL 17 from the zonky binaries, in a fresh data directory. The superuser connects without a password;
     * every other role must give its password over TCP, so that tests can watch a wrong password be refused.
     */
    private static final class Embedded extends TestDatabaseServer {

        private final EmbeddedPostgres postgres;

        Embedded() {
            try {
                Path dataDirectory = Files.createTempDirectory("hexatask-test-pg");
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(true)
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "200")
                        .setServerConfig("password_encryption", "scram-sha-256")
                        .start();
                Files.writeString(dataDirectory.resolve("pg_hba.conf"), """
                        local all all trust
                        host all postgres 127.0.0.1/32 trust
                        host all postgres ::1/128 trust
                        host all all 127.0.0.1/32 scram-sha-256
                        host all all ::1/128 scram-sha-256
                        """);
                execute("select pg_reload_conf()");
            } catch (IOException e) {
                throw new UncheckedIOException("the embedded PostgreSQL did not start", e);
            }
        }

        @Override
        String jdbcUrl(String database) {
            return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
        }

        @Override
        String adminUser() {
            return "postgres";
        }

        @Override
        String adminPassword() {
            return "";
        }

        @Override
        String kind() {
            return "embedded PostgreSQL";
        }
    }
}
