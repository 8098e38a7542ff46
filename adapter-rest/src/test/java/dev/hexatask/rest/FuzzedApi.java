package dev.hexatask.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hexatask.application.fixtures.InMemoryCore;
import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.http.HttpResponse;
import dev.hexatask.rest.problem.Problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The API over a fresh in-memory core for one fuzzed request, and the property every answer must have: a 2xx for
 * valid input or a well-formed 4xx problem document, never a 5xx, and nothing stored when the request was refused.
 * The core holds three tasks of alice's before each request, so that ids, ETags and cursors in the inputs lead
 * somewhere.
 */
final class FuzzedApi {

    static final String ALICE_TOKEN = "alice-token";
    /** The Authorization header of alice, who owns the seeded tasks. */
    static final String ALICE = "Bearer " + ALICE_TOKEN;
    static final String BOB_TOKEN = "bob-token";
    static final String ORIGIN = "https://app.example";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryCore core = InMemoryCore.create();
    private final RestApi api;
    private final String taskId;
    private final String etag;
    private final String cursor;

    FuzzedApi() {
        core.authenticator().register(ALICE_TOKEN, "alice");
        core.authenticator().register(BOB_TOKEN, "bob");
        api = RestApis.over(core, RestSettings.allowingOrigins(List.of(ORIGIN)));
        HttpResponse created = null;
        for (String title : List.of("Water the plants", "Pay the rent", "Call mum")) {
            created = api.handle(HttpRequest.of("POST", "/tasks")
                    .withHeader("Authorization", "Bearer " + ALICE_TOKEN)
                    .withHeader("Content-Type", "application/json")
                    .withBody(("{\"title\":\"" + title + "\",\"tags\":[\"home\"],\"dueDate\":\"2026-02-01\"}")
                            .getBytes(StandardCharsets.UTF_8)));
            assertThat(created.status()).as("seeding the core").isEqualTo(201);
        }
        etag = created.headers().first("ETag").orElseThrow();
        taskId = read(created).path("id").asText();
        HttpResponse page = api.handle(HttpRequest.of("GET", "/tasks")
                .withHeader("Authorization", "Bearer " + ALICE_TOKEN).withQueryParameter("limit", "1"));
        cursor = read(page).path("nextCursor").asText();
        assertThat(cursor).as("a first page of one leaves a cursor").isNotEmpty();
    }

    /** The id of one of alice's tasks, its ETag and a cursor to her second page, for the placeholders of inputs. */
    String resolve(String text) {
        return text.replace("{task}", taskId).replace("{etag}", etag).replace("{cursor}", cursor);
    }

    int taskCount() {
        return core.taskStore().all().size();
    }

    /** Answers the request and checks the property; returns the response for further checks. */
    HttpResponse answer(HttpRequest request) {
        Object tasks = core.taskStore().snapshot();
        Object profiles = core.profileStore().snapshot();
        Object idempotency = core.idempotencyStore().snapshot();
        HttpResponse response = api.handle(request);
        int status = response.status();
        if (status >= 500 || status < 200) {
            fail("%s answered %d: %s", request, status, response.bodyText());
        }
        assertThat(response.headers().all("X-Request-Id")).as("request id").hasSize(1);
        if (status >= 400) {
            assertThat(response.headers().first("Content-Type")).as("problem media type")
                    .contains(Problem.MEDIA_TYPE);
            JsonNode problem = read(response);
            assertThat(problem.path("status").asInt()).as("problem status").isEqualTo(status);
            assertThat(problem.path("title").asText()).as("problem title").isNotBlank();
            assertThat(response.bodyText()).as("no stack trace").doesNotContain("Exception", "\tat ");
            assertThat(core.taskStore().snapshot()).as("tasks after a refusal").isEqualTo(tasks);
            assertThat(core.profileStore().snapshot()).as("profiles after a refusal").isEqualTo(profiles);
            assertThat(core.idempotencyStore().snapshot()).as("idempotency records after a refusal")
                    .isEqualTo(idempotency);
        } else if (response.body().length > 0) {
            read(response);
        }
        return response;
    }

    private static JsonNode read(HttpResponse response) {
        try {
            return Objects.requireNonNull(JSON.readTree(response.body()), "empty body");
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.bodyText(), e);
        }
    }
}
