package dev.hexatask.rest.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

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
}
