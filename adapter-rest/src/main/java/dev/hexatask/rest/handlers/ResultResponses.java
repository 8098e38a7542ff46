package dev.hexatask.rest.handlers;

import dev.hexatask.rest.problem.Problem;
import dev.hexatask.rest.problem.ProblemType;

import dev.hexatask.application.port.in.Result;
import dev.hexatask.rest.http.HttpResponse;

import java.util.function.Function;

/** The one mapping from a use case's {@link Result} to a response: success is rendered, each failure has its status. */
public final class ResultResponses {

    private ResultResponses() {
    }

    public static <T> HttpResponse render(Result<T> result, String requestId, Function<T, HttpResponse> onSuccess) {
        return switch (result) {
            case Result.Success<T> success -> onSuccess.apply(success.value());
            case Result.Invalid<T> invalid -> Problem.invalid(invalid.violations()).toResponse(requestId);
            case Result.NotFound<T> notFound -> notFound().toResponse(requestId);
            case Result.VersionConflict<T> conflict -> versionConflict(conflict.currentVersion()).toResponse(requestId);
            case Result.IdempotencyKeyReused<T> reused -> Problem.of(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used with a different request body; use a new key for a new "
                            + "request.").toResponse(requestId);
            case Result.IdempotencyKeyInFlight<T> inFlight -> Problem.of(ProblemType.REQUEST_IN_FLIGHT,
                    "The first request with this Idempotency-Key is still being processed; retry shortly.")
                    .toResponse(requestId);
        };
    }

    private static Problem notFound() {
        return Problem.of(ProblemType.NOT_FOUND, "There is no such resource.");
    }

    /** A 412 that tells the client the version to retry against. */
    private static Problem versionConflict(long currentVersion) {
        return Problem.of(ProblemType.PRECONDITION_FAILED,
                        "The task has changed since you read it; fetch it again and retry with the current ETag.")
                .withHeader("ETag", EntityTags.of(currentVersion));
    }
}
