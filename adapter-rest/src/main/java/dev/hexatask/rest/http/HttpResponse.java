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
 * @param content the body; {@link ResponseBody#EMPTY} when there is none. A transport that sends a stream writes it
 *                there ({@link #writeBodyTo}), without an array of the body's own; {@link #body()} gives its bytes.
 *                Adding a header keeps the same body.
 */
public record HttpResponse(int status, HttpHeaders headers, ResponseBody content) {

    public HttpResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        Objects.requireNonNull(headers, "headers");
        content = content == null ? ResponseBody.EMPTY : content;
    }

    /** A response with these bytes as its body, which it takes as they are (they must not change afterwards). */
    public HttpResponse(int status, HttpHeaders headers, byte[] body) {
        this(status, headers, ResponseBody.of(body));
    }

    public static HttpResponse of(int status) {
        return new HttpResponse(status, HttpHeaders.EMPTY, ResponseBody.EMPTY);
    }

    /** The body's bytes, in an array of the caller's own; empty when there is none. */
    public byte[] body() {
        return content.bytes();
    }

    /** Writes the body to {@code out}, leaving {@code out} open. */
    public void writeBodyTo(OutputStream out) throws IOException {
        content.writeTo(out);
    }

    /** The body decoded as UTF-8, which every body of this API is. */
    public String bodyText() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    public HttpResponse withHeader(String name, String value) {
        return new HttpResponse(status, headers.with(name, value), content);
    }

    public HttpResponse plusHeader(String name, String value) {
        return new HttpResponse(status, headers.plus(name, value), content);
    }

    public HttpResponse withBody(String contentType, byte[] body) {
        return new HttpResponse(status, headers.with("Content-Type", contentType), body);
    }

    /** Equal when status, headers and the body's bytes are: how the body is produced does not matter. */
    @Override
    public boolean equals(Object other) {
        return other instanceof HttpResponse that && status == that.status && headers.equals(that.headers)
                && Arrays.equals(body(), that.body());
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, Arrays.hashCode(body()));
    }

    @Override
    public String toString() {
        return "HttpResponse[" + status + ", headers=" + headers + ", body=" + content + "]";
    }
}
