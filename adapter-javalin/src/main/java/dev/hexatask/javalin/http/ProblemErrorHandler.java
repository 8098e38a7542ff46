package dev.hexatask.javalin.http;

import dev.hexatask.rest.http.HttpHeaders;
import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.http.HttpResponse;
import dev.hexatask.rest.policy.EdgeResponses;
import dev.hexatask.rest.policy.RequestIds;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers what Jetty refuses before a request reaches the API (headers too large, an ambiguous or malformed URI, a
 * body over the server's limit) as an RFC 9457 problem with the headers every answer carries, like every other
 * error of this server, instead of Jetty's HTML page. The body names the status only: Jetty's messages may quote
 * what the client sent. Most of these are refused before Jetty has read the headers; the answer then varies by an
 * Origin that is not known, and carries no CORS grant.
 */
public final class ProblemErrorHandler extends ErrorHandler {

    private final EdgeResponses edge;

    public ProblemErrorHandler(EdgeResponses edge) {
        this.edge = edge;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        int status = code >= 400 && code <= 599 ? code : 500;
        HttpRequest envelope = envelope(request);
        HttpResponse answer = edge.plainProblem(envelope, RequestIds.choose(envelope), status,
                HttpStatus.getMessage(status), "The server refused the request before it reached the API.");
        answer.headers().toMap().forEach((name, values) -> {
            response.getHeaders().remove(name);
            values.forEach(value -> response.getHeaders().add(name, value));
        });
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }

    /** What the refused request said that its answer depends on: the method and the header fields (Origin). */
    private static HttpRequest envelope(Request request) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            fields.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        String method = request.getMethod() == null ? "GET" : request.getMethod();
        return new HttpRequest(method, "/", Map.of(), HttpHeaders.of(fields), new byte[0], Optional.empty(),
                Optional.empty());
    }
}
