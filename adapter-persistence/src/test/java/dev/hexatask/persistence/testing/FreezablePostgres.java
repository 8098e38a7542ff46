package dev.hexatask.persistence.testing;

import dev.hexatask.persistence.UrlDatabaseCredentials;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL 17 server of a test's own (embedded, in a temporary folder) that the test can freeze: every process
 * of the server is stopped with SIGSTOP, so connections stay open and nothing answers, as when a database host
 * hangs or the network in between drops packets, and thawed again with SIGCONT. {@link #close()} always thaws
 * first. Unix only, as the embedded server is.
 */
public final class FreezablePostgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final List<ProcessHandle> frozen = new ArrayList<>();

    private FreezablePostgres(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    public static FreezablePostgres start() {
        try {
            Path dataDirectory = Files.createTempDirectory("hexatask-freezable-pg");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("max_connections", "100")
                    .start();
            return new FreezablePostgres(postgres, dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL did not start", e);
        }
    }

    /** The JDBC URL of its {@code postgres} database, without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    /** The superuser, trusted on localhost. */
    public UrlDatabaseCredentials credentials() {
        return UrlDatabaseCredentials.of(jdbcUrl(), "postgres", "postgres");
    }

    /** The server's main process. */
    public ProcessHandle postmaster() {
        try {
            String first = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8)
                    .getFirst().strip();
            return ProcessHandle.of(Long.parseLong(first)).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops every process of the server (the postmaster first, so it forks no new one). */
    public synchronized void freeze() {
        ProcessHandle postmaster = postmaster();
        List<ProcessHandle> processes = new ArrayList<>();
        processes.add(postmaster);
        signal("STOP", List.of(postmaster));
        postmaster.descendants().forEach(processes::add);
        signal("STOP", processes.subList(1, processes.size()));
        frozen.addAll(processes);
    }

    /** Lets the frozen processes run on. */
    public synchronized void thaw() {
        if (!frozen.isEmpty()) {
            signal("CONT", frozen);
            frozen.clear();
        }
    }

    private static void signal(String signal, List<ProcessHandle> processes) {
        if (processes.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        processes.forEach(process -> command.add(Long.toString(process.pid())));
        try {
            Process kill = new ProcessBuilder(command).inheritIO().start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " failed for " + command.subList(2, command.size()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        thaw();
        postgres.close();
    }
}
