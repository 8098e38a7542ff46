package dev.hexatask.javalin;

import dev.hexatask.rest.http.HttpHeaders;
import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.http.HttpResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Sends the contract suite's requests over real HTTP with the JDK's client, and brings the answers back. */
final class HttpClients {

    /** Headers the JDK's client sets itself and refuses to take from a caller. */
    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length", "connection", "expect",
            "upgrade");

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private HttpClients() {
    }

    static HttpClient client() {
        return CLIENT;
    }

    /** Sends {@code request} to {@code apiBase} (such as {@code http://localhost:8080/api}). */
    static HttpResponse send(URI apiBase, HttpRequest request) {
        URI target;
        try {
            target = new URI(apiBase + request.path() + queryString(request.query()));
        } catch (URISyntaxException e) {
            // The JDK's client sends only valid URIs; a client on the wire may send anything.
            return RawHttp.send(apiBase, request.method(), apiBase.getRawPath() + request.path()
                    + queryString(request.query()), request.headers().toMap(), request.body());
        }
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.bodyLength() == 0
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().toMap().forEach((name, values) -> {
            if (!SET_BY_CLIENT.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        try {
            java.net.http.HttpResponse<byte[]> response = CLIENT.send(builder.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            return new HttpResponse(response.statusCode(), HttpHeaders.of(response.headers().map()),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String queryString(Map<String, List<String>> query) {
        List<String> pairs = new ArrayList<>();
        query.forEach((name, values) -> values.forEach(value -> pairs.add(encode(name) + "=" + encode(value))));
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
