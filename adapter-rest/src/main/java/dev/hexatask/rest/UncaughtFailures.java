package dev.hexatask.rest;

import org.slf4j.LoggerFactory;

/**
 * A failure that ends a thread goes to the log (both transports' logging writes its class and message, without a
 * stack trace) instead of the JVM's default, a stack trace on standard error. For the server's and the functions'
 * entry points alike.
 */
public final class UncaughtFailures {

    private UncaughtFailures() {
    }

    /** Installs the JVM's default handler for failures no code caught; call before any other thread starts. */
    public static void logThem() {
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> LoggerFactory.getLogger(UncaughtFailures.class)
                .error("Thread {} ended with an unexpected failure", nameOf(thread), failure));
    }

    /** A virtual thread has no name unless given one. */
    static String nameOf(Thread thread) {
        return thread.getName().isEmpty() ? thread.toString() : thread.getName();
    }
}
