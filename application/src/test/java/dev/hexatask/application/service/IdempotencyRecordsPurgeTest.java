package dev.hexatask.application.service;

import dev.hexatask.application.fixtures.InMemoryCore;
import dev.hexatask.application.fixtures.InMemoryTransactions;
import dev.hexatask.application.port.in.CreateTaskCommand;
import dev.hexatask.application.port.in.NewTask;
import dev.hexatask.application.port.in.PurgeIdempotencyRecordsUseCase.Purged;
import dev.hexatask.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyRecordsPurgeTest {

    private static final UserId ALICE = UserId.of("alice");

    private final InMemoryCore core = InMemoryCore.create();

    private IdempotencyRecordsPurge purge(int batchSize) {
        return new IdempotencyRecordsPurge(core.idempotencyStore(), InMemoryTransactions.over(core.idempotencyStore()),
                core.clock(), batchSize);
    }

    private void createWithKeys(int count, String prefix) {
        for (int i = 0; i < count; i++) {
            core.tasks().create(new CreateTaskCommand(ALICE, NewTask.titled("Task " + i), Optional.of(prefix + i)));
        }
    }

    @Test
    void removesTheExpiredRecordsInBatchesAndKeepsTheLiveOnes() {
        createWithKeys(5, "old-");
        core.clock().advance(Duration.ofHours(12));
        createWithKeys(2, "recent-");
        core.clock().advance(Duration.ofHours(12));

        assertThat(purge(2).purgeExpired()).isEqualTo(new Purged(5, 3));
        assertThat(core.idempotencyStore().size()).isEqualTo(2);
        assertThat(core.idempotencyStore().find(ALICE, "recent-0")).isPresent();
        assertThat(purge(2).purgeExpired()).isEqualTo(new Purged(0, 1));
    }

    @Test
    void aBacklogOfExactlyOneBatchTakesOneMoreLookToKnowItIsDone() {
        createWithKeys(4, "old-");
        core.clock().advance(Duration.ofHours(24));

        assertThat(purge(2).purgeExpired()).isEqualTo(new Purged(4, 3));
        assertThat(core.idempotencyStore().size()).isZero();
    }

    @Test
    void recordsStillLiveAreLeftAlone() {
        createWithKeys(3, "key-");
        core.clock().advance(Duration.ofHours(24).minusMillis(1));

        assertThat(new IdempotencyRecordsPurge(core.idempotencyStore(),
                InMemoryTransactions.over(core.idempotencyStore()), core.clock()).purgeExpired())
                .isEqualTo(new Purged(0, 1));
        assertThat(core.idempotencyStore().size()).isEqualTo(3);
    }

    @Test
    void refusesABatchSizeBelowOne() {
        assertThatThrownBy(() -> purge(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
