package dev.hexatask.rest.routing;

import dev.hexatask.rest.http.HttpResponse;

/** Answers one route: parse, call a use case, render. */
@FunctionalInterface
public interface Handler {
    HttpResponse handle(Exchange exchange);
}
