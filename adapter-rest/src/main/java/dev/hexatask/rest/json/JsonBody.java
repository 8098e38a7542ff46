package dev.hexatask.rest.json;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.hexatask.rest.http.ResponseBody;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A representation written as JSON when the body is sent: straight into the transport's stream, through the
 * generator's pooled buffer, which is taken and given back within each write. The representation is an immutable
 * value, so every write gives the same bytes.
 */
final class JsonBody implements ResponseBody {

    private final ObjectWriter writer;
    private final Object value;

    JsonBody(ObjectWriter writer, Object value) {
        this.writer = writer;
        this.value = value;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        writer.writeValue(out, value);
    }

    @Override
    public byte[] bytes() {
        return Json.write(value);
    }

    @Override
    public long knownLength() {
        return -1;
    }

    @Override
    public String toString() {
        return "JSON of a " + value.getClass().getSimpleName();
    }
}
