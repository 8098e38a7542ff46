package dev.hexatask.rest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.http.HttpResponse;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the HTTP contract through the real {@link RestApi} over the in-memory core: the router
 * (path decoding, methods), the query checks and their parsers, headers, and the JSON bodies of task create, task
 * PATCH and profile PUT. The property, checked by {@link FuzzedApi}: a 2xx for valid input or a well-formed 4xx
 * problem document, never a 5xx, and nothing stored on a refusal.
 * <p>
 * In the normal build each method runs once per file under {@code RestApiFuzzTestInputs/<method>/} (seeds and every
 * finding); {@code bin/fuzz} fuzzes one method for a set time. Inputs may use {@code {task}}, {@code {etag}} and
 * {@code {cursor}} for one of alice's tasks, its ETag and a cursor to her second page.
 */
class RestApiFuzzTest {

    private static final String ALICE = "Bearer " + FuzzedApi.ALICE_TOKEN;

    /** Any request, written as {@link RawRequest} reads it: method, path, query, headers and body all fuzzed. */
    @FuzzTest(maxDuration = "5m")
    void anyRequest(byte[] input) {
        FuzzedApi api = new FuzzedApi();
        api.answer(RawRequest.parse(input, api::resolve));
    }

    /** Any bytes as the body of {@code POST /tasks}: a created task is the one new task in the store. */
    @FuzzTest(maxDuration = "5m")
    void taskCreateBody(byte[] body) {
        FuzzedApi api = new FuzzedApi();
        HttpResponse response = api.answer(HttpRequest.of("POST", "/tasks").withHeader("Authorization", ALICE)
                .withHeader("Content-Type", "application/json").withBody(body));
        assertThat(response.status()).isIn(201, 400, 413, 422);
    }

    /** Any bytes as a merge patch of one of alice's tasks, sent with its current ETag. */
    @FuzzTest(maxDuration = "5m")
    void taskPatchBody(byte[] body) {
        FuzzedApi api = new FuzzedApi();
        HttpResponse response = api.answer(HttpRequest.of("PATCH", api.resolve("/tasks/{task}"))
                .withHeader("Authorization", ALICE).withHeader("If-Match", api.resolve("{etag}"))
                .withHeader("Content-Type", "application/merge-patch+json").withBody(body));
        assertThat(response.status()).isIn(200, 400, 413, 422);
    }

    /** Any bytes as the body of {@code PUT /me}. */
    @FuzzTest(maxDuration = "5m")
    void profileBody(byte[] body) {
        FuzzedApi api = new FuzzedApi();
        HttpResponse response = api.answer(HttpRequest.of("PUT", "/me").withHeader("Authorization", ALICE)
                .withHeader("Content-Type", "application/json").withBody(body));
        assertThat(response.status()).isIn(200, 400, 413, 422);
    }

    /** Any text as the list's {@code cursor} (the first line) and {@code sort} (the second), through the API. */
    @FuzzTest(maxDuration = "5m")
    void listCursor(byte[] input) {
        FuzzedApi api = new FuzzedApi();
        String[] lines = api.resolve(new String(input, StandardCharsets.UTF_8)).split("\n", 2);
        HttpRequest request = HttpRequest.of("GET", "/tasks").withHeader("Authorization", ALICE)
                .withQueryParameter("cursor", lines[0]);
        if (lines.length > 1) {
            request = request.withQueryParameter("sort", lines[1]);
        }
        HttpResponse response = api.answer(request);
        assertThat(response.status()).isIn(200, 400);
    }
}
