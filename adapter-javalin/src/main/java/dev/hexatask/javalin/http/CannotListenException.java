package dev.hexatask.javalin.http;

import java.net.BindException;
import java.util.Locale;

/**
 * The server cannot listen where it is told to: its port is taken by another process, or the address is not one of
 * this machine's (a wrong {@code HOST}), or binding is not permitted. The message says which, and what to change.
 */
public final class CannotListenException extends RuntimeException {

    CannotListenException(String host, int port, Throwable cause) {
        super(describe(host, port, bindFailure(cause)), cause);
    }

    private static String describe(String host, int port, String bindFailure) {
        if (bindFailure != null && bindFailure.toLowerCase(Locale.ROOT).contains("in use")) {
            return "port " + port + " is in use; stop what holds it, or set PORT to another port";
        }
        return "cannot listen on " + host + ":" + port + " (" + (bindFailure == null ? "binding failed" : bindFailure)
                + "); check HOST and PORT";
    }

    /** The operating system's own words, from the {@link BindException} in the cause chain, if there is one. */
    private static String bindFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException bind) {
                return bind.getMessage();
            }
        }
        return null;
    }
}
