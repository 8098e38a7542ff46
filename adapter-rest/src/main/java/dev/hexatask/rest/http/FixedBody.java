package dev.hexatask.rest.http;

import java.io.IOException;
import java.io.OutputStream;

/** A body whose bytes are known in advance: a problem built by hand, a test's body. */
final class FixedBody implements ResponseBody {

    private final byte[] content;

    FixedBody(byte[] content) {
        this.content = content;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        out.write(content);
    }

    @Override
    public byte[] bytes() {
        return content.length == 0 ? content : content.clone();
    }

    @Override
    public long knownLength() {
        return content.length;
    }

    @Override
    public String toString() {
        return content.length + " bytes";
    }
}
