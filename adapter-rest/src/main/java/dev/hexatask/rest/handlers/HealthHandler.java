package dev.hexatask.rest.handlers;

import dev.hexatask.application.port.in.CheckHealthUseCase;
import dev.hexatask.rest.http.HttpResponse;
import dev.hexatask.rest.routing.Exchange;
import dev.hexatask.rest.routing.Handler;

/** {@code GET /health}: 200 when the database answers, else 503 with {@code Retry-After}; no authentication. */
public final class HealthHandler implements Handler {

    private final CheckHealthUseCase health;
    private final String retryAfterSeconds;

    public HealthHandler(CheckHealthUseCase health, String retryAfterSeconds) {
        this.health = health;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public HttpResponse handle(Exchange exchange) {
        if (health.check().healthy()) {
            return Responses.json(200, new Representations.HealthJson("UP", "UP"));
        }
        return Responses.json(503, new Representations.HealthJson("DOWN", "DOWN"))
                .withHeader("Retry-After", retryAfterSeconds);
    }
}
