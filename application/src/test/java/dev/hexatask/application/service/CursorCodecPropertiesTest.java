package dev.hexatask.application.service;

import dev.hexatask.application.fixtures.InMemoryCore;
import dev.hexatask.application.port.out.SortPosition;
import dev.hexatask.application.port.out.TaskSort;
import dev.hexatask.domain.user.UserId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorCodecPropertiesTest {

    private static final UserId ALICE = UserId.of("alice");
    private final CursorCodec codec = new CursorCodec(InMemoryCore.TEST_CURSOR_SECRET);

    @Provide
    Arbitrary<CursorCodec.Cursor> cursors() {
        Arbitrary<Instant> instants = Arbitraries.longs().between(-62_000_000_000L, 250_000_000_000L)
                .flatMap(seconds -> Arbitraries.integers().between(0, 999_999_999)
                        .map(nanos -> Instant.ofEpochSecond(seconds, nanos)));
        Arbitrary<Optional<LocalDate>> dueDates = Arbitraries.longs().between(-100_000, 3_000_000)
                .map(LocalDate::ofEpochDay).optional();
        Arbitrary<UUID> ids = Arbitraries.longs().tuple2().map(t -> new UUID(t.get1(), t.get2()));
        Arbitrary<SortPosition> positions = Combinators.combine(instants, dueDates,
                Arbitraries.integers().between(0, 2), ids).as(SortPosition::new);
        return Combinators.combine(Arbitraries.of(TaskSort.class), Arbitraries.longs(), positions)
                .as(CursorCodec.Cursor::new);
    }

    @Property(tries = 300)
    void decodingAnEncodedCursorGivesItBack(@ForAll("cursors") CursorCodec.Cursor cursor) {
        String text = codec.encode(ALICE, cursor);
        assertThat(text).matches("[A-Za-z0-9_-]+").hasSizeLessThanOrEqualTo(CursorCodec.MAX_CURSOR_LENGTH);
        assertThat(codec.decode(ALICE, text)).contains(cursor);
    }

    @Property(tries = 300)
    void aCursorWithAnyByteChangedIsRefused(@ForAll("cursors") CursorCodec.Cursor cursor,
                                            @ForAll @IntRange(min = 0, max = 78) int index,
                                            @ForAll @IntRange(min = 1, max = 255) int flip) {
        byte[] bytes = Base64.getUrlDecoder().decode(codec.encode(ALICE, cursor));
        int at = index % bytes.length;
        bytes[at] = (byte) (bytes[at] ^ flip);
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertThat(codec.decode(ALICE, tampered)).isEmpty();
    }

    @Property(tries = 300)
    void anyTextThatIsNotACursorIsRefusedWithoutACrash(@ForAll String text) {
        assertThat(codec.decode(ALICE, text)).isEmpty();
    }

    @Property(tries = 200)
    void aCursorIssuedToOneUserIsRefusedForAnother(@ForAll("cursors") CursorCodec.Cursor cursor) {
        assertThat(codec.decode(UserId.of("bob"), codec.encode(ALICE, cursor))).isEmpty();
    }

    @Test
    void aCursorSignedWithAnotherKeyIsRefused() {
        CursorCodec other = new CursorCodec("another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8));
        CursorCodec.Cursor cursor = new CursorCodec.Cursor(TaskSort.CREATED, 1,
                new SortPosition(Instant.EPOCH, Optional.empty(), 1, new UUID(1, 2)));
        assertThat(codec.decode(ALICE, other.encode(ALICE, cursor))).isEmpty();
        assertThat(codec.decode(ALICE, codec.encode(ALICE, cursor))).contains(cursor);
        assertThat(codec.decode(ALICE, null)).isEmpty();
    }

    @Test
    void theSecretMustBeLongEnough() {
        assertThat(new CursorCodec(new byte[32])).isNotNull();
        assertThatThrownBy(() -> new CursorCodec(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CursorCodec(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
