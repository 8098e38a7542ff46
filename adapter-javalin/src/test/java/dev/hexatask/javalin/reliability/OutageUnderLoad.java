package dev.hexatask.javalin.reliability;

import dev.hexatask.javalin.HexataskApplication;
import dev.hexatask.javalin.config.ServerConfig;
import dev.hexatask.jwt.testing.TestIdentityProvider;
import dev.hexatask.persistence.testing.FreezablePostgres;
import dev.hexatask.persistence.testing.OutageRun;
import dev.hexatask.persistence.testing.OutageRun.Sample;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Part 1 of the reliability suite (not a test: it prints figures). The server on a PostgreSQL of its own, a bounded
 * closed-loop load of reads and writes, and in the middle the database frozen (every PostgreSQL process SIGSTOPped,
 * connections open and silent, the hard case) and then thawed. Prints requests, statuses, latencies per phase, the
 * time to recover, threads and connections, and checks that every acknowledged create is stored and nothing that
 * failed is half-written.
 * <p>
 * {@code ./mvnw -q -pl adapter-javalin -am test-compile -Preliability} with {@code -Dreliability.before=10}
 * {@code -Dreliability.outage=15} {@code -Dreliability.after=15} {@code -Dreliability.clients=8} (seconds, clients).
 */
public final class OutageUnderLoad {

    private static final String ORIGIN = "https://app.hexatask.test";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private OutageUnderLoad() {
    }

    public static void main(String[] args) throws Exception {
        int before = Integer.getInteger("reliability.before", 10);
        int outage = Integer.getInteger("reliability.outage", 15);
        int after = Integer.getInteger("reliability.after", 15);
        int clients = Integer.getInteger("reliability.clients", 8);
        int poolSize = 8;
        System.out.printf("== Outage under load: Javalin server, %d clients (closed loop, 70%% GET /api/tasks, 30%% "
                + "POST /api/tasks with an Idempotency-Key), %d s before, %d s frozen (SIGSTOP), %d s after; pool %d%n",
                clients, before, outage, after, poolSize);
        System.out.println("machine: " + OutageRun.machine());

        try (FreezablePostgres database = FreezablePostgres.start();
             TestIdentityProvider identity = TestIdentityProvider.start()) {
            var credentials = database.credentials().current();
            Map<String, String> env = new HashMap<>();
            env.put("PORT", "0");
            env.put("DATABASE_URL", database.jdbcUrl() + "?user=" + credentials.username() + "&password="
                    + URLEncoder.encode(credentials.password(), StandardCharsets.UTF_8));
            env.put("DB_POOL_SIZE", Integer.toString(poolSize));
            env.put("OIDC_ISSUER", identity.issuer());
            env.put("OIDC_CLIENT_IDS", identity.clientId());
            env.put("OIDC_REQUIRED_SCOPE", "hexatask/api");
            env.put("CORS_ALLOWED_ORIGINS", ORIGIN);
            env.put("LOG_LEVEL", "ERROR");
            try (HexataskApplication application = HexataskApplication.start(ServerConfig.fromEnvironment(env),
                    "127.0.0.1", line -> { })) {
                URI api = URI.create(application.baseUri() + "/api");
                run(api, identity, database, clients, before, outage, after, poolSize);
            }
        }
        System.exit(0);
    }

    private static void run(URI api, TestIdentityProvider identity, FreezablePostgres database, int clients,
                            int before, int outage, int after, int poolSize) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        OutageRun run = new OutageRun(Duration.ofSeconds(before), Duration.ofSeconds(outage),
                Duration.ofSeconds(after));
        AtomicInteger sequence = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String user = "load-" + c;
            String token = identity.authorizationHeader(user, user);
            workers.add(Thread.ofPlatform().name("load-" + c).start(() -> {
                while (run.running()) {
                    run.add(ThreadLocalRandom.current().nextInt(10) < 7 ? list(http, api, token)
                            : create(http, api, token, user + "-" + sequence.incrementAndGet()));
                }
            }));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int threadsBefore = threads.getThreadCount();
        run.drive(database);
        int peakThreads = threads.getPeakThreadCount();
        for (Thread worker : workers) {
            worker.join(Duration.ofSeconds(30));
        }
        run.report("Retry-After, the CORS header and problem+json");
        System.out.printf("JVM threads (server and clients): %d at the start, peak %d, %d at the end%n",
                threadsBefore, peakThreads, threads.getThreadCount());
        run.checkWrites(database, "hexatask", poolSize);
    }

    private static Sample list(HttpClient http, URI api, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/tasks?limit=20"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", token)
                .header("Origin", ORIGIN)
                .GET().build();
        return send(http, request, "GET", null, null);
    }

    private static Sample create(HttpClient http, URI api, String token, String name) {
        String title = "Outage " + name + " " + UUID.randomUUID();
        String key = "key-" + UUID.randomUUID();
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/tasks"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", token)
                .header("Origin", ORIGIN)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\",\"tags\":[\"load\"]}"))
                .build();
        return send(http, request, "POST", title, key);
    }

    private static Sample send(HttpClient http, HttpRequest request, String kind, String title, String key) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long ended = System.nanoTime();
            String id = null;
            if (response.statusCode() == 201) {
                Matcher matcher = ID.matcher(response.body());
                id = matcher.find() ? matcher.group(1) : null;
            }
            var headers = response.headers();
            boolean wellFormed = headers.firstValue("Retry-After").isPresent()
                    && headers.firstValue("Access-Control-Allow-Origin").filter(ORIGIN::equals).isPresent()
                    && headers.firstValue("Content-Type").filter(t -> t.startsWith("application/problem+json"))
                    .isPresent();
            return new Sample(started, ended, kind, response.statusCode(), wellFormed, title, key, id);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new Sample(started, System.nanoTime(), kind, -1, false, title, key, null);
        }
    }
}
