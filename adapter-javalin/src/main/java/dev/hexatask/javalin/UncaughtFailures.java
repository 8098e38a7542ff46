package dev.hexatask.javalin;

import org.slf4j.LoggerFactory;

/**
 * A failure that ends a thread goes to the log (which writes its class and message, without a stack trace) instead
 * of the JVM's default, a stack trace on standard error.
 */
public final class UncaughtFailures {

    private UncaughtFailures() {
    }

    /** Installs the JVM's default handler for failures no code caught; call first thing in a main method. */
    public static void logThem() {
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> LoggerFactory.getLogger(UncaughtFailures.class)
                .error("Thread {} ended with an unexpected failure", thread.getName(), failure));
    }
}
