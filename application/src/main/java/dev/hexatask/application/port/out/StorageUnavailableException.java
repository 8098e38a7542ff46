package dev.hexatask.application.port.out;

/**
 * The store cannot be reached right now (connection refused, pool exhausted, credentials being rotated). The only
 * storage failure an adapter lets through a port; callers answer "try again later". Its message is for logs and
 * never holds SQL, credentials or user data.
 */
public final class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
