package dev.hexatask.rest.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hexatask.rest.RestSettings;
import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.http.HttpResponse;
import dev.hexatask.rest.problem.Problem;
import dev.hexatask.rest.problem.ProblemType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of answer, the last resort included, gets the same headers from the one place that adds them. */
class EdgeResponsesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "https://app.example.com";
    private final EdgeResponses edge = RestSettings.allowingOrigins(List.of(APP)).edgeResponses();
    private final HttpRequest fromTheApp = HttpRequest.of("GET", "/tasks").withHeader("Origin", APP);

    @Test
    void problemsPlainProblemsAndTheLastResortCarryTheSameHeaders() throws Exception {
        List<HttpResponse> answers = List.of(
                edge.problem(fromTheApp, "r1", Problem.of(ProblemType.UNAVAILABLE, "Retry shortly.")),
                edge.plainProblem(fromTheApp, "r1", 431, "Request Header Fields Too Large", "Refused."),
                edge.lastResort(fromTheApp, "r1"));
        for (HttpResponse answer : answers) {
            assertThat(answer.headers().all("Access-Control-Allow-Origin")).containsExactly(APP);
            assertThat(answer.headers().first("Access-Control-Expose-Headers")).isPresent();
            assertThat(answer.headers().first("Vary")).hasValue("Origin");
            assertThat(answer.headers().first("X-Request-Id")).hasValue("r1");
            assertThat(answer.headers().first("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(answer.headers().first("Cache-Control")).hasValue("no-store");
            assertThat(answer.headers().first("Referrer-Policy")).hasValue("no-referrer");
            assertThat(answer.headers().first("Content-Type")).hasValue(Problem.MEDIA_TYPE);
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.path("status").asInt()).isEqualTo(answer.status());
            assertThat(body.path("instance").asText()).isEqualTo("r1");
        }
        assertThat(answers).extracting(HttpResponse::status).containsExactly(503, 431, 500);
    }

    @Test
    void theLastResortIsTheInternalProblemAsJacksonWouldWriteIt() throws Exception {
        JsonNode lastResort = JSON.readTree(edge.lastResort(fromTheApp, "r2").body());
        JsonNode written = JSON.readTree(Problem.of(ProblemType.INTERNAL, "The request failed unexpectedly.")
                .toResponse("r2").body());
        assertThat(lastResort).isEqualTo(written);
    }

    @Test
    void anotherOriginGetsNoGrant() {
        HttpResponse answer = edge.lastResort(HttpRequest.of("GET", "/").withHeader("Origin", "https://evil.example"),
                "r3");
        assertThat(answer.headers().contains("Access-Control-Allow-Origin")).isFalse();
        assertThat(answer.headers().first("Vary")).hasValue("Origin");
    }
}
