package dev.hexatask.rest.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One HTTP response for a transport to send as it is.
 *
 * @param status  the status code
 * @param headers the header fields; a header may have several values, which a transport sends as separate fields
 * @param body    the body's bytes; empty when there is none. The response takes the array as it is (a body is written
 *                once and never changed afterwards), so that adding a header does not copy the body; {@link #body()}
 *                hands out a copy.
 */
public record HttpResponse(int status, HttpHeaders headers, byte[] body) {

    private static final byte[] EMPTY = new byte[0];

    public HttpResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        Objects.requireNonNull(headers, "headers");
        body = body == null ? EMPTY : body;
    }

    public static HttpResponse of(int status) {
        return new HttpResponse(status, HttpHeaders.EMPTY, EMPTY);
    }

    @Override
    public byte[] body() {
        return body.length == 0 ? EMPTY : body.clone();
    }

    /** The body's length, without copying it. */
    public int bodyLength() {
        return body.length;
    }

    /** Writes the body to {@code out}, without copying it. */
    public void writeBodyTo(OutputStream out) throws IOException {
        out.write(body);
    }

    /** The body decoded as UTF-8, which every body of this API is. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public HttpResponse withHeader(String name, String value) {
        return new HttpResponse(status, headers.with(name, value), body);
    }

    public HttpResponse plusHeader(String name, String value) {
        return new HttpResponse(status, headers.plus(name, value), body);
    }

    public HttpResponse withBody(String contentType, byte[] content) {
        return new HttpResponse(status, headers.with("Content-Type", contentType), content);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpResponse that && status == that.status && headers.equals(that.headers)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "HttpResponse[" + status + ", headers=" + headers + ", body=" + body.length + " bytes]";
    }
}
