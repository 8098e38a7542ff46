package dev.hexatask.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.hexatask.jwt.testing.TestIdentityProvider;
import dev.hexatask.lambda.local.LocalContext;
import dev.hexatask.lambda.local.ProxyEventFactory;
import dev.hexatask.persistence.testing.FreezablePostgres;
import dev.hexatask.persistence.testing.OutageRun;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Part 3 of the reliability suite for the Lambda handler (not a test: it prints figures): one execution environment
 * (one {@link ApiHandler}, its pool of one connection) invoked sequentially, as Lambda invokes it, 10,000 times by
 * default: 70 % {@code GET /tasks?limit=20}, 20 % {@code POST /tasks}, 10 % {@code PATCH /tasks/{id}} of a task it
 * created. Every 1,000 invocations it prints p50 and p99 of those, the statuses other than 2xx, the heap after a full
 * collection, the process's resident memory, its open file descriptors, its threads and the connections PostgreSQL
 * holds for the application. Aims: no error; heap, memory, descriptors and threads flat; never more connections
 * than the pool's one.
 * {@code ./mvnw -q -pl adapter-lambda -am test-compile -Preliability -Dreliability.main=dev.hexatask.lambda.LambdaSustainedRun}
 */
public final class LambdaSustainedRun {

    private static final int SLICE = 1_000;

    private LambdaSustainedRun() {
    }

    public static void main(String[] args) throws Exception {
        int invocations = Integer.getInteger("reliability.invocations", 10_000);
        System.out.printf("== Sustained: Lambda handler in-process, one execution environment, %,d sequential "
                + "invocations (70%% GET /tasks, 20%% POST /tasks, 10%% PATCH /tasks/{id})%n", invocations);
        System.out.println("machine: " + OutageRun.machine());
        try (FreezablePostgres database = FreezablePostgres.start();
             TestIdentityProvider identity = TestIdentityProvider.start()) {
            Map<String, String> environment = TestStack.environment(database.jdbcUrl(), database.credentials(),
                    identity);
            LambdaSettings settings = LambdaSettings.fromEnvironment(environment);
            try (var migrations = dev.hexatask.persistence.PostgresPersistence.start(
                    MigrationsHandler.settings(database.jdbcUrl()), database.credentials())) {
                migrations.migrate();
            }
            ApiComponent component = ApiComponent.create(settings);
            ApiHandler handler = new ApiHandler(component.restApi()::get, settings.rest());
            ProxyEventFactory events = new ProxyEventFactory("test");
            String token = identity.authorizationHeader("sustained", "sustained");
            String monitorUrl = TestStack.databaseUrl(database.jdbcUrl(), database.credentials());

            List<String> created = new ArrayList<>();
            Map<String, Integer> versions = new LinkedHashMap<>();
            Map<Integer, Integer> errors = new TreeMap<>();
            long[] slice = new long[SLICE];
            int maxConnections = 0;
            long started = System.nanoTime();
            System.out.println("   invocations   p50 ms   p99 ms  max ms  not 2xx   heap MiB   RSS MiB  fds  threads"
                    + "  connections");
            System.out.println(resources(0, null, errors, monitorUrl));
            for (int i = 0; i < invocations; i++) {
                int kind = i % 10;
                APIGatewayProxyRequestEvent event;
                String patched = null;
                if (kind < 7 || created.isEmpty() && kind == 9) {
                    event = get(events, token);
                } else if (kind < 9) {
                    event = post(events, token, i);
                } else {
                    patched = created.get(i / 10 % created.size());
                    event = patch(events, token, patched, versions.get(patched), i);
                }
                long before = System.nanoTime();
                APIGatewayProxyResponseEvent response = handler.handleRequest(event, new LocalContext());
                slice[i % SLICE] = System.nanoTime() - before;
                int status = response.getStatusCode();
                if (status / 100 != 2) {
                    errors.merge(status, 1, Integer::sum);
                } else if (status == 201) {
                    String id = header(response, "Location").replaceAll(".*/", "");
                    created.add(id);
                    versions.put(id, 1);
                } else if (patched != null) {
                    versions.merge(patched, 1, Integer::sum);
                }
                if ((i + 1) % SLICE == 0) {
                    String row = resources(i + 1, slice, errors, monitorUrl);
                    maxConnections = Math.max(maxConnections, lastConnections);
                    System.out.println(row);
                }
            }
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            System.out.printf("%,d invocations in %d s; statuses other than 2xx: %s; most connections seen: %d "
                            + "(pool of 1); tasks created: %,d%n", invocations, seconds,
                    errors.isEmpty() ? "none" : errors, maxConnections, created.size());
            component.persistence().get().close();
        }
        System.exit(0);
    }

    private static int lastConnections;

    private static String resources(int done, long[] slice, Map<Integer, Integer> errors, String monitorUrl)
            throws IOException, SQLException {
        String latency = "       -        -       -";
        if (slice != null) {
            long[] sorted = slice.clone();
            Arrays.sort(sorted);
            latency = String.format("%8.2f %8.2f %7.1f", sorted[SLICE / 2] / 1e6, sorted[SLICE * 99 / 100] / 1e6,
                    sorted[SLICE - 1] / 1e6);
        }
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
        long rss = residentKib() >> 10;
        long fds;
        try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
            fds = open.count();
        }
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        lastConnections = connections(monitorUrl);
        int failed = errors.values().stream().mapToInt(Integer::intValue).sum();
        return String.format("%14d %s %8d %10d %9d %4d %8d %12d", done, latency, failed, heap, rss, fds, threads,
                lastConnections);
    }

    /** Connections the application holds (the pool's), not counting this monitor's own. */
    private static int connections(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from pg_stat_activity "
                     + "where backend_type = 'client backend' and pid <> pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static long residentKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static Map<String, List<String>> headers(String token) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Authorization", List.of(token));
        headers.put("Origin", List.of(TestStack.ORIGIN));
        return headers;
    }

    private static APIGatewayProxyRequestEvent get(ProxyEventFactory events, String token) {
        return events.event("GET", "/tasks", Map.of("limit", List.of("20")), headers(token), new byte[0], false);
    }

    private static APIGatewayProxyRequestEvent post(ProxyEventFactory events, String token, int i) {
        Map<String, List<String>> headers = headers(token);
        headers.put("Content-Type", List.of("application/json"));
        headers.put("Idempotency-Key", List.of("sustained-" + UUID.randomUUID()));
        return events.event("POST", "/tasks", Map.of(), headers,
                ("{\"title\":\"Sustained " + i + "\",\"tags\":[\"sustained\"]}").getBytes(StandardCharsets.UTF_8),
                false);
    }

    private static APIGatewayProxyRequestEvent patch(ProxyEventFactory events, String token, String id, int version,
                                                     int i) {
        Map<String, List<String>> headers = headers(token);
        headers.put("Content-Type", List.of("application/json"));
        headers.put("If-Match", List.of("\"" + version + "\""));
        return events.event("PATCH", "/tasks/" + id, Map.of(), headers,
                ("{\"title\":\"Renamed " + i + "\"}").getBytes(StandardCharsets.UTF_8), false);
    }

    private static String header(APIGatewayProxyResponseEvent response, String name) {
        if (response.getHeaders() != null) {
            for (var entry : response.getHeaders().entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue();
                }
            }
        }
        if (response.getMultiValueHeaders() != null) {
            for (var entry : response.getMultiValueHeaders().entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().getFirst();
                }
            }
        }
        throw new IllegalStateException("no " + name + " header in a " + response.getStatusCode());
    }
}
