package dev.hexatask.rest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hexatask.rest.http.HttpRequest;

/**
 * Any request, method, path, query, headers and body all fuzzed: the router's path decoding and matching, the
 * query checks and parsers, the headers (authorization, CORS, request ids, preconditions). An input is written as
 * {@link RawRequest} reads it; {@code {task}}, {@code {etag}} and {@code {cursor}} stand for one of alice's tasks,
 * its ETag and a cursor to her second page.
 * <p>
 * Part of the fuzzing of the HTTP contract through the real {@link RestApi} over the in-memory core; the property,
 * checked by {@link FuzzedApi}: a 2xx for valid input or a well-formed 4xx problem document, never a 5xx, and
 * nothing stored on a refusal. The normal build runs the method once per file under {@code
 * RequestFuzzTestInputs/anyRequest/} (seeds and every finding); {@code bin/fuzz} fuzzes it for a set time (one fuzz
 * test per class, because Jazzer fuzzes one per JVM).
 */
class RequestFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void anyRequest(byte[] input) {
        FuzzedApi api = new FuzzedApi();
        HttpRequest request = RawRequest.parse(input, api::resolve);
        api.answer(request);
    }
}
