package dev.hexatask.javalin.local;

import dev.hexatask.application.port.out.StorageUnavailableException;
import dev.hexatask.javalin.HexataskApplication;
import dev.hexatask.javalin.LogLevels;
import dev.hexatask.javalin.config.ConfigurationException;
import dev.hexatask.javalin.config.ServerConfig;
import dev.hexatask.rest.UncaughtFailures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * The local stack that {@code bin/dev} runs, in one process: PostgreSQL 17 (embedded, its data in the
 * {@link DataFolder}, {@code .data/postgres} by default; or the server in {@code DATABASE_URL}, or the one a Secrets
 * Manager secret in {@code DB_SECRET_ARN} names), migrations, a local
 * OpenID Connect provider issuing Cognito-shaped tokens (unless {@code OIDC_ISSUER} names a real one), and the API
 * with its docs and the frontend. Ctrl-C or SIGTERM stops everything in reverse order. Run from the repository's
 * root.
 */
public final class DevStack {

    static final String FRONTEND_DEV_ORIGIN = "http://localhost:5173";
    static final String TOKEN_LIFETIME = "HEXATASK_LOCAL_TOKEN_LIFETIME";

    private static final long STARTED = System.nanoTime();
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final DataFolder data;

    private DevStack(DataFolder data) {
        this.data = data;
    }

    public static void main(String[] args) throws Exception {
        UncaughtFailures.logThem();
        // As the server's Main does; an invalid LOG_LEVEL is reported with the rest of the configuration.
        ServerConfig.logLevel(System.getenv()).ifPresent(LogLevels::apply);
        boolean seed = false;
        for (String arg : args) {
            if (arg.equals("--seed")) {
                seed = true;
            } else {
                System.err.println("usage: bin/dev [--seed] | bin/dev token <username> | bin/dev invoke <event.json> "
                        + "| bin/dev event <METHOD> <path> [body] [--user NAME]");
                System.exit(64);
            }
        }
        new DevStack(DataFolder.fromEnvironment(System.getenv())).run(seed, System.getenv());
    }

