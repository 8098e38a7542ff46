package dev.hexatask.lambda;

/**
 * A function's invocation failed, said in words only. The Lambda runtime writes what a handler throws into the
 * function's log and into the caller's error response (the deploy's trigger, the schedule): this exception has no
 * stack frames and no cause, so neither gets more than its message. The failure itself is logged by the handler
 * before it throws.
 */
public final class InvocationFailedException extends RuntimeException {

    public InvocationFailedException(String message) {
        super(message, null, false, false);
    }
}
