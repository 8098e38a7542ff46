package dev.hexatask.persistence;

import dev.hexatask.application.port.out.TaskQuery;
import dev.hexatask.domain.user.UserId;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static dev.hexatask.persistence.jooq.Tables.CURSOR_SIGNING_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rehearsal runs, without any database, the very statements a first request runs (the page of tasks, the cursor
 * key, the summary), each through jOOQ's whole path: rendering, binding, fetching and mapping rows. Its made-up rows
 * must fit the statements: a column added to a statement but not to the rehearsal's row fails here, not on a cold
 * start.
 */
class OfflineRehearsalTest {

    private static final DSLContext RENDERER = DSL.using(PostgresPersistence.DIALECT,
            PostgresPersistence.jooqSettings());

    @Test
    void runsTheFirstRequestsStatementsWithoutADatabase() {
        PostgresTasks tasks = new PostgresTasks(RENDERER);
        UserId anyone = UserId.of("anyone");

        assertThat(OfflineRehearsal.run()).containsExactly(
                RENDERER.render(tasks.listQuery(TaskQuery.all(anyone, 21))),
                RENDERER.render(RENDERER.select(CURSOR_SIGNING_KEY.SECRET).from(CURSOR_SIGNING_KEY)),
                RENDERER.render(tasks.countQuery(anyone, LocalDate.EPOCH)));
    }

    @Test
    void canRunAgainAndOnManyThreadsAtOnce() throws InterruptedException {
        Thread[] threads = new Thread[4];
        Throwable[] failures = new Throwable[threads.length];
        for (int i = 0; i < threads.length; i++) {
            int index = i;
            threads[i] = Thread.ofPlatform().start(() -> {
                try {
                    assertThat(OfflineRehearsal.run()).hasSize(3);
                } catch (Throwable e) {
                    failures[index] = e;
                }
            });
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).containsOnlyNulls();
    }
}
