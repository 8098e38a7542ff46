package dev.hexatask.javalin.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The local stack killed with SIGKILL, as a crash, the OOM killer or {@code kill -9} would: its PostgreSQL does not
 * outlive it, and when even the watchdog was killed with it, the next start stops the orphan and comes up.
 */
class UncleanStopTest {

    private static final Duration START_PATIENCE = Duration.ofSeconds(120);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(20);
    private static final Path POSTGRES_DATA = new DataFolder(DataFolder.DEFAULT).postgres();

    @TempDir
    Path workingCopy;

    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() {
        for (ProcessHandle process : started.reversed()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        LeftoverPostgres.find(workingCopy.resolve(POSTGRES_DATA)).ifPresent(ProcessHandle::destroyForcibly);
    }

    @Test
    void killedStacksLeaveNoPostgresBehindAndTheNextStartTakesOver() throws Exception {
        Path data = workingCopy.resolve(POSTGRES_DATA);

        // The JVM alone killed: the watchdog stops PostgreSQL.
        RunningStack first = RunningStack.start(workingCopy, started);
        // The local provider's first, slow answers are behind it before the stack says it runs.
        assertThat(first.output).filteredOn(line -> line.contains("The local sign-in is ready")
                || line.startsWith("Hexatask is running")).hasSize(2).first().asString()
                .contains("The local sign-in is ready");
        ProcessHandle firstPostgres = LeftoverPostgres.find(data).orElseThrow();
        first.process.destroyForcibly();
        assertThat(firstPostgres.onExit()).succeedsWithin(STOP_PATIENCE);

        // The JVM and its watchdog killed together: PostgreSQL is orphaned, and the next start stops it.
        RunningStack second = RunningStack.start(workingCopy, started);
        ProcessHandle orphan = LeftoverPostgres.find(data).orElseThrow();
        assertThat(orphan.pid()).isNotEqualTo(firstPostgres.pid());
        second.process.toHandle().children().forEach(ProcessHandle::destroyForcibly);
        second.process.destroyForcibly();
        assertThat(second.process.waitFor(STOP_PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Thread.sleep(500);
        assertThat(orphan.isAlive()).as("PostgreSQL orphaned by the killed stack").isTrue();

        RunningStack third = RunningStack.start(workingCopy, started);
        assertThat(orphan.isAlive()).isFalse();
        assertThat(third.output).anyMatch(line -> line.contains("PostgreSQL (pid " + orphan.pid()
                + ") is still running on") && line.contains("stopping it"));
        assertThat(third.output).anyMatch(line -> line.contains("Stopped the leftover PostgreSQL in"));

        // A clean stop (SIGTERM, as Ctrl-C) leaves nothing either.
        ProcessHandle thirdPostgres = LeftoverPostgres.find(data).orElseThrow();
        third.process.destroy();
        assertThat(third.process.waitFor(STOP_PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        // pg_ctl waits until postmaster.pid is gone, a moment before the process has exited.
        assertThat(thirdPostgres.onExit()).succeedsWithin(Duration.ofSeconds(5));
        assertThat(LeftoverPostgres.pidFile(data)).isEmpty();
        assertThat(third.output).anyMatch(line -> line.contains("Stopped"));
    }

    /** {@code bin/dev}'s Java part, run in a working copy of its own on free ports. */
    private record RunningStack(Process process, List<String> output) {

        static RunningStack start(Path workingCopy, List<ProcessHandle> started) throws Exception {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ProcessBuilder builder = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), DevStack.class.getName())
                    .directory(workingCopy.toFile())
                    .redirectErrorStream(true);
            builder.environment().put("PORT", "0");
            builder.environment().remove("DATABASE_URL");
            builder.environment().remove(DataFolder.VARIABLE);
            builder.environment().remove("OIDC_ISSUER");
            Process process = builder.start();
            started.add(process.toHandle());
            List<String> output = new CopyOnWriteArrayList<>();
            LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
            CompletableFuture.runAsync(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = reader.readLine()) != null; ) {
                        output.add(line);
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the process went; what it said is in output
                }
            });
            long deadline = System.nanoTime() + START_PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith("Hexatask is running")) {
                    return new RunningStack(process, output);
                }
                if (line == null && !process.isAlive()) {
                    break;
                }
            }
            fail("the stack did not start; it said:\n" + String.join("\n", output));
            return null;
        }
    }
}
