package dev.hexatask.application.support;

import dev.hexatask.application.fixtures.SettableClock;
import dev.hexatask.domain.task.TaskId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedTaskIdsTest {

    private final SettableClock clock = SettableClock.at("2026-01-15T09:00:00.123Z");
    private final TimeOrderedTaskIds ids = new TimeOrderedTaskIds(clock);

    @Test
    void idsAreVersionSevenWithTheRfcVariantAndTheTimestamp() {
        UUID id = ids.next().value();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(clock.millis());
    }

    @Test
    void idsIncreaseEvenWithinOneMillisecondAndAcrossCounterOverflow() {
        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(ids.next().value());
        }
        assertThat(made).isSorted();
        assertThat(new HashSet<>(made)).hasSize(made.size());
        assertThat(made.getLast().getMostSignificantBits() >>> 16).isGreaterThan(clock.millis());
        assertThat(made.subList(0, 100)).allSatisfy(id -> assertThat(id.getMostSignificantBits() >>> 16)
                .isEqualTo(clock.millis()));
        assertThat(made.stream().map(UUID::getLeastSignificantBits).distinct().count()).isGreaterThan(9_000);
    }

    @Test
    void threadsShareOneIncreasingSequence() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<List<UUID>>> batches = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                batches.add(pool.submit(() -> {
                    List<UUID> batch = new ArrayList<>();
                    for (int i = 0; i < 2_000; i++) {
                        batch.add(ids.next().value());
                    }
                    return batch;
                }));
            }
            HashSet<UUID> all = new HashSet<>();
            for (var batch : batches) {
                List<UUID> made = batch.get(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(made).isSorted();
                all.addAll(made);
            }
            assertThat(all).hasSize(8_000);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void idsKeepIncreasingWhenTheClockStepsBack() {
        TaskId before = ids.next();
        clock.advance(Duration.ofSeconds(-5));
        assertThat(ids.next().value()).isGreaterThan(before.value());
        clock.advance(Duration.ofSeconds(10));
        TaskId later = ids.next();
        assertThat(later.value().getMostSignificantBits() >>> 16).isEqualTo(clock.millis());
    }
}
