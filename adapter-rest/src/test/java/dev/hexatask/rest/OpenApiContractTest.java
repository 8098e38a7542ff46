package dev.hexatask.rest;

import dev.hexatask.application.fixtures.InMemoryCore;
import dev.hexatask.rest.http.HttpHeaders;
import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.http.HttpResponse;
import dev.hexatask.rest.contract.OpenApiContract;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The checker must catch a response that strays from the document, or the contract suite proves nothing. */
class OpenApiContractTest {

    private static final OpenApiContract CONTRACT = OpenApiContract.load();
    private static final String TASK = """
            {"id":"0190c5a8-0000-7000-8000-000000000001","title":"t","description":null,"status":"TODO",
             "priority":"MEDIUM","dueDate":null,"tags":[],"version":1,"createdAt":"2026-01-15T09:00:00Z",
             "updatedAt":"2026-01-15T09:00:00Z","completedAt":null}""";

    private static HttpResponse response(int status, String contentType, String body, String... headers) {
        HttpHeaders all = HttpHeaders.of("X-Request-Id", "abc", "Cache-Control", "no-store",
                "X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer", "Vary", "Origin");
        for (int i = 0; i < headers.length; i += 2) {
            all = all.with(headers[i], headers[i + 1]);
        }
        if (contentType != null) {
            all = all.with("Content-Type", contentType);
        }
        return new HttpResponse(status, all, body.getBytes(StandardCharsets.UTF_8));
    }

    private static final HttpRequest GET_TASK = HttpRequest.of("GET", "/tasks/0190c5a8-0000-7000-8000-000000000001");

    @Test
    void theDocumentListsExactlyTheOperationsTheRouterAnswersAndOptionsOnEveryPath() {
        RestApi api = RestApis.over(InMemoryCore.create(), RestSettings.allowingOrigins(List.of()));

        assertThat(CONTRACT.operations()).hasSize(9).containsExactlyInAnyOrderElementsOf(api.operations());
        assertThat(CONTRACT.pathsWithOptions()).containsExactlyInAnyOrderElementsOf(api.operations().stream()
                .map(operation -> operation.substring(operation.indexOf(' ') + 1)).distinct().toList());
    }

    @Test
    void aConformingResponsePasses() {
        assertThat(CONTRACT.violations(GET_TASK, response(200, "application/json", TASK, "ETag", "\"1\"")))
                .isEmpty();
    }

    @Test
    void catchesEveryKindOfDrift() {
        assertThat(CONTRACT.violations(GET_TASK, response(200, "application/json", TASK)))
                .anyMatch(v -> v.contains("ETag"));
        assertThat(CONTRACT.violations(GET_TASK, response(200, "application/json",
                TASK.replace("\"title\":\"t\"", "\"title\":5"), "ETag", "\"1\"")))
                .anyMatch(v -> v.contains("title"));
        assertThat(CONTRACT.violations(GET_TASK, response(200, "application/json",
                TASK.replace("\"tags\":[]", "\"tags\":[],\"owner\":\"x\""), "ETag", "\"1\"")))
                .anyMatch(v -> v.contains("owner"));
        assertThat(CONTRACT.violations(GET_TASK, response(200, "application/json",
                TASK.replace("2026-01-15T09:00:00Z\",\"completedAt", "yesterday\",\"completedAt"), "ETag", "\"1\"")))
                .isNotEmpty();
        assertThat(CONTRACT.violations(GET_TASK, response(200, "text/plain", TASK, "ETag", "\"1\"")))
                .anyMatch(v -> v.contains("Content-Type"));
        assertThat(CONTRACT.violations(GET_TASK, response(409, "application/problem+json", "{}")))
                .anyMatch(v -> v.contains("does not document status 409"));
        assertThat(CONTRACT.violations(GET_TASK, response(200, "application/json", TASK, "ETag", "W/\"1\"")))
                .anyMatch(v -> v.contains("ETag"));
        assertThat(CONTRACT.violations(HttpRequest.of("DELETE", "/tasks/x"), response(204, "application/json", "{}")))
                .isNotEmpty();
        assertThat(CONTRACT.violations(HttpRequest.of("GET", "/health"),
                response(200, "application/json", "{\"status\":\"UP\",\"database\":\"UP\"}", "Cache-Control",
                        "max-age=60")))
                .anyMatch(v -> v.contains("Cache-Control"));
        assertThat(CONTRACT.violations(HttpRequest.of("GET", "/health"), response(200, "application/json",
                "{\"status\":\"UP\",\"database\":\"UP\"}").withHeader("X-Request-Id", "has space")))
                .anyMatch(v -> v.contains("X-Request-Id"));
        assertThat(CONTRACT.violations(HttpRequest.of("GET", "/nowhere"), response(200, "application/json", "{}")))
                .isNotEmpty();
        assertThat(CONTRACT.violations(HttpRequest.of("PUT", "/tasks"), response(405, "application/problem+json",
                "{\"type\":\"urn:hexatask:problem:method-not-allowed\",\"title\":\"t\",\"status\":405,"
                        + "\"detail\":\"d\",\"instance\":\"abc\"}")))
                .anyMatch(v -> v.contains("Allow"));
    }
}
