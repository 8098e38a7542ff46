package dev.hexatask.rest.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request as a transport received it, with nothing transport-specific left.
 *
 * @param method             the method, e.g. {@code GET}
 * @param path               the path relative to the API's base, starting with {@code /}, still percent-encoded as
 *                           it was on the wire (so that an encoded {@code /} inside a segment stays in it), e.g.
 *                           {@code /tasks/0190c5a8-...}
 * @param query              the query parameters, already percent-decoded, each name with all its values in order
 * @param headers            the header fields
 * @param body               the body's bytes; empty when there is none
 * @param sourceAddress      the client's address as the transport saw it, or empty when unknown
 * @param transportRequestId an id the transport already gave the request (API Gateway's, for instance), if any
 */
public record HttpRequest(String method, String path, Map<String, List<String>> query, HttpHeaders headers,
                          byte[] body, Optional<String> sourceAddress, Optional<String> transportRequestId) {

    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(sourceAddress, "sourceAddress");
        Objects.requireNonNull(transportRequestId, "transportRequestId");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(query, "query").forEach((name, values) -> copy.put(name, List.copyOf(values)));
        query = Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body.clone();
    }

    /** A request with no query, headers or body; add them with the {@code with...} methods. */
    public static HttpRequest of(String method, String path) {
        return new HttpRequest(method, path, Map.of(), HttpHeaders.EMPTY, new byte[0], Optional.empty(),
                Optional.empty());
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body's length, without copying it. */
    public int bodyLength() {
        return body.length;
    }

    public HttpRequest withHeader(String name, String value) {
        return new HttpRequest(method, path, query, headers.plus(name, value), body, sourceAddress,
                transportRequestId);
    }

    public HttpRequest withQueryParameter(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(query);
        List<String> values = new ArrayList<>(copy.getOrDefault(name, List.of()));
        values.add(value);
        copy.put(name, values);
        return new HttpRequest(method, path, copy, headers, body, sourceAddress, transportRequestId);
    }

    public HttpRequest withBody(byte[] content) {
        return new HttpRequest(method, path, query, headers, content, sourceAddress, transportRequestId);
    }

    public HttpRequest withTransportRequestId(String id) {
        return new HttpRequest(method, path, query, headers, body, sourceAddress, Optional.of(id));
    }

    public HttpRequest withSourceAddress(String address) {
        return new HttpRequest(method, path, query, headers, body, Optional.of(address), transportRequestId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpRequest that && method.equals(that.method) && path.equals(that.path)
                && query.equals(that.query) && headers.equals(that.headers) && Arrays.equals(body, that.body)
                && sourceAddress.equals(that.sourceAddress) && transportRequestId.equals(that.transportRequestId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, path, query, headers, Arrays.hashCode(body), sourceAddress, transportRequestId);
    }

    /** Never shows the body or the header values: they may hold tokens or personal data. */
    @Override
    public String toString() {
        return "HttpRequest[" + method + " " + path + ", headers=" + headers.names() + ", body=" + body.length
                + " bytes]";
    }
}
