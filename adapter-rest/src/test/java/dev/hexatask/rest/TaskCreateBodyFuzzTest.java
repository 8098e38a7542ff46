package dev.hexatask.rest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any bytes as the body of {@code POST /tasks}: created (and then one more task is stored) or refused.
 * <p>
 * Part of the fuzzing of the HTTP contract through the real {@link RestApi} over the in-memory core; the property,
 * checked by {@link FuzzedApi}: a 2xx for valid input or a well-formed 4xx problem document, never a 5xx, and
 * nothing stored on a refusal. The normal build runs the method once per file under {@code
 * TaskCreateBodyFuzzTestInputs/taskCreateBody/} (seeds and every finding); {@code bin/fuzz} fuzzes it for a set time
 * (one fuzz test per class, because Jazzer fuzzes one per JVM).
 */
class TaskCreateBodyFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void taskCreateBody(byte[] body) {
        FuzzedApi api = new FuzzedApi();
        int before = api.taskCount();
        HttpResponse response = api.answer(HttpRequest.of("POST", "/tasks")
                .withHeader("Authorization", FuzzedApi.ALICE)
                .withHeader("Content-Type", "application/json").withBody(body));
        assertThat(response.status()).isIn(201, 400, 413);
        if (response.status() == 201) {
            assertThat(api.taskCount()).isEqualTo(before + 1);
        }
    }
}
