package dev.hexatask.javalin.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A PostgreSQL server still running on a data folder after the stack that started it went away without stopping
 * it (its JVM killed with SIGKILL, by the OOM killer, a crash). PostgreSQL names itself in {@code postmaster.pid}
 * in its data folder; a live {@code postgres} process with that pid holds the folder, and a new server cannot start
 * on it. Since the folder belongs to this working copy, and one stack at a time runs in it (the {@link DevLock}),
 * such a server is an orphan of an earlier stack: it is stopped with a fast shutdown (SIGINT: open transactions
 * roll back, the data is checkpointed), which takes well under a second when nothing is running.
 */
final class LeftoverPostgres {

    private static final Duration FAST_SHUTDOWN_WAIT = Duration.ofSeconds(15);
    private static final Duration IMMEDIATE_SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private LeftoverPostgres() {
    }

    /** The pid written in the folder's {@code postmaster.pid}, when that file is there and readable. */
    static Optional<Long> pidFile(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().strip()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The live PostgreSQL server process holding this folder, if one runs. */
    static Optional<ProcessHandle> find(Path dataDirectory) {
        return pidFile(dataDirectory)
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(LeftoverPostgres::isPostgres);
    }

    /**
     * Stops the server left running on {@code dataDirectory}, if any, saying what it does; a {@code postmaster.pid}
     * naming no live PostgreSQL is left for PostgreSQL to clear, as it does.
     *
     * @throws IOException when the server does not stop
     */
    static void stopIfRunning(Path dataDirectory, Consumer<String> progress) throws IOException {
        Optional<ProcessHandle> found = find(dataDirectory);
        if (found.isEmpty()) {
            return;
        }
        ProcessHandle server = found.get();
        long started = System.nanoTime();
        progress.accept("PostgreSQL (pid " + server.pid() + ") is still running on " + dataDirectory.toAbsolutePath()
                + ", left by a stack that did not stop cleanly; stopping it");
        signal(server, "INT");
        if (!awaitExit(server, FAST_SHUTDOWN_WAIT)) {
            progress.accept("PostgreSQL (pid " + server.pid() + ") did not stop within "
                    + FAST_SHUTDOWN_WAIT.toSeconds() + " s; asking for an immediate shutdown (it recovers on start)");
            signal(server, "QUIT");
            if (!awaitExit(server, IMMEDIATE_SHUTDOWN_WAIT)) {
                throw new IOException("PostgreSQL (pid " + server.pid() + ") holds " + dataDirectory.toAbsolutePath()
                        + " and does not stop; stop it by hand (kill " + server.pid() + ")");
            }
        }
        progress.accept("Stopped the leftover PostgreSQL in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    private static boolean isPostgres(ProcessHandle process) {
        // Unknown when the system does not say (another user's process): then it may well be one, and the stop
        // fails with a clear message rather than the start waiting for a server that cannot come up.
        return process.info().command()
                .map(command -> Path.of(command).getFileName().toString().startsWith("postgres"))
                .orElse(true);
    }

    /** PostgreSQL's shutdown modes are chosen by signal, which {@link ProcessHandle} cannot send. */
    private static void signal(ProcessHandle process, String signal) throws IOException {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .start();
            kill.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL", e);
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration wait) throws IOException {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL", e);
        }
    }
}
