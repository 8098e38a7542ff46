package dev.hexatask.application.service;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hexatask.application.fixtures.InMemoryCore;
import dev.hexatask.domain.user.UserId;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the cursor decoder: a cursor comes from the client, so any text may arrive. The
 * decoder answers a cursor or nothing, never an exception. Regression inputs (the seeds, and any finding) are under
 * {@code CursorCodecFuzzTestInputs/anyTextIsDecodedOrRefused/} and run in every build; {@code bin/fuzz} fuzzes it
 * for a set time.
 */
class CursorCodecFuzzTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");

    private final CursorCodec codec = new CursorCodec(InMemoryCore.TEST_CURSOR_SECRET);

    /** Any text as a client could send it in {@code ?cursor=}: refused or decoded, and bound to its owner. */
    @FuzzTest(maxDuration = "5m")
    void anyTextIsDecodedOrRefused(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Optional<CursorCodec.Cursor> decoded = codec.decode(ALICE, text);
        decoded.ifPresent(cursor -> {
            assertThat(codec.decode(BOB, text)).isEmpty();
            assertThat(codec.decode(ALICE, codec.encode(ALICE, cursor))).contains(cursor);
        });
    }
}
