package dev.hexatask.javalin;

import dev.hexatask.javalin.config.ServerConfig;
import dev.hexatask.javalin.http.HttpTimeouts;
import dev.hexatask.jwt.testing.TestIdentityProvider;
import dev.hexatask.persistence.testing.TestDatabase;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The server as it runs for real, for tests: on a migrated PostgreSQL database of the test class's own, trusting a
 * test identity provider that publishes its keys over HTTP, listening on a free port of 127.0.0.1.
 */
final class TestStack implements AutoCloseable {

    static final String ALLOWED_ORIGIN = "https://app.hexatask.test";

    final TestDatabase database;
    final TestIdentityProvider identityProvider;
    final HexataskApplication application;

    private TestStack(TestDatabase database, TestIdentityProvider identityProvider, HexataskApplication application) {
        this.database = database;
        this.identityProvider = identityProvider;
        this.application = application;
    }

    static TestStack start(TestDatabase database) {
        return start(database, Map.of());
    }

    /** @param overrides environment variables to set or change */
    static TestStack start(TestDatabase database, Map<String, String> overrides) {
        return start(database, overrides, HttpTimeouts.DEFAULT);
    }

    /** @param timeouts how long the server waits on its clients */
    static TestStack start(TestDatabase database, Map<String, String> overrides, HttpTimeouts timeouts) {
        TestIdentityProvider identityProvider = TestIdentityProvider.start();
        try {
            Map<String, String> env = environment(database, identityProvider);
            env.putAll(overrides);
            HexataskApplication application = HexataskApplication.start(ServerConfig.fromEnvironment(env),
                    "127.0.0.1", line -> { }, timeouts);
            return new TestStack(database, identityProvider, application);
        } catch (RuntimeException e) {
            identityProvider.close();
            throw e;
        }
    }

    static Map<String, String> environment(TestDatabase database, TestIdentityProvider identityProvider) {
        var credentials = database.credentials().current();
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("DATABASE_URL", database.jdbcUrl() + "?user=" + encode(credentials.username()) + "&password="
                + encode(credentials.password()));
        env.put("DB_POOL_SIZE", "8");
        env.put("OIDC_ISSUER", identityProvider.issuer());
        env.put("OIDC_CLIENT_IDS", identityProvider.clientId());
        env.put("OIDC_REQUIRED_SCOPE", "hexatask/api");
        env.put("CORS_ALLOWED_ORIGINS", ALLOWED_ORIGIN);
        return env;
    }

    /** The server's root, such as {@code http://localhost:41234}. */
    URI root() {
        return application.baseUri();
    }

    URI apiBase() {
        return URI.create(root() + "/api");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            application.close();
        } finally {
            identityProvider.close();
        }
    }
}
