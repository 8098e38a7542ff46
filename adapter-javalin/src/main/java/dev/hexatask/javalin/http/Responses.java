package dev.hexatask.javalin.http;

import io.javalin.http.Context;

import java.util.UUID;

/** The few answers the server gives itself, outside the API. */
final class Responses {

    private Responses() {
    }

    static void problem(Context ctx, int status, String detail) {
        String requestId = UUID.randomUUID().toString();
        ctx.status(status);
        ctx.header("Content-Type", ProblemErrorHandler.MEDIA_TYPE);
        ctx.header("X-Request-Id", requestId);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
        ctx.result(ProblemErrorHandler.problemJson(status, detail, requestId));
    }
}
