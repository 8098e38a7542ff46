package dev.hexatask.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.http.HttpResponse;
import dev.hexatask.rest.RestApi;
import dev.hexatask.rest.RestSettings;
import dev.hexatask.rest.policy.EdgeResponses;
import dev.hexatask.rest.policy.RequestIds;
import dev.hexatask.rest.problem.Problem;
import dev.hexatask.rest.problem.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The API function: {@code dev.hexatask.lambda.ApiHandler::handleRequest}, behind an API Gateway REST API proxy
 * integration. It only translates events into adapter-rest's requests and responses back into events, and puts the
 * request and trace ids on every log line. It never throws into the runtime: whatever happens, the answer is a
 * well-formed proxy response.
 */
public final class ApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final String TRACE_HEADER = "X-Amzn-Trace-Id";
    private static final Pattern SAFE_TRACE = Pattern.compile("[A-Za-z0-9=;:._-]{1,256}");

    private final Supplier<RestApi> api;
    private final EdgeResponses edge;
    private final String retryAfterSeconds;

    /** The Lambda runtime's constructor: the execution environment's component, built on the first call. */
    public ApiHandler() {
        this(ExecutionEnvironment.component().restApi()::get, ExecutionEnvironment.settings().rest());
    }

    /** For tests and tools: the API to hand requests to. */
    public ApiHandler(RestApi api) {
        this(() -> api, RestSettings.allowingOrigins(List.of()));
    }

    /**
     * @param api      the API, asked for on every request: when it cannot be built yet (the database or Secrets
     *                 Manager is out of reach), the request is answered 503 and the next one asks again
     * @param settings what a 503 suggests in {@code Retry-After}, and the CORS grant of this handler's own answers
     */
    public ApiHandler(Supplier<RestApi> api, RestSettings settings) {
        this.api = api;
        this.edge = settings.edgeResponses();
        this.retryAfterSeconds = Long.toString(settings.retryAfter().toSeconds());
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        try {
            putLogContext(event, context);
            return ProxyEvents.toEvent(respond(event));
        } catch (RuntimeException | Error e) {
            LOG.error("The event could not be answered", e);
            return lastResort(event);
        } finally {
            MDC.clear();
        }
    }

    private HttpResponse respond(APIGatewayProxyRequestEvent event) {
        HttpRequest request;
        try {
            request = ProxyEvents.toRequest(event);
        } catch (ProxyEvents.UnreadableEventException e) {
            LOG.warn("Unreadable event: {}", e.getMessage());
            HttpRequest envelope = ProxyEvents.envelope(event);
            ProblemType type = e.body() ? ProblemType.MALFORMED_BODY : ProblemType.VALIDATION;
            return edge.problem(envelope, RequestIds.choose(envelope), Problem.of(type,
                    "The event is not an API Gateway proxy request this API can read: " + e.getMessage() + "."));
        }
        RestApi restApi;
        try {
            restApi = api.get();
        } catch (RuntimeException e) {
            LOG.error("The API cannot be built yet", e);
            return edge.problem(request, RequestIds.choose(request), Problem.of(ProblemType.UNAVAILABLE,
                            "The service is starting and cannot reach its database yet; retry shortly.")
                    .withHeader("Retry-After", retryAfterSeconds));
        }
        return restApi.handle(request);
    }

    /** API Gateway's request id, the invocation's id and the X-Ray trace id, on every line this request logs. */
    private static void putLogContext(APIGatewayProxyRequestEvent event, Context context) {
        if (context != null && context.getAwsRequestId() != null) {
            MDC.put("awsRequestId", context.getAwsRequestId());
        }
        if (event != null && event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            MDC.put("requestId", safe(event.getRequestContext().getRequestId()));
        }
        String trace = traceHeader(event);
        if (trace != null) {
            MDC.put("traceId", trace);
        }
    }

    /** The trace header API Gateway forwards, else the one the runtime sets for this invocation. */
    private static String traceHeader(APIGatewayProxyRequestEvent event) {
        String trace = null;
        if (event != null) {
            trace = ProxyEvents.headers(event).first(TRACE_HEADER).filter(value -> !value.isEmpty()).orElse(null);
        }
        if (trace == null) {
            trace = System.getProperty("com.amazonaws.xray.traceHeader", System.getenv("_X_AMZN_TRACE_ID"));
        }
        return trace == null ? null : safe(trace);
    }

    /** Ids come from the client: only a plain token goes into a log line. */
    private static String safe(String id) {
        return SAFE_TRACE.matcher(id).matches() ? id : "invalid";
    }

    /** The 500 after a failure, with the headers every answer carries (a browser can read it). */
    private APIGatewayProxyResponseEvent lastResort(APIGatewayProxyRequestEvent event) {
        HttpRequest envelope;
        try {
            envelope = ProxyEvents.envelope(event);
        } catch (RuntimeException e) {
            envelope = HttpRequest.of("GET", "/");
        }
        return ProxyEvents.toEvent(edge.lastResort(envelope, UUID.randomUUID().toString()));
    }
}
