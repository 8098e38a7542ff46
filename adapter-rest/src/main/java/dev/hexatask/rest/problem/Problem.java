package dev.hexatask.rest.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hexatask.domain.validation.Violation;
import dev.hexatask.rest.http.HttpHeaders;
import dev.hexatask.rest.http.HttpResponse;
import dev.hexatask.rest.json.Json;

import java.util.List;
import java.util.Objects;

/**
 * A problem detail (RFC 9457) about to be sent: its type, a sentence for people, the broken rules for a
 * validation problem, and any headers that belong with it ({@code Allow}, {@code ETag}, {@code Retry-After}).
 */
public record Problem(ProblemType type, String detail, List<Violation> errors, HttpHeaders headers) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
        errors = List.copyOf(errors);
        Objects.requireNonNull(headers, "headers");
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type, detail, List.of(), HttpHeaders.EMPTY);
    }

    /** A 400 listing every broken rule. */
    public static Problem invalid(List<Violation> violations) {
        return new Problem(ProblemType.VALIDATION, "The request is not valid; errors lists each problem.",
                violations, HttpHeaders.EMPTY);
    }

    public Problem withHeader(String name, String value) {
        return new Problem(type, detail, errors, headers.with(name, value));
    }

    /** The response, with {@code instance} set to the request id so a report can be matched to the log. */
    public HttpResponse toResponse(String requestId) {
        Body body = new Body(type.uri(), type.title(), type.status(), detail, requestId,
                errors.isEmpty() ? null : errors.stream().map(FieldError::of).toList());
        HttpResponse response = new HttpResponse(type.status(), headers, Json.body(body));
        return response.withHeader("Content-Type", MEDIA_TYPE);
    }

    /** The JSON shape; {@code errors} is left out when there are none. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Body(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
    }

    record FieldError(String field, String message, String rule) {
        static FieldError of(Violation violation) {
            return new FieldError(violation.field(), violation.message(), violation.rule());
        }
    }
}
