package dev.hexatask.javalin;

import dev.hexatask.application.port.out.StorageUnavailableException;
import dev.hexatask.persistence.PostgresPersistence;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Brings the database's schema up to date at start-up, waiting for a database that is not reachable yet (still
 * starting, a container coming up) with growing pauses, and saying so, instead of failing with a stack trace.
 */
public final class DatabaseStartup {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(8);

    private DatabaseStartup() {
    }

    /**
     * Migrates, retrying while the database cannot be reached, for up to {@code patience}.
     *
     * @param where    the database as logs may name it (no credentials)
     * @param progress receives one line per failed attempt
     * @return the schema version
     * @throws StorageUnavailableException when the database is still unreachable after {@code patience}
     */
    public static String migrate(PostgresPersistence persistence, String where, Duration patience,
                                 Consumer<String> progress) {
        Instant deadline = Instant.now().plus(patience);
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            try {
                return persistence.migrate();
            } catch (StorageUnavailableException e) {
                if (Instant.now().plus(pause).isAfter(deadline)) {
                    throw new StorageUnavailableException("the database at " + where + " could not be reached for "
                            + patience.toSeconds() + " s", e);
                }
                progress.accept("The database at " + where + " cannot be reached yet (attempt " + attempt
                        + "); retrying in " + pause.toMillis() + " ms");
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while waiting for the database", e);
        }
    }
}
