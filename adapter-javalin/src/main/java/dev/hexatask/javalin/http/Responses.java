package dev.hexatask.javalin.http;

import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.policy.EdgeResponses;
import dev.hexatask.rest.policy.RequestIds;
import io.javalin.http.Context;
import org.eclipse.jetty.http.HttpStatus;

import java.io.IOException;

/** The few answers the server gives itself, outside the API, with the headers every answer carries. */
final class Responses {

    private final EdgeResponses edge;

    Responses(EdgeResponses edge) {
        this.edge = edge;
    }

    void problem(Context ctx, int status, String detail) throws IOException {
        HttpRequest request = ApiBridge.envelope(ctx.req());
        ApiBridge.write(edge.plainProblem(request, RequestIds.choose(request), status, HttpStatus.getMessage(status),
                detail), ctx.res());
        ctx.skipRemainingHandlers();
    }
}
