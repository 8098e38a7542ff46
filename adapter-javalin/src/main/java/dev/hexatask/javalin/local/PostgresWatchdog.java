package dev.hexatask.javalin.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Stops the embedded PostgreSQL when the stack's JVM goes without stopping it (SIGKILL, the OOM killer, a crash),
 * so that no orphan keeps holding the data folder. PostgreSQL runs detached from the JVM (pg_ctl makes it a
 * session leader), so nothing else would.
 * <p>
 * The watchdog is a small {@code sh} child of the JVM that blocks reading a pipe from it: when the JVM dies, however
 * it dies, the operating system closes the pipe, the read returns, and the watchdog asks PostgreSQL for a fast
 * shutdown (SIGINT), provided {@code postmaster.pid} still names the same server. On a clean stop the stack stops
 * PostgreSQL first (which removes {@code postmaster.pid}) and then closes the pipe, and the watchdog just exits. It
 * ignores the terminal's hang-up and interrupt, which are the JVM's to handle; it costs no CPU while it waits.
 */
final class PostgresWatchdog implements AutoCloseable {

    private static final String SCRIPT = """
            trap '' HUP INT
            read -r _ 2>/dev/null
            if [ "$(head -n 1 "$1/postmaster.pid" 2>/dev/null)" = "$2" ]; then
              kill -INT "$2" 2>/dev/null
            fi
            """;

    private final Process process;

    private PostgresWatchdog(Process process) {
        this.process = process;
    }

    /** Watches the server with this pid on this data folder until {@link #close()} or the JVM's end. */
    static PostgresWatchdog start(Path dataDirectory, long postgresPid) throws IOException {
        Process process = new ProcessBuilder("sh", "-c", SCRIPT, "hexatask-postgres-watchdog",
                dataDirectory.toAbsolutePath().toString(), Long.toString(postgresPid))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return new PostgresWatchdog(process);
    }

    long pid() {
        return process.pid();
    }

    /** Lets the watchdog go: after PostgreSQL was stopped, it finds no server of its own and exits. */
    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
        }
    }
}
