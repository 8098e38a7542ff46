package dev.hexatask.rest.handlers;

import dev.hexatask.application.port.in.CheckHealthUseCase;
import dev.hexatask.rest.http.HttpResponse;
import dev.hexatask.rest.routing.Exchange;
import dev.hexatask.rest.routing.Handler;

/** {@code GET /health}: 200 when the database answers, 503 when it does not; no authentication. */
public final class HealthHandler implements Handler {

    private final CheckHealthUseCase health;

    public HealthHandler(CheckHealthUseCase health) {
        this.health = health;
    }

    @Override
    public HttpResponse handle(Exchange exchange) {
        boolean up = health.check().healthy();
        String state = up ? "UP" : "DOWN";
        return Responses.json(up ? 200 : 503, new Representations.HealthJson(state, state));
    }
}
