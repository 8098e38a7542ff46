package dev.hexatask.rest.json;

/** A well-formed body of the wrong overall shape (an array where an object belongs); the message is for clients. */
public final class BodyShapeException extends RuntimeException {

    public BodyShapeException(String message) {
        super(message, null, false, false);
    }
}
