package dev.hexatask.rest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.http.HttpResponse;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any text as the list's {@code cursor} (the input's first line) and {@code sort} (its second), through the API to
 * the cursor decoder and the keyset query; {@code {cursor}} stands for a cursor to alice's second page.
 * <p>
 * Part of the fuzzing of the HTTP contract through the real {@link RestApi} over the in-memory core; the property,
 * checked by {@link FuzzedApi}: a 2xx for valid input or a well-formed 4xx problem document, never a 5xx, and
 * nothing stored on a refusal. The normal build runs the method once per file under {@code
 * ListCursorFuzzTestInputs/listCursor/} (seeds and every finding); {@code bin/fuzz} fuzzes it for a set time (one
 * fuzz test per class, because Jazzer fuzzes one per JVM).
 */
class ListCursorFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void listCursor(byte[] input) {
        FuzzedApi api = new FuzzedApi();
        String[] lines = api.resolve(new String(input, StandardCharsets.UTF_8)).split("\n", 2);
        HttpRequest request = HttpRequest.of("GET", "/tasks").withHeader("Authorization", FuzzedApi.ALICE)
                .withQueryParameter("cursor", lines[0]);
        if (lines.length > 1) {
            request = request.withQueryParameter("sort", lines[1]);
        }
        HttpResponse response = api.answer(request);
        assertThat(response.status()).isIn(200, 400);
    }
}
