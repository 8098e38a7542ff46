package dev.hexatask.application.service;

import dev.hexatask.application.port.out.CursorKeys;
import dev.hexatask.application.port.out.SortPosition;
import dev.hexatask.application.port.out.TaskSort;
import dev.hexatask.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorKeyRotationTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final byte[] FIRST = key("first-key");
    private static final byte[] SECOND = key("second-key");
    private static final byte[] THIRD = key("third-key");
    private static final CursorCodec.Cursor CURSOR = new CursorCodec.Cursor(TaskSort.values()[0], 42L,
            new SortPosition(Instant.parse("2026-11-25T10:15:30.123456Z"), Optional.empty(), 1,
                    UUID.fromString("0b8f8e9e-2c1a-4f55-9d0e-5b7e0c7f1a11")));

    private final AtomicReference<CursorKeys.Keys> store = new AtomicReference<>(new CursorKeys.Keys(FIRST, List.of()));
    private final CursorCodec codec = CursorCodec.with(store::get);

    @Test
    void aCursorHandedOutBeforeARotationIsStillReadAfterItAndNewOnesAreSignedWithTheNewKey() {
        String before = codec.encode(ALICE, CURSOR);

        store.set(new CursorKeys.Keys(SECOND, List.of(FIRST)));

        assertThat(codec.decode(ALICE, before)).contains(CURSOR);
        String after = codec.encode(ALICE, CURSOR);
        assertThat(after).isNotEqualTo(before);
        assertThat(new CursorCodec(SECOND).decode(ALICE, after)).contains(CURSOR);
        assertThat(new CursorCodec(FIRST).decode(ALICE, after)).isEmpty();
    }

    @Test
    void aCursorOfAKeyNoLongerAcceptedOrNeverKnownIsRefused() {
        String signedWithFirst = codec.encode(ALICE, CURSOR);
        store.set(new CursorKeys.Keys(THIRD, List.of(SECOND)));

        assertThat(codec.decode(ALICE, signedWithFirst)).isEmpty();
        assertThat(codec.decode(ALICE, new CursorCodec(key("never-used")).encode(ALICE, CURSOR))).isEmpty();
    }

    @Test
    void everyKeyOfALongRotationSignsAsAFreshCodecWouldAndOnlyTheAcceptedOnesVerify() {
        byte[] previous = FIRST;
        for (int i = 0; i < 12; i++) {
            byte[] next = key("rotated-key-" + i);
            store.set(new CursorKeys.Keys(next, List.of(previous)));
            String signed = codec.encode(ALICE, CURSOR);
            assertThat(signed).as("key %d", i).isEqualTo(new CursorCodec(next).encode(ALICE, CURSOR));
            assertThat(codec.decode(ALICE, new CursorCodec(previous).encode(ALICE, CURSOR))).contains(CURSOR);
            assertThat(codec.decode(ALICE, new CursorCodec(FIRST).encode(ALICE, CURSOR))).as("key %d", i)
                    .isEqualTo(i == 0 ? Optional.of(CURSOR) : Optional.empty());
            previous = next;
        }
    }

    @Test
    void manyThreadsSigningAndReadingAtOnceGetTheSameCursorsAsOneThread() {
        store.set(new CursorKeys.Keys(SECOND, List.of(FIRST)));
        String expected = new CursorCodec(SECOND).encode(ALICE, CURSOR);
        String old = new CursorCodec(FIRST).encode(ALICE, CURSOR);
        List<Boolean> results = java.util.stream.IntStream.range(0, 2_000).parallel()
                .mapToObj(i -> codec.encode(ALICE, CURSOR).equals(expected)
                        && codec.decode(ALICE, i % 2 == 0 ? expected : old).equals(Optional.of(CURSOR)))
                .toList();
        assertThat(results).containsOnly(true);
    }

    @Test
    void aPreviousKeyVerifiesForItsOwnerOnly() {
        String before = codec.encode(ALICE, CURSOR);
        store.set(new CursorKeys.Keys(SECOND, List.of(FIRST)));
        assertThat(codec.decode(UserId.of("bob"), before)).isEmpty();
    }

    @Test
    void everyKeyNeedsThirtyTwoBytesAndIsNotShown() {
        assertThatThrownBy(() -> new CursorKeys.Keys(new byte[31], List.of()))
                .hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> new CursorKeys.Keys(FIRST, List.of(new byte[8])))
                .hasMessageContaining("at least 32 bytes");
        assertThat(new CursorKeys.Keys(FIRST, List.of(SECOND)).toString()).doesNotContain("first-key")
                .contains("****");
    }

    private static byte[] key(String name) {
        return (name + "-padded-to-at-least-32-bytes-of-key").getBytes(StandardCharsets.UTF_8);
    }
}
