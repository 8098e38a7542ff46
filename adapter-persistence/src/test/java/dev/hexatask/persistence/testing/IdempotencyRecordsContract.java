package dev.hexatask.persistence.testing;

import dev.hexatask.application.port.out.IdempotencyRecord;
import dev.hexatask.application.port.out.IdempotencyRecords;
import dev.hexatask.application.port.out.IdempotencyRecords.ClaimOutcome;
import dev.hexatask.domain.task.Priority;
import dev.hexatask.domain.task.Task;
import dev.hexatask.domain.task.TaskStatus;
import dev.hexatask.domain.task.Title;
import dev.hexatask.domain.user.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import static dev.hexatask.persistence.testing.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every implementation of {@link IdempotencyRecords} must do; runs against the in-memory fake and PostgreSQL. */
public abstract class IdempotencyRecordsContract {

    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");
    private static final Instant NOW = TaskBuilder.T0;
    private static final Duration LIFETIME = Duration.ofHours(24);
    private static final String FINGERPRINT = "a".repeat(64);

    protected RepositoryPorts ports;
    protected IdempotencyRecords records;

    protected abstract RepositoryPorts freshPorts();

    @BeforeEach
    void startEmpty() {
        ports = freshPorts();
        records = ports.idempotencyRecords();
    }

    private static IdempotencyRecord record(UserId owner, String key, Task task, Instant createdAt) {
        return new IdempotencyRecord(owner, key, FINGERPRINT, task, createdAt, createdAt.plus(LIFETIME));
    }

    @Test
    void the_first_claim_of_a_key_is_claimed() {
        assertThat(records.claim(record(ALICE, "key-1", aTask().build(), NOW), NOW))
                .isEqualTo(new ClaimOutcome.Claimed());
    }

    @Test
    void a_second_claim_of_a_live_key_finds_the_first_record_with_its_task_as_created() {
        Task created = aTask().titled("Café ☕ 'quoted' %_\\").described("x\ny").status(TaskStatus.DONE)
                .priority(Priority.HIGH).due("2026-12-31").tagged("a", "b-2").build();
        IdempotencyRecord first = record(ALICE, "key-1", created, NOW);
        records.claim(first, NOW);

        ClaimOutcome second = records.claim(new IdempotencyRecord(ALICE, "key-1", "b".repeat(64),
                aTask().titled("other").build(), NOW.plusSeconds(1), NOW.plusSeconds(1).plus(LIFETIME)),
                NOW.plusSeconds(1));

        assertThat(second).isEqualTo(new ClaimOutcome.Existing(first));
    }

    @Test
    void the_record_keeps_the_task_as_created_when_the_task_changes_later() {
        Task created = aTask().build();
        ports.tasks().insert(created);
        records.claim(record(ALICE, "key-1", created, NOW), NOW);
        ports.tasks().update(created.revise(created.details().withTitle(Title.of("renamed")), NOW.plusSeconds(1)));
        ports.tasks().delete(ALICE, created.id(), OptionalLong.empty());

        ClaimOutcome again = records.claim(record(ALICE, "key-1", aTask().build(), NOW.plusSeconds(2)),
                NOW.plusSeconds(2));

        assertThat(again).isInstanceOfSatisfying(ClaimOutcome.Existing.class,
                existing -> assertThat(existing.record().createdTask()).isEqualTo(created));
    }

    @Test
    void keys_are_per_owner() {
        records.claim(record(ALICE, "shared-key", aTask().build(), NOW), NOW);

        assertThat(records.claim(record(BOB, "shared-key", aTask().ownedBy(BOB).build(), NOW), NOW))
                .isEqualTo(new ClaimOutcome.Claimed());
        assertThat(records.claim(record(ALICE, "Shared-Key", aTask().build(), NOW), NOW))
                .isEqualTo(new ClaimOutcome.Claimed());
    }

    @Test
    void an_expired_record_is_replaced_by_a_new_claim() {
        records.claim(record(ALICE, "key-1", aTask().titled("old").build(), NOW), NOW);
        Instant expiry = NOW.plus(LIFETIME);
        IdempotencyRecord replacement = record(ALICE, "key-1", aTask().titled("new").build(), expiry);

        assertThat(records.claim(replacement, expiry)).isEqualTo(new ClaimOutcome.Claimed());
        assertThat(records.claim(record(ALICE, "key-1", aTask().build(), expiry.plusSeconds(1)),
                expiry.plusSeconds(1))).isEqualTo(new ClaimOutcome.Existing(replacement));
    }

    @Test
    void a_record_is_live_until_the_instant_it_expires() {
        IdempotencyRecord first = record(ALICE, "key-1", aTask().build(), NOW);
        records.claim(first, NOW);
        Instant justBefore = NOW.plus(LIFETIME).minusNanos(1000);

        assertThat(records.claim(record(ALICE, "key-1", aTask().build(), justBefore), justBefore))
                .isEqualTo(new ClaimOutcome.Existing(first));
    }

    @Test
    void the_cleanup_removes_exactly_the_expired_records() {
        records.claim(record(ALICE, "old", aTask().build(), NOW), NOW);
        records.claim(record(BOB, "old", aTask().ownedBy(BOB).build(), NOW), NOW);
        IdempotencyRecord recent = record(ALICE, "recent", aTask().build(), NOW.plusSeconds(3600));
        records.claim(recent, NOW.plusSeconds(3600));
        Instant cleanup = NOW.plus(LIFETIME);

        assertThat(records.deleteExpired(cleanup, 10)).isEqualTo(2);
        assertThat(records.deleteExpired(cleanup, 10)).isZero();
        assertThat(records.claim(record(ALICE, "recent", aTask().build(), cleanup), cleanup))
                .isEqualTo(new ClaimOutcome.Existing(recent));
        assertThat(records.claim(record(ALICE, "old", aTask().build(), cleanup), cleanup))
                .isEqualTo(new ClaimOutcome.Claimed());
    }

    @Test
    void the_cleanup_removes_no_more_than_its_limit() {
        for (int i = 0; i < 5; i++) {
            records.claim(record(ALICE, "old-" + i, aTask().build(), NOW), NOW);
        }
        Instant cleanup = NOW.plus(LIFETIME);

        assertThat(records.deleteExpired(cleanup, 2)).isEqualTo(2);
        assertThat(records.deleteExpired(cleanup, 2)).isEqualTo(2);
        assertThat(records.deleteExpired(cleanup, 2)).isEqualTo(1);
        assertThat(records.deleteExpired(cleanup, 2)).isZero();
    }

    @Test
    void a_claim_in_work_that_throws_is_not_kept() {
        RuntimeException failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> ports.transactions().inTransaction(() -> {
            records.claim(record(ALICE, "key-1", aTask().build(), NOW), NOW);
            throw failure;
        })).isSameAs(failure);

        assertThat(records.claim(record(ALICE, "key-1", aTask().build(), NOW), NOW))
                .isEqualTo(new ClaimOutcome.Claimed());
    }

    @Test
    void a_claim_inside_a_transaction_is_seen_by_the_same_transaction() {
        IdempotencyRecord first = record(ALICE, "key-1", aTask().build(), NOW);

        ClaimOutcome second = ports.transactions().inTransaction(() -> {
            records.claim(first, NOW);
            return records.claim(record(ALICE, "key-1", aTask().build(), NOW), NOW);
        });

        assertThat(second).isEqualTo(new ClaimOutcome.Existing(first));
    }
}
