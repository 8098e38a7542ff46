package dev.hexatask.rest.policy;

import dev.hexatask.rest.http.HttpRequest;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Picks the id a request is known by in responses and logs: the transport's own id when it has one (it matches the
 * platform's logs), else a client's {@code X-Request-Id}, else a new random UUID. An id that is too long or has
 * characters outside the URI "unreserved" set is not trusted (it would go into logs and {@code instance}).
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

    private RequestIds() {
    }

    public static String choose(HttpRequest request) {
        return acceptable(request.transportRequestId())
                .or(() -> request.headers().all(HEADER).size() == 1
                        ? acceptable(request.headers().first(HEADER)) : Optional.empty())
                .orElseGet(() -> UUID.randomUUID().toString());
    }

    private static Optional<String> acceptable(Optional<String> candidate) {
        return candidate.filter(id -> ACCEPTABLE.matcher(id).matches());
    }
}
