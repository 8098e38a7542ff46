package dev.hexatask.javalin.http;

import dev.hexatask.rest.http.HttpHeaders;
import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.http.HttpResponse;
import dev.hexatask.rest.RestApi;
import dev.hexatask.rest.policy.EdgeResponses;
import dev.hexatask.rest.policy.RequestIds;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Carries a request from Javalin into {@link RestApi} and its answer back, byte for byte: every route, status and
 * header decision is the API's. The path is passed on still percent-encoded, as {@code HttpRequest} asks.
 */
public final class ApiBridge {

    private static final Logger LOG = LoggerFactory.getLogger(ApiBridge.class);

    /**
     * The most body bytes read from a client. The API refuses far smaller bodies itself (with a problem naming its
     * limit); reading one byte over this one is enough for it to see that a body is too large.
     */
    static final int MAX_BODY_BYTES_READ = 1024 * 1024;
    private static final byte[] NO_BODY = new byte[0];

    private final RestApi api;
    private final EdgeResponses edge;
    private final String prefix;

    /**
     * @param edge   the headers every answer carries, for the last resort when a body cannot be written
     * @param prefix the path the API is mounted at, such as {@code /api}
     */
    public ApiBridge(RestApi api, EdgeResponses edge, String prefix) {
        this.api = api;
        this.edge = edge;
        this.prefix = prefix;
    }

    public void handle(Context ctx) throws IOException {
        HttpRequest request = toRequest(ctx.req());
        HttpResponse response = api.handle(request);
        send(response, ctx, () -> edge.lastResort(request,
                response.headers().first(RequestIds.HEADER).orElseGet(() -> RequestIds.choose(request))));
        ctx.skipRemainingHandlers();
    }

    HttpRequest toRequest(HttpServletRequest request) throws IOException {
        String rawPath = request.getRequestURI();
        String path = rawPath.length() <= prefix.length() ? "/" : rawPath.substring(prefix.length());
        return new HttpRequest(request.getMethod(), path, QueryStrings.parse(request.getQueryString()),
                headers(request), body(request), Optional.ofNullable(request.getRemoteAddr()), Optional.empty());
    }

    /** The method and header fields of a request answered outside the API, enough for its CORS grant. */
    static HttpRequest envelope(HttpServletRequest request) {
        return new HttpRequest(request.getMethod(), "/", Map.of(), headers(request), new byte[0], Optional.empty(),
                Optional.empty());
    }

    private static HttpHeaders headers(HttpServletRequest request) {
        HttpHeaders.Builder headers = HttpHeaders.builder();
        Enumeration<String> names = request.getHeaderNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            Enumeration<String> values = request.getHeaders(name);
            while (values.hasMoreElements()) {
                headers.add(name, values.nextElement());
            }
        }
        return headers.build();
    }

    private static byte[] body(HttpServletRequest request) throws IOException {
        // Without Content-Length or Transfer-Encoding a request has no body (RFC 9112, section 6.3): nothing to read,
        // and no read buffer to allocate.
        if (request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null) {
            return NO_BODY;
        }
        try (InputStream in = request.getInputStream()) {
            return in.readNBytes(MAX_BODY_BYTES_READ + 1);
        }
    }

    /**
     * Sends the response, its body written straight into the servlet's stream. A JSON body is produced as it is
     * written; should that fail (a defect: every representation is a value Jackson writes), the answer is
     * {@code lastResort} instead while nothing has been sent, as for a failure inside the API, and otherwise the
     * connection is cut, so that the client sees a broken response rather than a part of a body as if it were whole.
     */
    static void send(HttpResponse response, Context ctx, Supplier<HttpResponse> lastResort) throws IOException {
        HttpServletResponse out = ctx.res();
        try {
            write(response, out);
        } catch (RuntimeException e) {
            LOG.error("A response body could not be written", e);
            if (out.isCommitted()) {
                ServletContextRequest.getServletContextRequest(ctx.req()).getServletChannel().abort(e);
                return;
            }
            out.reset();
            write(lastResort.get(), out);
        }
    }

    static void write(HttpResponse response, HttpServletResponse out) throws IOException {
        out.setStatus(response.status());
        // Javalin gives every response a default type; the API's own (or none) replaces it.
        out.setContentType(response.headers().first("Content-Type").orElse(null));
        response.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(value -> out.addHeader(name, value));
            }
        });
        // A body written as it is sent has no length beforehand: Jetty sets Content-Length when the stream is closed
        // with the whole body still in its buffer (32 KiB), and sends a larger one in chunks.
        long length = response.content().knownLength();
        if (length >= 0) {
            out.setContentLengthLong(length);
        }
        OutputStream stream = out.getOutputStream();
        response.writeBodyTo(stream);
        // Closed only after the whole body was written: closing after a failure would send a part as the whole.
        stream.close();
    }
}
