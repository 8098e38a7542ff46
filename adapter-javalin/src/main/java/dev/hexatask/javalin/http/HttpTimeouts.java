package dev.hexatask.javalin.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the server waits on a client.
 *
 * @param idle        a connection on which nothing arrives for this long is closed (between requests, or a client
 *                    that stopped sending mid-request)
 * @param requestHead a request head (request line and headers) still incomplete after two to three of these
 *                    periods is cut, however slowly its bytes keep coming ({@link SlowRequestGuard})
 */
public record HttpTimeouts(Duration idle, Duration requestHead) {

    /** What the server runs with. */
    public static final HttpTimeouts DEFAULT = new HttpTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(10));

    public HttpTimeouts {
        Objects.requireNonNull(idle, "idle");
        Objects.requireNonNull(requestHead, "requestHead");
        if (idle.isNegative() || idle.isZero() || requestHead.isNegative() || requestHead.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }
}
