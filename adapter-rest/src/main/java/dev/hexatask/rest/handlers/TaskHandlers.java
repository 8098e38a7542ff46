package dev.hexatask.rest.handlers;

import dev.hexatask.application.port.in.CreateTaskCommand;
import dev.hexatask.application.port.in.CreateTaskUseCase;
import dev.hexatask.application.port.in.DeleteTaskCommand;
import dev.hexatask.application.port.in.DeleteTaskUseCase;
import dev.hexatask.application.port.in.ExpectedVersion;
import dev.hexatask.application.port.in.GetTaskUseCase;
import dev.hexatask.application.port.in.ListTasksUseCase;
import dev.hexatask.application.port.in.NewTask;
import dev.hexatask.application.port.in.SummarizeTasksUseCase;
import dev.hexatask.application.port.in.TaskChanges;
import dev.hexatask.application.port.in.TaskListRequest;
import dev.hexatask.application.port.in.UpdateTaskCommand;
import dev.hexatask.application.port.in.UpdateTaskUseCase;
import dev.hexatask.domain.task.Task;
import dev.hexatask.domain.user.UserId;
import dev.hexatask.rest.http.HttpResponse;
import dev.hexatask.rest.json.JsonObjectFields;
import dev.hexatask.rest.problem.Problem;
import dev.hexatask.rest.problem.ProblemException;
import dev.hexatask.rest.problem.ProblemType;
import dev.hexatask.rest.routing.Exchange;
import dev.hexatask.rest.routing.QueryParameters;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The {@code /tasks} routes. */
public final class TaskHandlers {

    public static final QueryParameters LIST_PARAMETERS = new QueryParameters(
            Set.of("tag", "dueBefore", "dueAfter", "overdue", "q", "sort", "cursor", "limit"), Set.of("status"));

    private static final Set<String> WRITABLE =
            Set.of("title", "description", "status", "priority", "dueDate", "tags");
    private static final Set<String> SERVER_OWNED =
            Set.of("id", "owner", "version", "createdAt", "updatedAt", "completedAt");

    private final CreateTaskUseCase create;
    private final GetTaskUseCase get;
    private final ListTasksUseCase list;
    private final UpdateTaskUseCase update;
    private final DeleteTaskUseCase delete;
    private final SummarizeTasksUseCase summarize;

    public TaskHandlers(CreateTaskUseCase create, GetTaskUseCase get, ListTasksUseCase list,
                        UpdateTaskUseCase update, DeleteTaskUseCase delete, SummarizeTasksUseCase summarize) {
        this.create = create;
        this.get = get;
        this.list = list;
        this.update = update;
        this.delete = delete;
        this.summarize = summarize;
    }

    /**
     * {@code POST /tasks}: 201 with {@code Location: tasks/{id}}, a reference relative to the request's own URI
     * ({@code …/tasks}), so it resolves to the new task under whatever base the API is served from.
     */
    public HttpResponse create(Exchange exchange) {
        JsonObjectFields body = JsonBodies.read(exchange.request(), JsonBodies.JSON, WRITABLE, SERVER_OWNED);
        NewTask task = new NewTask(body.string("title"), body.string("description"), body.string("status"),
                body.string("priority"), body.string("dueDate"), body.strings("tags"));
        Optional<String> key = IdempotencyKeyHeader.parse(exchange.request().headers().all("Idempotency-Key"));
        if (!body.violations().isEmpty()) {
            return Problem.invalid(body.violations()).toResponse(exchange.requestId());
        }
        var result = create.create(new CreateTaskCommand(caller(exchange), task, key));
        return ResultResponses.render(result, exchange.requestId(), created -> {
            HttpResponse response = taskResponse(201, created.task())
                    .withHeader("Location", "tasks/" + created.task().id());
            return created.replayed() ? response.withHeader("Idempotent-Replayed", "true") : response;
        });
    }

    public HttpResponse get(Exchange exchange) {
        return ResultResponses.render(get.get(caller(exchange), exchange.pathParameter("id")), exchange.requestId(),
                task -> taskResponse(200, task));
    }

    public HttpResponse list(Exchange exchange) {
        var statuses = exchange.request().query().getOrDefault("status", List.of());
        TaskListRequest request = new TaskListRequest(statuses, exchange.query("tag"), exchange.query("dueBefore"),
                exchange.query("dueAfter"), exchange.query("overdue"), exchange.query("q"), exchange.query("sort"),
                exchange.query("cursor"), exchange.query("limit"));
        return ResultResponses.render(list.list(caller(exchange), request), exchange.requestId(),
                page -> Responses.json(200, Representations.TaskPageJson.of(page)));
    }

    public HttpResponse summary(Exchange exchange) {
        return ResultResponses.render(summarize.summarize(caller(exchange)), exchange.requestId(),
                counts -> Responses.json(200, Representations.SummaryJson.of(counts)));
    }

    /**
     * {@code PATCH /tasks/{id}}: a member left out is kept, one sent as {@code null} is cleared (or refused when
     * it cannot be). Needs {@code If-Match}.
     */
    public HttpResponse patch(Exchange exchange) {
        JsonObjectFields body = JsonBodies.read(exchange.request(), JsonBodies.JSON_OR_MERGE_PATCH, WRITABLE,
                SERVER_OWNED);
        TaskChanges changes = new TaskChanges(body.change("title"), body.change("description"),
                body.change("status"), body.change("priority"), body.change("dueDate"), body.stringsChange("tags"));
        if (!body.violations().isEmpty()) {
            return Problem.invalid(body.violations()).toResponse(exchange.requestId());
        }
        ExpectedVersion expected = EntityTags.ifMatch(exchange.request().headers().all("If-Match"))
                .orElseThrow(() -> new ProblemException(Problem.of(ProblemType.PRECONDITION_REQUIRED,
                        "Send If-Match with the task's current ETag, so that a change made meanwhile is not lost.")));
        var command = new UpdateTaskCommand(caller(exchange), exchange.pathParameter("id"), expected, changes);
        return ResultResponses.render(update.update(command), exchange.requestId(), task -> taskResponse(200, task));
    }

    /** {@code DELETE /tasks/{id}}: 204; with {@code If-Match}, only while the task is at a version it lists. */
    public HttpResponse delete(Exchange exchange) {
        ExpectedVersion expected = EntityTags.ifMatch(exchange.request().headers().all("If-Match"))
                .orElseGet(ExpectedVersion::any);
        var command = new DeleteTaskCommand(caller(exchange), exchange.pathParameter("id"), expected);
        return ResultResponses.render(delete.delete(command), exchange.requestId(), deleted -> HttpResponse.of(204));
    }

    private static UserId caller(Exchange exchange) {
        return exchange.caller().id();
    }

    private static HttpResponse taskResponse(int status, Task task) {
        return Responses.json(status, Representations.TaskJson.of(task))
                .withHeader("ETag", EntityTags.of(task.version()));
    }
}
