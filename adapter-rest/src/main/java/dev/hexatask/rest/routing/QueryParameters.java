package dev.hexatask.rest.routing;

import java.util.Set;

/** The query parameters a route accepts: some may repeat, the others must appear at most once. */
public record QueryParameters(Set<String> single, Set<String> repeatable) {

    public static final QueryParameters NONE = new QueryParameters(Set.of(), Set.of());

    public QueryParameters {
        single = Set.copyOf(single);
        repeatable = Set.copyOf(repeatable);
    }

    public boolean accepts(String name) {
        return single.contains(name) || repeatable.contains(name);
    }
}
