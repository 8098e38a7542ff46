package dev.hexatask.rest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any bytes as a merge patch of one of alice's tasks, sent with its current ETag.
 * <p>
 * Part of the fuzzing of the HTTP contract through the real {@link RestApi} over the in-memory core; the property,
 * checked by {@link FuzzedApi}: a 2xx for valid input or a well-formed 4xx problem document, never a 5xx, and
 * nothing stored on a refusal. The normal build runs the method once per file under {@code
 * TaskPatchBodyFuzzTestInputs/taskPatchBody/} (seeds and every finding); {@code bin/fuzz} fuzzes it for a set time
 * (one fuzz test per class, because Jazzer fuzzes one per JVM).
 */
class TaskPatchBodyFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void taskPatchBody(byte[] body) {
        FuzzedApi api = new FuzzedApi();
        HttpResponse response = api.answer(HttpRequest.of("PATCH", api.resolve("/tasks/{task}"))
                .withHeader("Authorization", FuzzedApi.ALICE).withHeader("If-Match", api.resolve("{etag}"))
                .withHeader("Content-Type", "application/merge-patch+json").withBody(body));
        assertThat(response.status()).isIn(200, 400, 413);
    }
}
