package dev.hexatask.rest.handlers;

import dev.hexatask.rest.http.HttpHeaders;
import dev.hexatask.rest.http.HttpResponse;
import dev.hexatask.rest.json.Json;

/** Building successful responses. */
final class Responses {

    static final String JSON = "application/json";

    private Responses() {
    }

    static HttpResponse json(int status, Object representation) {
        return new HttpResponse(status, HttpHeaders.of("Content-Type", JSON), Json.body(representation));
    }
}
