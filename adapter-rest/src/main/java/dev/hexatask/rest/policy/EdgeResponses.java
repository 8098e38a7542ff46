package dev.hexatask.rest.policy;

import dev.hexatask.rest.http.HttpHeaders;
import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.http.HttpResponse;
import dev.hexatask.rest.problem.Problem;
import dev.hexatask.rest.problem.ProblemType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * What every answer carries, whoever gives it: the request id, the {@link SecurityHeaders} and the {@link Cors}
 * grant. The API's own answers, a transport's (a Lambda event it cannot read, a service that cannot start, a
 * request the web server refuses) and the last resort after a failure all come through here, so a browser can
 * read the problem behind any of them instead of reporting a CORS error.
 */
public final class EdgeResponses {

    private final Cors cors;

    public EdgeResponses(Set<String> allowedOrigins, Duration corsMaxAge) {
        this.cors = new Cors(allowedOrigins, corsMaxAge);
    }

    public Cors cors() {
        return cors;
    }

    /** The response with the headers every answer carries. */
    public HttpResponse finish(HttpRequest request, String requestId, HttpResponse response) {
        return cors.decorate(request, SecurityHeaders.apply(response.withHeader(RequestIds.HEADER, requestId)));
    }

    /** A problem answered outside the API's routes, with the headers every answer carries. */
    public HttpResponse problem(HttpRequest request, String requestId, Problem problem) {
        return finish(request, requestId, problem.toResponse(requestId));
    }

    /**
     * A problem a server gives about a status of its own ({@code about:blank}, as RFC 9457 suggests), built
     * without Jackson. {@code detail} is a constant of the caller's, never client input, so it needs no escaping.
     */
    public HttpResponse plainProblem(HttpRequest request, String requestId, int status, String title,
                                     String detail) {
        return finish(request, requestId, plain("about:blank", title, status, detail, requestId));
    }

    /** The 500 after a failure, built with nothing that may just have failed (no Jackson, no handler). */
    public HttpResponse lastResort(HttpRequest request, String requestId) {
        return finish(request, requestId, plain(ProblemType.INTERNAL.uri(), ProblemType.INTERNAL.title(),
                ProblemType.INTERNAL.status(), "The request failed unexpectedly.", requestId));
    }

    private static HttpResponse plain(String type, String title, int status, String detail, String requestId) {
        String body = "{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"instance\":\"" + requestId + "\"}";
        return new HttpResponse(status, HttpHeaders.of("Content-Type", Problem.MEDIA_TYPE),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
