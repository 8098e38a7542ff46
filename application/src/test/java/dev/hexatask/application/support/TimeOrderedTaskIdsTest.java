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
