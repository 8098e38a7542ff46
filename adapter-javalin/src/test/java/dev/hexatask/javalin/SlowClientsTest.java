package dev.hexatask.javalin;

import dev.hexatask.javalin.http.HttpTimeouts;
import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server cuts clients that hold a connection without finishing a request: a silent one at the idle timeout, one
 * that stops sending mid-request, one that sends its headers a byte at a time (slowloris) after two to three
 * request-head periods, however
 * steadily its bytes keep coming; and it leaves alone a client that completes its requests in time on a kept-alive
 * connection. Run with short timeouts (idle 2 s, request head 1 s) so that the suite stays quick; the server's own
 * are {@link HttpTimeouts#DEFAULT}.
 */
@ExtendWith(PostgresTestDatabase.class)
class SlowClientsTest {

    private static final HttpTimeouts TIMEOUTS = new HttpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1));
    private static TestStack stack;

    @BeforeAll
    static void start(TestDatabase database) {
        stack = TestStack.start(database, Map.of(), TIMEOUTS);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aConnectionOnWhichNothingArrivesIsClosedAtTheIdleTimeout() throws IOException {
        try (Socket socket = connect()) {
            long started = System.nanoTime();
            assertThat(readsEndOfStreamWithin(socket, Duration.ofSeconds(10))).isTrue();
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            // The idle timeout (2 s); the request-head guard leaves a connection that sent nothing alone.
            assertThat(waited).isBetween(Duration.ofMillis(1_800), Duration.ofSeconds(6));
        }
    }

    @Test
    void aClientThatStopsSendingMidRequestIsCut() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "GET /api/health HTTP/1.1\r\nHost: localhost\r\n");
            long started = System.nanoTime();
            assertThat(readsEndOfStreamWithin(socket, Duration.ofSeconds(10))).isTrue();
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            // Closed by the idle timeout (2 s): nothing more arrives, so the request-head guard sees no suspect period.
            assertThat(waited).isBetween(Duration.ofMillis(1_800), Duration.ofSeconds(6));
        }
    }

    @Test
    void aClientSendingItsHeadersAByteAtATimeIsCutThoughItNeverFallsIdle() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
            long started = System.nanoTime();
            boolean cut = false;
            // A byte every 200 ms, ten times as often as the idle timeout would need, for at most 10 s.
            for (int i = 0; i < 50 && !cut; i++) {
                try {
                    send(socket, "a");
                    cut = readsEndOfStreamWithin(socket, Duration.ofMillis(200));
                } catch (IOException e) {
                    cut = true; // the server closed the connection: the write failed
                }
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertThat(cut).as("the server cut the slow client").isTrue();
            // Two to three request-head periods (1 s each); the 2 s idle timeout never fires, as bytes keep coming.
            assertThat(waited).isBetween(Duration.ofMillis(1_900), Duration.ofSeconds(5));
        }
    }

    @Test
    void aKeptAliveClientThatCompletesItsRequestsInTimeIsNotCut() throws Exception {
        try (Socket socket = connect()) {
            // Five requests on one connection, 1.5 s apart: longer than a request-head period each time.
            for (int i = 0; i < 5; i++) {
                send(socket, "GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
                String head = readResponseHead(socket);
                assertThat(head).startsWith("HTTP/1.1 200");
                assertThat(head.toLowerCase(java.util.Locale.ROOT)).doesNotContain("connection: close");
                Thread.sleep(1_500);
            }
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket(stack.root().getHost(), stack.root().getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** True when the server closes the connection within {@code wait}; false when it is still open. */
    private static boolean readsEndOfStreamWithin(Socket socket, Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (true) {
                int read = in.read(buffer);
                if (read < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    /** Reads one response's head and its Content-Length body. */
    private static String readResponseHead(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head);
            }
            head.append((char) b);
        }
        String text = head.toString();
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        in.readNBytes(length);
        return text;
    }
}
