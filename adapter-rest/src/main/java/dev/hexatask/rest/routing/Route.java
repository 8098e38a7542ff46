package dev.hexatask.rest.routing;

import java.util.List;
import java.util.Objects;

/**
 * A method and a path template such as {@code /tasks/{id}}, the handler that answers it, whether it needs an
 * authenticated caller, and which query parameters it takes.
 */
public record Route(String method, String template, boolean authenticated, QueryParameters query,
                    Handler handler) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(handler, "handler");
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("a template starts with /: " + template);
        }
    }

    List<String> segments() {
        return List.of(template.substring(1).split("/", -1));
    }
}
