package dev.hexatask.rest.routing;

import dev.hexatask.application.port.out.AuthenticatedUser;
import dev.hexatask.rest.http.HttpRequest;

import java.util.Map;
import java.util.Optional;

/**
 * A request on its way through a handler: the request, its id, the decoded path parameters of the matched route,
 * and the caller when the route needs one.
 */
public record Exchange(HttpRequest request, String requestId, Map<String, String> pathParameters,
                       Optional<AuthenticatedUser> user) {

    public Exchange {
        pathParameters = Map.copyOf(pathParameters);
    }

    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("the route has no parameter " + name);
        }
        return value;
    }

    /** The authenticated caller; only routes that require authentication ask. */
    public AuthenticatedUser caller() {
        return user.orElseThrow(() -> new IllegalStateException("the route does not require authentication"));
    }

    /** The only value of a single-valued query parameter ({@link QueryParameters} checked there is at most one). */
    public String query(String name) {
        var values = request.query().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
