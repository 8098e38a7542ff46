package dev.hexatask.javalin.http;

/** The server's port is taken by another process, so the server cannot listen on it. */
public final class PortInUseException extends RuntimeException {

    public PortInUseException(int port, Throwable cause) {
        super("port " + port + " is in use; stop what holds it, or set PORT to another port", cause);
    }
}
