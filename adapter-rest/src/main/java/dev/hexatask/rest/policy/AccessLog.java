package dev.hexatask.rest.policy;

import dev.hexatask.rest.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per request on the {@code dev.hexatask.rest.access} logger: request id, method, route template
 * (never the concrete path, which holds ids), status and duration. Never a header, token, query or body.
 */
public final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.hexatask.rest.access");
    private static final int MAX_METHOD_LENGTH = 16;

    private AccessLog() {
    }

    record Line(String requestId, String method, String route, int status, long durationMs) {
    }

    public static void record(String requestId, String method, String route, int status, long durationNanos) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        String safeMethod = method.length() > MAX_METHOD_LENGTH ? method.substring(0, MAX_METHOD_LENGTH) : method;
        LOG.info(Json.writeString(new Line(requestId, safeMethod, route, status, durationNanos / 1_000_000)));
    }
}
