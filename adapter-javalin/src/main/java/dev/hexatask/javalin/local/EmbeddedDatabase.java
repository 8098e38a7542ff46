package dev.hexatask.javalin.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * PostgreSQL 17 from the zonky binaries (real PostgreSQL, shipped in a jar on Maven Central), its data kept in a
 * folder between runs. It listens on localhost only and trusts local connections, as a developer's database may.
 */
final class EmbeddedDatabase implements AutoCloseable {

    static final String DATABASE = "hexatask";
    static final String USER = "hexatask";
    static final String PASSWORD = "hexatask";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private PostgresWatchdog watchdog;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts on {@code port} (0: any free one), creating the folder, the user and the database on first use. A
     * server left running on the folder by a stack that was killed is stopped first ({@link LeftoverPostgres}); the
     * new one is watched so that it stops when this JVM goes, however it goes ({@link PostgresWatchdog}).
     */
    static EmbeddedDatabase start(Path dataDirectory, int port, Consumer<String> progress) throws IOException {
        Files.createDirectories(dataDirectory);
        LeftoverPostgres.stopIfRunning(dataDirectory, progress);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("max_connections", "200");
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedDatabase database = new EmbeddedDatabase(builder.start(), dataDirectory);
        try {
            long pid = LeftoverPostgres.pidFile(dataDirectory)
                    .orElseThrow(() -> new IOException("PostgreSQL started but wrote no postmaster.pid"));
            database.watchdog = PostgresWatchdog.start(dataDirectory, pid);
            database.createUserAndDatabase();
        } catch (SQLException e) {
            database.close();
            throw new IOException("could not create the hexatask database: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    private void createUserAndDatabase() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            // The schema's owner may create roles, as RDS's master user may: the migrations make the application's
            // least-privilege role. A data folder made before that migration existed gets the right here too.
            try (ResultSet role = statement.executeQuery("select 1 from pg_roles where rolname = '" + USER + "'")) {
                if (!role.next()) {
                    statement.execute("create role " + USER + " login createrole password '" + PASSWORD + "'");
                } else {
                    statement.execute("alter role " + USER + " createrole");
                }
            }
            try (ResultSet db = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE
                    + "'")) {
                if (!db.next()) {
                    statement.execute("create database " + DATABASE + " owner " + USER + " encoding 'UTF8'");
                }
            }
        }
    }

    int port() {
        return postgres.getPort();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    String version() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("show server_version")) {
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            return "17";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            if (watchdog != null) {
                watchdog.close();
            }
        }
        // zonky's lock on the folder, released by now; the DevLock keeps a second stack away.
        Files.deleteIfExists(dataDirectory.resolve("epg-lock"));
    }
}
