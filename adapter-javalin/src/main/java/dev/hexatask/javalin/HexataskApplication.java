package dev.hexatask.javalin;

import dev.hexatask.javalin.config.ServerConfig;
import dev.hexatask.javalin.http.HexataskServer;
import dev.hexatask.javalin.http.HttpTimeouts;
import dev.hexatask.javalin.wiring.ServerComponent;
import dev.hexatask.javalin.wiring.ServerDatabase;
import dev.hexatask.persistence.PostgresPersistence;

import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The application running: wired by {@link ServerComponent}, its database migrated, its HTTP server listening.
 * It purges expired idempotency records in the background ({@link IdempotencyPurgeSchedule}). {@link #close()}
 * stops that, then the server (letting requests in flight finish), and then closes the connection pool.
 */
public final class HexataskApplication implements AutoCloseable {

    /** How long start-up waits for an unreachable database before giving up. */
    public static final Duration DATABASE_PATIENCE = Duration.ofSeconds(60);

    private final PostgresPersistence persistence;
    private final ServerDatabase database;
    private final HexataskServer server;
    private final IdempotencyPurgeSchedule purge;

    private HexataskApplication(PostgresPersistence persistence, ServerDatabase database, HexataskServer server,
                                IdempotencyPurgeSchedule purge) {
        this.persistence = persistence;
        this.database = database;
        this.server = server;
        this.purge = purge;
    }

    public static HexataskApplication start(ServerConfig config, String host, Consumer<String> progress) {
        return start(config, host, progress, HttpTimeouts.DEFAULT);
    }

    /** As {@link #start(ServerConfig, String, Consumer)}, waiting on clients as {@code timeouts} says. */
    static HexataskApplication start(ServerConfig config, String host, Consumer<String> progress,
                                     HttpTimeouts timeouts) {
        ServerComponent component = ServerComponent.of(config);
        ServerDatabase database = component.database();
        PostgresPersistence persistence = component.persistence();
        try {
            DatabaseStartup.migrate(persistence, database.jdbcUrl(), DATABASE_PATIENCE, progress);
            HexataskServer server = HexataskServer.start(component.api(), config, host, timeouts);
            return new HexataskApplication(persistence, database, server,
                    IdempotencyPurgeSchedule.start(component.idempotencyPurge()));
        } catch (RuntimeException e) {
            persistence.close();
            throw e;
        }
    }

    /** The database it uses: its URL (no credentials) and the credentials port. */
    public ServerDatabase database() {
        return database;
    }

    /** The adapter, for tests and tools that look at its pool. */
    public PostgresPersistence persistence() {
        return persistence;
    }

    public int port() {
        return server.port();
    }

    /** The server's root, such as {@code http://localhost:8080}; the API is under {@code /api}. */
    public URI baseUri() {
        return server.baseUri();
    }

    @Override
    public void close() {
        try {
            purge.close();
            server.close();
        } finally {
            persistence.close();
        }
    }
}
