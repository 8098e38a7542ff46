package dev.hexatask.rest.problem;

/**
 * Every kind of problem the API answers with. The {@code type} URI is a stable identifier a client can switch on
 * (a URN: it names the problem without promising a web page); the title never changes between occurrences.
 */
public enum ProblemType {
    VALIDATION(400, "validation-error", "The request is not valid"),
    MALFORMED_BODY(400, "malformed-body", "The request body cannot be read"),
    UNAUTHORIZED(401, "unauthorized", "Authentication is required"),
    ORIGIN_NOT_ALLOWED(403, "origin-not-allowed", "Origin not allowed"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    REQUEST_IN_FLIGHT(409, "idempotency-key-in-flight", "A request with this idempotency key is in progress"),
    PRECONDITION_FAILED(412, "precondition-failed", "The resource has changed"),
    BODY_TOO_LARGE(413, "body-too-large", "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "The idempotency key was used for another request"),
    PRECONDITION_REQUIRED(428, "precondition-required", "If-Match is required"),
    INTERNAL(500, "internal-error", "Internal server error"),
    UNAVAILABLE(503, "service-unavailable", "Service temporarily unavailable");

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String uri() {
        return "urn:hexatask:problem:" + slug;
    }

    public String title() {
        return title;
    }
}
