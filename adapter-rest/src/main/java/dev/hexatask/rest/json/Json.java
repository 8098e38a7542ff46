package dev.hexatask.rest.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.hexatask.rest.http.ResponseBody;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one Jackson configuration of the API: strict when reading; when writing, ISO-8601 dates and every member,
 * {@code null} ones included, so that a response always has the same shape.
 */
public final class Json {

    /** A 64 KiB body cannot nest deeper than this usefully; the limit keeps a hostile body off the stack. */
    private static final int MAX_NESTING_DEPTH = 64;

    /**
     * Buffer sets kept for reuse. Jackson's default pool keeps one per thread, and every request runs on a new virtual
     * thread, so each response would allocate its buffers afresh (about 20 KiB); a set is in use only while a value is
     * written or read, so a few cover the carrier threads, and any beyond the bound are simply dropped.
     */
    private static final int POOLED_BUFFER_SETS = 16;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .recyclerPool(JsonRecyclerPools.newBoundedPool(POOLED_BUFFER_SETS))
                    .build())
            .addModule(new JavaTimeModule())
            .addModule(IsoDates.module())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /**
     * Writes into a stream that is not its own: neither closed nor flushed at the end, which would commit a servlet
     * response before its length is known (and send it in chunks); the transport finishes the stream.
     */
    private static final ObjectWriter STREAM_WRITER = MAPPER.writer()
            .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .without(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM)
            .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private Json() {
    }

    /**
     * A response body holding the value, written as JSON when the response is sent: a transport that streams it
     * makes no array of the body's bytes. The value must not change afterwards (a representation record is fine).
     */
    public static ResponseBody body(Object value) {
        return new JsonBody(STREAM_WRITER, value);
    }

    /** The value as JSON bytes (UTF-8). */
    public static byte[] write(Object value) {
        FlushedBytes bytes = new FlushedBytes();
        try {
            MAPPER.writeValue(bytes, value);
        } catch (IOException e) {
            throw new IllegalStateException("a response representation could not be written", e);
        }
        return bytes.toByteArray();
    }

    /** The value as a JSON string, for log lines. */
    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a log line could not be written", e);
        }
    }

    /**
     * Parses a request body: well-formed UTF-8 (overlong forms, encoded surrogates and truncated sequences are
     * refused), one JSON value, no duplicate keys, nothing after it.
     *
     * @throws MalformedJsonException with a message fit for a client
     */
    public static JsonNode readStrict(byte[] body) {
        String text;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            text = chars.toString();
        } catch (CharacterCodingException e) {
            throw new MalformedJsonException("The request body is not valid UTF-8.");
        }
        if (text.isBlank()) {
            throw new MalformedJsonException("The request body is empty; a JSON object is required.");
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(describe(e));
        }
    }

    /** Jackson's own messages can quote input and name classes; clients get a plain description instead. */
    private static String describe(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        if (original.startsWith("Duplicate field")) {
            return "The request body has the same member name twice" + where + ".";
        }
        if (original.contains("nesting depth")) {
            return "The request body is nested too deeply.";
        }
        return "The request body is not well-formed JSON" + where + ".";
    }
}
