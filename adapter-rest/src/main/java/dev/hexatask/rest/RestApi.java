package dev.hexatask.rest;

import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.http.HttpResponse;
import dev.hexatask.application.port.in.CheckHealthUseCase;
import dev.hexatask.application.port.in.CreateTaskUseCase;
import dev.hexatask.application.port.in.DeleteTaskUseCase;
import dev.hexatask.application.port.in.GetProfileUseCase;
import dev.hexatask.application.port.in.GetTaskUseCase;
import dev.hexatask.application.port.in.ListTasksUseCase;
import dev.hexatask.application.port.in.SummarizeTasksUseCase;
import dev.hexatask.application.port.in.UpdateProfileUseCase;
import dev.hexatask.application.port.in.UpdateTaskUseCase;
import dev.hexatask.application.port.out.AuthenticatedUser;
import dev.hexatask.application.port.out.AuthenticationResult;
import dev.hexatask.application.port.out.Authenticator;
import dev.hexatask.application.port.out.StorageUnavailableException;
import dev.hexatask.domain.validation.Violation;
import dev.hexatask.rest.handlers.HealthHandler;
import dev.hexatask.rest.handlers.ProfileHandlers;
import dev.hexatask.rest.handlers.TaskHandlers;
import dev.hexatask.rest.policy.AccessLog;
import dev.hexatask.rest.policy.EdgeResponses;
import dev.hexatask.rest.policy.RequestIds;
import dev.hexatask.rest.problem.Problem;
import dev.hexatask.rest.problem.ProblemException;
import dev.hexatask.rest.problem.ProblemType;
import dev.hexatask.rest.routing.Exchange;
import dev.hexatask.rest.routing.QueryParameters;
import dev.hexatask.rest.routing.Route;
import dev.hexatask.rest.routing.Router;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Hexatask HTTP API, whole and transport-neutral: a transport turns what it receives into an {@link HttpRequest},
 * calls {@link #handle} and sends the {@link HttpResponse} back as it is. Every decision about routes, statuses,
 * headers and JSON is made here, and {@code openapi.yaml} (at the root of this module's resources) describes it.
 */
public final class RestApi {

    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
    private static final String BEARER_CHALLENGE = "Bearer";
    private static final String INVALID_TOKEN_CHALLENGE = "Bearer error=\"invalid_token\"";

    private final Router router;
    private final Authenticator authenticator;
    private final EdgeResponses edge;
    private final String retryAfterSeconds;

    @Inject
    public RestApi(CheckHealthUseCase health, GetProfileUseCase getProfile, UpdateProfileUseCase updateProfile,
                   CreateTaskUseCase createTask, GetTaskUseCase getTask, ListTasksUseCase listTasks,
                   UpdateTaskUseCase updateTask, DeleteTaskUseCase deleteTask, SummarizeTasksUseCase summarizeTasks,
                   Authenticator authenticator, RestSettings settings) {
        this.authenticator = authenticator;
        this.edge = settings.edgeResponses();
        this.retryAfterSeconds = Long.toString(settings.retryAfter().toSeconds());
        HealthHandler healthHandler = new HealthHandler(health, retryAfterSeconds);
        ProfileHandlers profiles = new ProfileHandlers(getProfile, updateProfile);
        TaskHandlers tasks = new TaskHandlers(createTask, getTask, listTasks, updateTask, deleteTask,
                summarizeTasks);
        QueryParameters none = QueryParameters.NONE;
        this.router = new Router(List.of(
                new Route("GET", "/health", false, none, healthHandler),
                new Route("GET", "/me", true, none, profiles::get),
                new Route("PUT", "/me", true, none, profiles::put),
                new Route("POST", "/tasks", true, none, tasks::create),
                new Route("GET", "/tasks", true, TaskHandlers.LIST_PARAMETERS, tasks::list),
                new Route("GET", "/tasks/summary", true, none, tasks::summary),
                new Route("GET", "/tasks/{id}", true, none, tasks::get),
                new Route("PATCH", "/tasks/{id}", true, none, tasks::patch),
                new Route("DELETE", "/tasks/{id}", true, none, tasks::delete)));
    }

    /**
     * Every operation this API answers, as method and path template ({@code GET /tasks/{id}}); OPTIONS is answered on
     * every path besides. The edge (API Gateway) and {@code openapi.yaml} must list exactly these.
     */
    public List<String> operations() {
        return router.routes().stream().map(route -> route.method() + " " + route.template()).toList();
    }

    /** Answers one request. Never throws: whatever goes wrong becomes a problem response. */
    public HttpResponse handle(HttpRequest request) {
        long started = System.nanoTime();
        String requestId = "unknown";
        try {
            requestId = RequestIds.choose(request);
            Router.Match match = router.match(request.method(), request.path());
            HttpResponse response = edge.finish(request, requestId, respond(request, requestId, match));
            AccessLog.record(requestId, request.method(), routeOf(match), response.status(),
                    System.nanoTime() - started);
            return response;
        } catch (RuntimeException | Error e) {
            LOG.error("Request {} failed while its response was being finished", requestId, e);
            return edge.lastResort(request, requestId);
        }
    }

    private HttpResponse respond(HttpRequest request, String requestId, Router.Match match) {
        try {
            return switch (match) {
                case Router.Match.NoRoute noRoute ->
                        Problem.of(ProblemType.NOT_FOUND, "There is no resource at this path.").toResponse(requestId);
                case Router.Match.WrongMethod wrong -> wrongMethod(request, requestId, wrong);
                case Router.Match.Found found -> dispatch(request, requestId, found);
            };
        } catch (ProblemException e) {
            return e.problem().toResponse(requestId);
        } catch (StorageUnavailableException e) {
            // One line, no stack trace: during an outage every request lands here, and the cause is known.
            LOG.warn("Request {}: storage unavailable: {}", requestId, e.getMessage());
            return Problem.of(ProblemType.UNAVAILABLE, "The service cannot reach its database; retry shortly.")
                    .withHeader("Retry-After", retryAfterSeconds)
                    .toResponse(requestId);
        } catch (RuntimeException | Error e) {
            LOG.error("Request {} failed", requestId, e);
            return internalError(requestId);
        }
    }

    private HttpResponse wrongMethod(HttpRequest request, String requestId, Router.Match.WrongMethod wrong) {
        List<String> methods = new ArrayList<>(wrong.allowed());
        methods.add("OPTIONS");
        String allow = String.join(", ", methods);
        if (request.method().equals("OPTIONS")) {
            return edge.cors().preflight(request, requestId, allow);
        }
        return Problem.of(ProblemType.METHOD_NOT_ALLOWED, "This resource does not support " + safeMethod(request)
                        + "; see Allow.")
                .withHeader("Allow", allow)
                .toResponse(requestId);
    }

    private HttpResponse dispatch(HttpRequest request, String requestId, Router.Match.Found found) {
        Route route = found.route();
        Optional<AuthenticatedUser> user = Optional.empty();
        if (route.authenticated()) {
            List<String> authorization = request.headers().all("Authorization");
            AuthenticationResult result = authorization.size() > 1
                    ? new AuthenticationResult.Rejected("more than one Authorization header")
                    : authenticator.authenticate(authorization.isEmpty() ? null : authorization.getFirst());
            switch (result) {
                case AuthenticationResult.Authenticated authenticated -> user = Optional.of(authenticated.user());
                case AuthenticationResult.Rejected rejected -> {
                    LOG.debug("Request {}: not authenticated: {}", requestId, rejected.reason());
                    return Problem.of(ProblemType.UNAUTHORIZED, "A valid bearer token is required.")
                            .withHeader("WWW-Authenticate",
                                    authorization.isEmpty() ? BEARER_CHALLENGE : INVALID_TOKEN_CHALLENGE)
                            .toResponse(requestId);
                }
            }
        }
        List<Violation> queryViolations = checkQuery(request.query(), route.query());
        if (!queryViolations.isEmpty()) {
            return Problem.invalid(queryViolations).toResponse(requestId);
        }
        return route.handler().handle(new Exchange(request, requestId, found.pathParameters(), user));
    }

    private static List<Violation> checkQuery(Map<String, List<String>> query, QueryParameters accepted) {
        List<Violation> violations = new ArrayList<>();
        query.forEach((name, values) -> {
            if (!accepted.accepts(name)) {
                violations.add(new Violation(truncate(name), "unknown_parameter",
                        "is not a query parameter of this resource"));
            } else if (values.size() > 1 && accepted.single().contains(name)) {
                violations.add(new Violation(name, "repeated", "must be given at most once"));
            }
        });
        return violations;
    }


    private static String routeOf(Router.Match match) {
        return switch (match) {
            case Router.Match.Found found -> found.route().template();
            case Router.Match.WrongMethod wrong -> wrong.template();
            case Router.Match.NoRoute noRoute -> null;
        };
    }

    private static HttpResponse internalError(String requestId) {
        return Problem.of(ProblemType.INTERNAL,
                "The request failed unexpectedly; report request id " + requestId + " if it persists.")
                .toResponse(requestId);
    }

    private static String safeMethod(HttpRequest request) {
        return request.method().matches("[A-Z]{1,16}") ? request.method() : "this method";
    }

    private static String truncate(String name) {
        int limit = 100;
        return name.codePointCount(0, name.length()) <= limit ? name
                : name.substring(0, name.offsetByCodePoints(0, limit)) + "…";
    }
}
