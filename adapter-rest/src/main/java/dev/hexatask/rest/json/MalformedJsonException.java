package dev.hexatask.rest.json;

/** A request body that is not one well-formed JSON value; the message is written for the client. */
public final class MalformedJsonException extends RuntimeException {

    public MalformedJsonException(String message) {
        super(message, null, false, false);
    }
}
