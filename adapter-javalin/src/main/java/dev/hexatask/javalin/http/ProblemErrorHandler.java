package dev.hexatask.javalin.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Answers what Jetty refuses before a request reaches the API (headers too large, an ambiguous or malformed URI, a
 * body over the server's limit) as an RFC 9457 problem, like every other error of this server, instead of Jetty's
 * HTML page. The body names the status only: Jetty's messages may quote what the client sent.
 */
public final class ProblemErrorHandler extends ErrorHandler {

    public static final String MEDIA_TYPE = "application/problem+json";

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        int status = code >= 400 && code <= 599 ? code : 500;
        String requestId = UUID.randomUUID().toString();
        String body = problemJson(status, "The server refused the request before it reached the API.", requestId);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, MEDIA_TYPE);
        response.getHeaders().put("X-Request-Id", requestId);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    /**
     * A problem for a status the server gives on its own, with {@code about:blank} as RFC 9457 suggests.
     * {@code detail} is a constant of this server's, never client input, so it needs no JSON escaping.
     */
    public static String problemJson(int status, String detail, String requestId) {
        return "{\"type\":\"about:blank\",\"title\":\"" + HttpStatus.getMessage(status) + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"instance\":\"" + requestId + "\"}";
    }
}
