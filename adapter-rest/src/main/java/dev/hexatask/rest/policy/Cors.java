package dev.hexatask.rest.policy;

import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.http.HttpResponse;
import java.time.Duration;
import dev.hexatask.rest.problem.Problem;
import dev.hexatask.rest.problem.ProblemType;

import java.util.Set;

/**
 * CORS (Fetch standard) for the origins in the allow-list: the allowing headers go on every response to such an
 * origin, errors included, so that a browser app can read a problem's details. Credentials are not allowed: the
 * API takes bearer tokens, never cookies.
 */
public final class Cors {

    static final String ALLOWED_REQUEST_HEADERS = "Authorization, Content-Type, If-Match, Idempotency-Key, "
            + "X-Request-Id";
    static final String EXPOSED_RESPONSE_HEADERS = "ETag, Location, X-Request-Id, Idempotent-Replayed, "
            + "Retry-After, Allow, WWW-Authenticate";

    private final Set<String> allowedOrigins;
    private final long maxAgeSeconds;

    public Cors(Set<String> allowedOrigins, Duration maxAge) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.maxAgeSeconds = maxAge.toSeconds();
    }

    /** Whether the request is a CORS preflight: OPTIONS with {@code Origin} and the method it asks about. */
    public static boolean isPreflight(HttpRequest request) {
        return request.method().equals("OPTIONS") && request.headers().contains("Origin")
                && request.headers().contains("Access-Control-Request-Method");
    }

    /**
     * The answer to OPTIONS on an existing path ({@code allow} lists its methods): 204, with the CORS grant for a
     * preflight from an allowed origin. A preflight from any other origin gets a 403 problem, which says plainly
     * why the browser will refuse, where a bare 204 would leave the developer guessing.
     */
    public HttpResponse preflight(HttpRequest request, String requestId, String allow) {
        if (!isPreflight(request)) {
            return HttpResponse.of(204).withHeader("Allow", allow);
        }
        if (!allowed(request)) {
            return Problem.of(ProblemType.ORIGIN_NOT_ALLOWED,
                    "This origin is not allowed to call the API from a browser.").toResponse(requestId);
        }
        return HttpResponse.of(204).withHeader("Allow", allow)
                .withHeader("Access-Control-Allow-Methods", allow)
                .withHeader("Access-Control-Allow-Headers", ALLOWED_REQUEST_HEADERS)
                .withHeader("Access-Control-Max-Age", Long.toString(maxAgeSeconds));
    }

    /** The response with the CORS headers its request calls for. */
    public HttpResponse decorate(HttpRequest request, HttpResponse response) {
        // Every response varies by Origin (allowed or not), so a shared cache never serves one origin's answer to
        // another.
        HttpResponse decorated = response.withHeader("Vary", "Origin");
        if (!allowed(request)) {
            return decorated;
        }
        decorated = decorated.withHeader("Access-Control-Allow-Origin", request.headers().first("Origin").orElseThrow());
        return isPreflight(request) ? decorated
                : decorated.withHeader("Access-Control-Expose-Headers", EXPOSED_RESPONSE_HEADERS);
    }

    private boolean allowed(HttpRequest request) {
        var origins = request.headers().all("Origin");
        return origins.size() == 1 && allowedOrigins.contains(origins.getFirst());
    }
}