    private void run(boolean seed, Map<String, String> environment) throws Exception {
        Optional<DevLock> lock = DevLock.tryAcquire(data.lockFile());
        if (lock.isEmpty()) {
            String holder = DevLock.holder(data.lockFile()).map(pid -> " (pid " + pid + ")").orElse("");
            System.err.println("bin/dev: a stack is already running in this folder" + holder
                    + "; stop it with Ctrl-C in its terminal first");
            System.exit(1);
        }
        running.push(lock.get());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopAll();
            stopped.countDown();
        }, "bin-dev-shutdown"));
        try {
            start(seed, environment);
        } catch (ConfigurationException | StorageUnavailableException | IOException e) {
            System.err.println("bin/dev: cannot start: " + e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            // A port in use, say: the message says which; the shutdown hook stops what had started.
            System.err.println("bin/dev: cannot start: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    /** The stack's steps, in order; each pushes what it started onto {@link #running}, to be stopped in reverse. */
    private void start(boolean seed, Map<String, String> environment) throws Exception {
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("PORT", "8080");
        env.putIfAbsent("CORS_ALLOWED_ORIGINS", FRONTEND_DEV_ORIGIN);
        int port = port(env.get("PORT"));
        Duration tokenLifetime = tokenLifetime(env.get(TOKEN_LIFETIME));

        // The identity provider starts beside PostgreSQL: both take a second or two, mostly loading classes.
        // Its first sign-in follows in the background, beside PostgreSQL and the API.
        CompletableFuture<LocalIdentityProvider> identityProviderStart = startIdentityProvider(env, port,
                tokenLifetime);
        CompletableFuture<Void> firstSignIn = signInOnce(identityProviderStart);
        Database database = startDatabase(env);
        LocalIdentityProvider identityProvider = awaitIdentityProvider(identityProviderStart, env);

        ServerConfig config = ServerConfig.fromEnvironment(env);
        progress("Migrating the database and starting the API");
        HexataskApplication application = HexataskApplication.start(config, "127.0.0.1", DevStack::progress);
        running.push(application);
        if (database == null) {
            // The secret's password stays in memory: the stack file gets none.
            database = new Database(application.database().jdbcUrl(),
                    application.database().credentials().current().username(), "",
                    "PostgreSQL from the secret in DB_SECRET_ARN");
        }
        await(firstSignIn, "the local OpenID Connect provider cannot sign anyone in");
        String root = application.baseUri().toString();
        String apiUrl = root + "/api";

        String clientId = config.jwt().clientIds().iterator().next();
        new StackFile(apiUrl, database.url(), database.user(), database.password(), config.jwt().issuer(),
                config.jwt().jwksUrl().toString(), identityProvider == null ? null : identityProvider.tokenEndpoint(),
                clientId, LocalIdentityProvider.SCOPE).write(data.stackFile());
        running.push(() -> Files.deleteIfExists(data.stackFile()));

        if (seed) {
            seed(identityProvider, apiUrl, clientId);
        }
        System.out.println(readyMessage(root, apiUrl, database, config, identityProvider != null));
    }

    /** The database the stack uses: where it is, who signs in, and what to call it. */
    private record Database(String url, String user, String password, String description) {
    }

    /** The local OpenID Connect provider, started in the background; none when {@code OIDC_ISSUER} is set. */
    private CompletableFuture<LocalIdentityProvider> startIdentityProvider(Map<String, String> env, int port,
                                                                           Duration tokenLifetime) {
        if (!blank(env.get("OIDC_ISSUER"))) {
            return null;
        }
        progress("Starting the local OpenID Connect provider on port " + (port == 0 ? "any" : port + 1));
        return CompletableFuture.supplyAsync(() -> {
            try {
                return LocalIdentityProvider.start(port == 0 ? 0 : port + 1, data.signingKey(), tokenLifetime);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Embedded PostgreSQL (its URL goes into {@code DATABASE_URL}), or the server {@code DATABASE_URL} names; null
     * when {@code DB_SECRET_ARN} alone names the database (the API reads the secret when it starts).
     */
    private Database startDatabase(Map<String, String> env) throws IOException {
        if (blank(env.get("DATABASE_URL")) && !blank(env.get("DB_SECRET_ARN"))) {
            progress("Using the database of the secret in DB_SECRET_ARN");
            return null;
        }
        if (!blank(env.get("DATABASE_URL"))) {
            var credentials = dev.hexatask.persistence.UrlDatabaseCredentials.fromUrl(env.get("DATABASE_URL"));
            return new Database(credentials.jdbcUrl(), credentials.current().username(),
                    credentials.current().password(), "PostgreSQL from DATABASE_URL");
        }
        progress("Starting PostgreSQL 17 with its data in " + data.postgres().toAbsolutePath()
                + (Files.exists(data.postgres().resolve("PG_VERSION")) ? "" : " (first run: creating it)"));
        EmbeddedDatabase database = EmbeddedDatabase.start(data.postgres(), 0, DevStack::progress);
        running.push(database);
        env.put("DATABASE_URL", database.jdbcUrl() + "?user=" + EmbeddedDatabase.USER + "&password="
                + EmbeddedDatabase.PASSWORD);
        progress("PostgreSQL is up on port " + database.port());
        return new Database(database.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD,
                "PostgreSQL " + database.version() + " (embedded)");
    }

    /** Waits for the identity provider started beside the database, and points the API's settings at it. */
    private LocalIdentityProvider awaitIdentityProvider(CompletableFuture<LocalIdentityProvider> start,
                                                        Map<String, String> env) throws IOException {
        if (start == null) {
            return null;
        }
        LocalIdentityProvider identityProvider = await(start, "the local OpenID Connect provider did not start");
        running.push(identityProvider);
        env.put("OIDC_ISSUER", identityProvider.issuer());
        env.put("OIDC_CLIENT_IDS", LocalIdentityProvider.CLIENT_ID);
        env.put("OIDC_JWKS_URL", identityProvider.jwksUrl());
        env.putIfAbsent("OIDC_REQUIRED_SCOPE", "hexatask/api");
        return identityProvider;
    }

    /**
     * Signs a user in once at the local provider as soon as it has started, in the background: its first answers take
     * seconds (they load thousands of classes), and the stack says it is running only once they are behind it.
     */
    private static CompletableFuture<Void> signInOnce(CompletableFuture<LocalIdentityProvider> started) {
        if (started == null) {
            return CompletableFuture.completedFuture(null);
        }
        return started.thenAcceptAsync(identityProvider -> {
            try {
                identityProvider.signInOnce();
                progress("The local sign-in is ready (one user signed in to load it)");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** What a step run in the background gave, or its failure as an {@link IOException} headed by {@code failure}. */
    private static <T> T await(CompletableFuture<T> step, String failure) throws IOException {
        try {
            return step.join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException io ? io.getCause() : e.getCause();
            throw new IOException(failure + ": " + cause.getMessage(), cause);
        }
    }

    private static void seed(LocalIdentityProvider identityProvider, String apiUrl, String clientId)
            throws Exception {
        if (identityProvider == null) {
            progress("--seed needs the local identity provider; skipped with OIDC_ISSUER set");
            return;
        }
        int created = SampleTasks.load(apiUrl, TokenClient.accessToken(identityProvider.tokenEndpoint(),
                clientId, LocalIdentityProvider.SCOPE, SampleTasks.USER));
        progress(created == 0 ? "User demo already has tasks; nothing seeded"
                : "Seeded " + created + " sample tasks for user demo");
    }

    private String readyMessage(String root, String apiUrl, Database database, ServerConfig config,
                                boolean localSignIn) {
        long millis = (System.nanoTime() - STARTED) / 1_000_000;
        StringBuilder ready = new StringBuilder()
                .append("\nHexatask is running (started in ").append(millis).append(" ms)\n")
                .append("  App        ").append(root).append("/\n")
                .append("  API        ").append(apiUrl).append("   (try ").append(apiUrl).append("/health)\n")
                .append("  API docs   ").append(apiUrl).append("/docs\n")
                .append("  Database   ").append(database.url()).append("  user ").append(database.user())
                .append(", ").append(database.description()).append('\n')
                .append("  Storage    ").append(data.postgres().toAbsolutePath()).append('\n')
                .append("  Sign-in    ").append(config.jwt().issuer()).append('\n')
                .append("  Runtime    Java ").append(Runtime.version()).append(" (").append(System.getProperty("java.vendor"))
                .append(")\n");
        if (localSignIn) {
            ready.append("  Token      curl -H \"Authorization: Bearer $(bin/dev token alice)\" ")
                    .append(apiUrl).append("/tasks\n");
        }
        return ready.append("Stop with Ctrl-C.").toString();
    }

    private synchronized void stopAll() {
        if (running.isEmpty()) {
            return;
        }
        boolean started = running.size() > 1;
        if (started) {
            progress("Stopping");
        }
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                System.err.println("bin/dev: while stopping: " + e.getMessage());
            }
        }
        if (started) {
            progress("Stopped");
        }
    }

    /** The API's port, checked here because the identity provider takes the next one. */
    private static int port(String value) {
        if (blank(value)) {
            return ServerConfig.DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 0 && port < 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(java.util.List.of("PORT must be a whole number from 0 to 65534 (the local "
                + "identity provider takes PORT+1)"));
    }

    /**
     * How long the local provider's tokens last: short ones let a test watch the app renew its session. Seconds,
     * at least 5 (the API tolerates a minute of clock skew on top) and at most a day.
     */
    private static Duration tokenLifetime(String value) {
        if (blank(value)) {
            return LocalIdentityProvider.DEFAULT_TOKEN_LIFETIME;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds >= 5 && seconds <= 86_400) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(java.util.List.of(TOKEN_LIFETIME + " must be a whole number of seconds "
                + "from 5 to 86400 (the local sign-in server's token lifetime; default 28800)"));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static void progress(String line) {
        System.out.printf("[bin/dev] %5.1f s  %s%n", (System.nanoTime() - STARTED) / 1e9, line);
    }
}
