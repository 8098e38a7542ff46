package dev.hexatask.rest.contract;

/**
 * What one run of the contract suite runs against: the only thing that differs between runs (in-memory core,
 * PostgreSQL, the Javalin server, the Lambda handler).
 */
public interface ContractEnvironment extends AutoCloseable {

    /** The API as this environment exposes it. */
    ContractClient client();

    /** A new user, unknown to the API until now, with a token the API accepts. */
    ContractUser newUser();

    /** An origin on the API's CORS allow-list. */
    String allowedOrigin();

    /**
     * Makes the database unreachable (or reachable again) for the health check; false when this environment
     * cannot, and the test that needs it is skipped.
     */
    boolean setDatabaseReachable(boolean reachable);

    /**
     * True when the transport gives every request an id of its own (API Gateway's request id), which
     * {@code RequestIds} prefers to a client's {@code X-Request-Id}: then a client's id is replaced, not echoed.
     */
    default boolean transportAssignsRequestIds() {
        return false;
    }

    /**
     * Whether a path with a malformed percent-escape ({@code %zz}) reaches the API. An HTTP server that refuses such
     * a request line itself (Jetty answers 400 before any handler runs) says false, and tests it on its own.
     */
    default boolean carriesMalformedEscapes() {
        return true;
    }

    @Override
    default void close() {
    }
}
