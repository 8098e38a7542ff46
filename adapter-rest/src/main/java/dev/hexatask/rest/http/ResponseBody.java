package dev.hexatask.rest.http;

import java.io.IOException;
import java.io.OutputStream;

/**
 * What a response carries after its head. A transport that sends a stream writes it there ({@link #writeTo}), so a
 * body produced as it is written (a JSON representation) goes from the writer's buffer to the transport's without an
 * array of its own; one that hands the body on whole (a Lambda's event) takes its {@link #bytes()}. A body is a value:
 * it gives the same bytes however often it is written, and holds no buffer between writes.
 */
public interface ResponseBody {

    ResponseBody EMPTY = new FixedBody(new byte[0]);

    /** A body of these bytes, taken as they are: the caller hands them over and never changes them afterwards. */
    static ResponseBody of(byte[] bytes) {
        return bytes == null || bytes.length == 0 ? EMPTY : new FixedBody(bytes);
    }

    /** Writes the whole body to {@code out}, and leaves {@code out} open and unflushed for the caller to finish. */
    void writeTo(OutputStream out) throws IOException;

    /** The body's bytes, in an array of the caller's own. */
    byte[] bytes();

    /** The length in bytes when known without writing the body; -1 for a body produced as it is written. */
    long knownLength();
}
