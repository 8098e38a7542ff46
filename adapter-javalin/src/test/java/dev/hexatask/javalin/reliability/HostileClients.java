package dev.hexatask.javalin.reliability;

import dev.hexatask.javalin.HexataskApplication;
import dev.hexatask.jwt.testing.TestIdentityProvider;
import dev.hexatask.persistence.testing.FreezablePostgres;
import dev.hexatask.persistence.testing.OutageRun;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Part 4 of the reliability suite (not a test: it prints figures). The server under normal traffic (GET
 * /api/tasks) alone, then with 1,000 idle connections and slowloris clients (a header line a byte at a time), then
 * hostile single requests, each answered with a status while the server stays up; heap after GC before and after.
 * {@code ./mvnw -q -pl adapter-javalin -am test-compile -Preliability -Dreliability.main=dev.hexatask.javalin.reliability.HostileClients}
 */
public final class HostileClients {

    private static final int IDLE_CONNECTIONS = 1_000;
    private static final int SLOW_CLIENTS = 50;
    private static final Duration PHASE = Duration.ofSeconds(10);

    private HostileClients() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("== Hostile clients: Javalin server, 4 clients of normal traffic (GET /api/tasks?limit=20)");
        System.out.println("machine: " + OutageRun.machine());
        try (FreezablePostgres database = FreezablePostgres.start();
             TestIdentityProvider identity = TestIdentityProvider.start()) {
            try (HexataskApplication application = OutageUnderLoad.startServer(database, identity, 10)) {
                run(application.baseUri(), identity.authorizationHeader("hostile", "hostile"));
            }
        }
        System.exit(0);
    }

    private static void run(URI root, String token) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        normalTraffic(http, root, token, Duration.ofSeconds(3));
        long heapBefore = heapAfterGc();
        long[] baseline = normalTraffic(http, root, token, PHASE);
        System.out.printf("baseline:            %6d requests, p50 %d ms, p99 %d ms%n", baseline.length,
                OutageRun.percentile(baseline, 50), OutageRun.percentile(baseline, 99));

        List<Socket> idle = new ArrayList<>();
        int opened = 0;
        for (int i = 0; i < IDLE_CONNECTIONS; i++) {
            try {
                idle.add(new Socket(root.getHost(), root.getPort()));
                opened++;
            } catch (IOException e) {
                break;
            }
        }
        List<Thread> slow = new ArrayList<>();
        ConcurrentLinkedQueue<String> slowEnds = new ConcurrentLinkedQueue<>();
        long slowEnd = System.nanoTime() + PHASE.plusSeconds(2).toNanos();
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            slow.add(Thread.ofVirtual().start(() -> slowloris(root, slowEnd, slowEnds)));
        }
        long[] underAttack = normalTraffic(http, root, token, PHASE);
        System.out.printf("with %d idle connections and %d slowloris clients: %6d requests, p50 %d ms, p99 %d ms "
                        + "(p99 %.2fx the baseline)%n", opened, SLOW_CLIENTS, underAttack.length,
                OutageRun.percentile(underAttack, 50), OutageRun.percentile(underAttack, 99),
                (double) OutageRun.percentile(underAttack, 99)
                        / Math.max(1, OutageRun.percentile(baseline, 99)));
        for (Thread thread : slow) {
            thread.join();
        }
        java.util.Map<String, Long> slowOutcomes = new java.util.TreeMap<>();
        slowEnds.forEach(outcome -> slowOutcomes.merge(outcome, 1L, Long::sum));
        System.out.println("slowloris clients after " + PHASE.plusSeconds(2).toSeconds() + " s: " + slowOutcomes);
        long idleStarted = System.nanoTime();
        int closedByServer = awaitClosed(idle, Duration.ofSeconds(45));
        System.out.printf("idle connections closed by the server: %d of %d, the last after %d s (idle timeout %d s)%n",
                closedByServer, opened, (System.nanoTime() - idleStarted) / 1_000_000_000L,
                dev.hexatask.javalin.http.HttpTimeouts.DEFAULT.idle().toSeconds());
        for (Socket socket : idle) {
            socket.close();
        }

        String longHeader = "x".repeat(64 * 1024);
        StringBuilder manyParameters = new StringBuilder("/api/tasks?");
        for (int i = 0; i < 10_000; i++) {
            manyParameters.append(i == 0 ? "" : "&").append("p").append(i).append("=1");
        }
        String nested = "[".repeat(10_000) + "]".repeat(10_000);
        String auth = "Authorization: " + token + "\r\n";
        String json = "Content-Type: application/json\r\n";
        hostile(root, "header of 64 KiB", "GET /api/tasks HTTP/1.1\r\nHost: x\r\nX-Big: " + longHeader + "\r\n"
                + auth + "Connection: close\r\n\r\n", null, 0);
        hostile(root, "10,000 query parameters", "GET " + manyParameters + " HTTP/1.1\r\nHost: x\r\n" + auth
                + "Connection: close\r\n\r\n", null, 0);
        hostile(root, "JSON nested 10,000 levels", post("/api/tasks", auth + json, nested), null, 0);
        hostile(root, "title as a 10,000-digit number", post("/api/tasks", auth + json,
                "{\"title\":" + "9".repeat(10_000) + "}"), null, 0);
        hostile(root, "priority as 1e999999999", post("/api/tasks", auth + json,
                "{\"title\":\"t\",\"priority\":1e999999999}"), null, 0);
        hostile(root, "invalid UTF-8 in the body", post("/api/tasks", auth + json, null),
                new byte[] {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, 0);
        hostile(root, "invalid UTF-8 in the path", "GET /api/tasks/%C3%28 HTTP/1.1\r\nHost: x\r\n" + auth
                + "Connection: close\r\n\r\n", null, 0);
        hostile(root, "invalid UTF-8 in the query", "GET /api/tasks?tag=%FF%FE HTTP/1.1\r\nHost: x\r\n" + auth
                + "Connection: close\r\n\r\n", null, 0);
        byte[] headerBytes = ("GET /api/tasks HTTP/1.1\r\nHost: x\r\nX-Name: ").getBytes(StandardCharsets.US_ASCII);
        byte[] rawHeader = new byte[headerBytes.length + 2];
        System.arraycopy(headerBytes, 0, rawHeader, 0, headerBytes.length);
        rawHeader[headerBytes.length] = (byte) 0xFF;
        rawHeader[headerBytes.length + 1] = (byte) 0xFE;
        hostile(root, "invalid UTF-8 in a header", null, concat(rawHeader, ("\r\n" + auth
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII)), 0);
        hostile(root, "body of 2 MiB sent in 64 KiB steps, 50 ms apart", "POST /api/tasks HTTP/1.1\r\nHost: x\r\n"
                + auth + json + "Content-Length: " + (2 * 1024 * 1024) + "\r\nConnection: close\r\n\r\n", null,
                2 * 1024 * 1024);
        long[] afterwards = normalTraffic(http, root, token, Duration.ofSeconds(3));
        System.out.printf("afterwards: %d requests served in 3 s; heap after GC %d MiB before, %d MiB after%n",
                afterwards.length, heapBefore / (1024 * 1024), heapAfterGc() / (1024 * 1024));
    }

    private static String post(String path, String headers, String body) {
        if (body == null) {
            return "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + headers + "Content-Length: 14\r\n"
                    + "Connection: close\r\n\r\n";
        }
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + headers + "Content-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = new byte[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    /** Sends one request as raw bytes (then {@code slowBody} zero bytes slowly) and prints the status line. */
    private static void hostile(URI root, String what, String head, byte[] raw, int slowBody) {
        long started = System.nanoTime();
        String status;
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(40_000);
            OutputStream out = socket.getOutputStream();
            if (head != null) {
                out.write(head.getBytes(StandardCharsets.UTF_8));
            }
            if (raw != null) {
                out.write(raw);
            }
            out.flush();
            try {
                byte[] step = new byte[64 * 1024];
                for (int sent = 0; sent < slowBody; sent += step.length) {
                    out.write(step);
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (IOException e) {
                // the server stopped reading: its answer is what counts
            }
            status = firstLine(socket.getInputStream());
        } catch (Exception e) {
            status = "no answer (" + e.getClass().getSimpleName() + ")";
        }
        System.out.printf("  %-50s -> %s (%d ms)%n", what, status, (System.nanoTime() - started) / 1_000_000);
    }

    private static String firstLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != -1 && b != '\n'; ) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.isEmpty() ? "connection closed without an answer" : line.toString();
    }

    private static void slowloris(URI root, long until, ConcurrentLinkedQueue<String> outcomes) {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /api/tasks HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            while (System.nanoTime() < until) {
                out.write('a');
                out.flush();
                Thread.sleep(1_000);
            }
            outcomes.add("still connected");
        } catch (IOException e) {
            outcomes.add("cut by the server");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int awaitClosed(List<Socket> sockets, Duration patience) throws InterruptedException {
        List<Thread> readers = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger closed = new java.util.concurrent.atomic.AtomicInteger();
        for (Socket socket : sockets) {
            readers.add(Thread.ofVirtual().start(() -> {
                try {
                    socket.setSoTimeout((int) patience.toMillis());
                    if (socket.getInputStream().read() == -1) {
                        closed.incrementAndGet();
                    }
                } catch (IOException e) {
                    if (!(e instanceof java.net.SocketTimeoutException)) {
                        closed.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread reader : readers) {
            reader.join();
        }
        return closed.get();
    }

    private static long[] normalTraffic(HttpClient http, URI root, String token, Duration length)
            throws InterruptedException {
        ConcurrentLinkedQueue<Long> millis = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + length.toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            clients.add(Thread.ofPlatform().start(() -> {
                HttpRequest request = HttpRequest.newBuilder(URI.create(root + "/api/tasks?limit=20"))
                        .header("Authorization", token).timeout(Duration.ofSeconds(30)).GET().build();
                while (System.nanoTime() < end) {
                    long started = System.nanoTime();
                    try {
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() == 200) {
                            millis.add((System.nanoTime() - started) / 1_000_000);
                        }
                    } catch (IOException e) {
                        // counted as not served
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }));
        }
        for (Thread client : clients) {
            client.join();
        }
        return millis.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
