package dev.hexatask.rest.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.hexatask.rest.http.HttpHeaders;
import dev.hexatask.rest.http.HttpResponse;
import dev.hexatask.rest.http.ResponseBody;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {

    /** Jackson as configured before the pooled buffers and the flushed collection: the bytes must not change. */
    private static final ObjectMapper PLAIN = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    record Item(String name, Instant at, List<String> tags) {
    }

    @Test
    void bodiesOfEverySizeAreWrittenByteForByteAsJacksonWritesThem() throws Exception {
        // Sizes around the generator's 8,000-byte buffer: one flush, exactly full, several flushes.
        for (int count : List.of(0, 1, 20, 57, 58, 59, 100, 400, 2000)) {
            List<Item> items = new ArrayList<>();
            IntStream.range(0, count).forEach(i -> items.add(new Item("Tâche ✓ " + i + " \"quoted\"",
                    Instant.ofEpochSecond(1_700_000_000L + i, i * 1_000L), List.of("a", "tag" + i))));
            Map<String, Object> value = Map.of("items", items);
            byte[] written = Json.write(value);
            assertThat(written).as("%d items", count).isEqualTo(PLAIN.writeValueAsBytes(value));
        }
    }

    @Test
    void aDateThatDoesNotFitInTheGeneratorsBufferIsWrittenWhole() throws Exception {
        // The generator's buffer holds 8,000 bytes: padded so that the instant lands on every position around its end.
        for (int pad = 7_940; pad <= 8_010; pad++) {
            List<Object> value = List.of("x".repeat(pad), Instant.parse("2026-12-06T09:29:08.783030Z"),
                    java.time.LocalDate.of(2026, 12, 7));
            assertThat(Json.write(value)).as("pad %d", pad).isEqualTo(PLAIN.writeValueAsBytes(value));
        }
    }

    @Test
    void theCollectorKeepsEveryChunkInOrder() {
        FlushedBytes bytes = new FlushedBytes();
        assertThat(bytes.toByteArray()).isEmpty();
        bytes.write("abc".getBytes(StandardCharsets.UTF_8), 0, 3);
        bytes.write('d');
        byte[] long1 = "x".repeat(9000).getBytes(StandardCharsets.UTF_8);
        bytes.write(long1, 10, 8990);
        bytes.write("-end-".getBytes(StandardCharsets.UTF_8), 1, 3);
        assertThat(new String(bytes.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("abcd" + "x".repeat(8990) + "end");
    }

    @Test
    void concurrentWritersShareThePoolWithoutMixingTheirBuffers() {
        List<String> bodies = IntStream.range(0, 200).parallel()
                .mapToObj(i -> new String(Json.write(Map.of("n", "value-" + i + "-".repeat(i * 50))),
                        StandardCharsets.UTF_8))
                .toList();
        for (int i = 0; i < bodies.size(); i++) {
            assertThat(bodies.get(i)).isEqualTo("{\"n\":\"value-" + i + "-".repeat(i * 50) + "\"}");
        }
    }

    @Test
    void aJsonBodyWritesIntoTheTransportsStreamTheBytesJacksonWritesAndLeavesItToTheTransport() throws Exception {
        for (int count : List.of(0, 1, 20, 58, 400)) {
            List<Item> items = new ArrayList<>();
            IntStream.range(0, count).forEach(i -> items.add(new Item("Tâche ✓ " + i,
                    Instant.ofEpochSecond(1_700_000_000L + i, i * 1_000L), List.of("a", "tag" + i))));
            Map<String, Object> value = Map.of("items", items);
            ResponseBody body = Json.body(value);
            TransportStream first = new TransportStream();
            body.writeTo(first);
            TransportStream second = new TransportStream();
            body.writeTo(second);
            assertThat(first.toByteArray()).as("%d items", count).isEqualTo(PLAIN.writeValueAsBytes(value));
            assertThat(second.toByteArray()).as("written again").isEqualTo(first.toByteArray());
            assertThat(body.bytes()).as("its bytes").isEqualTo(first.toByteArray());
            assertThat(body.knownLength()).as("length before writing").isEqualTo(-1);
            assertThat(first.flushed).as("flushed (a servlet response would be committed without a length)")
                    .isFalse();
            assertThat(first.closed).as("closed").isFalse();
        }
    }

    @Test
    void responsesAreEqualByTheirBodysBytesHoweverTheBodyIsProduced() {
        Map<String, String> value = Map.of("title", "Tâche");
        HttpResponse streamed = new HttpResponse(200, HttpHeaders.of("Content-Type", "application/json"),
                Json.body(value));
        HttpResponse fixed = new HttpResponse(200, HttpHeaders.of("Content-Type", "application/json"),
                "{\"title\":\"Tâche\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(streamed).isEqualTo(fixed).hasSameHashCodeAs(fixed);
        assertThat(streamed.withHeader("X-Request-Id", "r1").bodyText()).isEqualTo("{\"title\":\"Tâche\"}");
        assertThat(streamed).isNotEqualTo(new HttpResponse(200, HttpHeaders.of("Content-Type", "application/json"),
                Json.body(Map.of("title", "Task"))));
    }

    /** A transport's stream: records whether the writer flushed or closed it, which is the transport's to do. */
    private static final class TransportStream extends ByteArrayOutputStream {
        private boolean flushed;
        private boolean closed;

        @Override
        public void flush() {
            flushed = true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
