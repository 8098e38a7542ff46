package dev.hexatask.application.service;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hexatask.application.fixtures.InMemoryCore;
import dev.hexatask.application.port.out.SortPosition;
import dev.hexatask.application.port.out.TaskSort;
import dev.hexatask.domain.user.UserId;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the cursor decoder past its signature check (see {@link CursorCodecFuzzTest} for the
 * text a client sends): the test signs each fuzzed body with the codec's key. Regression inputs are under
 * {@code CursorCodecSignedBodyFuzzTestInputs/anySignedBodyIsDecodedOrRefused/}; {@code bin/fuzz} fuzzes it for a
 * set time.
 */
class CursorCodecSignedBodyFuzzTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");
    /** The encoded form's layout: a 47-byte body, then 16 bytes of HMAC-SHA256 over the body and the owner. */
    private static final int BODY_LENGTH = 47;
    private static final int MAC_LENGTH = 16;

    private final CursorCodec codec = new CursorCodec(InMemoryCore.TEST_CURSOR_SECRET);

    /**
     * Any body that carries a valid signature (what the decoder would face if the key leaked, or after a change of
     * format): past the signature check, the fields are read without an exception, whatever they hold.
     */
    @FuzzTest(maxDuration = "5m")
    void anySignedBodyIsDecodedOrRefused(byte[] input) {
        byte[] body = Arrays.copyOf(input, BODY_LENGTH);
        byte[] signed = Arrays.copyOf(body, BODY_LENGTH + MAC_LENGTH);
        System.arraycopy(mac(body, ALICE), 0, signed, BODY_LENGTH, MAC_LENGTH);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
        Optional<CursorCodec.Cursor> decoded = codec.decode(ALICE, text);
        decoded.ifPresent(cursor -> {
            assertThat(codec.decode(BOB, text)).isEmpty();
            assertThat(codec.decode(ALICE, codec.encode(ALICE, cursor))).contains(cursor);
        });
    }

    /** Without this, the signed-body target would only ever test the signature check. */
    @Test
    void theSignedBodyTargetSignsAsTheCodecDoes() {
        CursorCodec.Cursor cursor = new CursorCodec.Cursor(TaskSort.PRIORITY, 42L, new SortPosition(
                Instant.parse("2026-01-15T09:00:00Z"), Optional.of(LocalDate.parse("2026-02-01")), 2, new UUID(7, 9)));
        byte[] issued = Base64.getUrlDecoder().decode(codec.encode(ALICE, cursor));
        assertThat(issued).hasSize(BODY_LENGTH + MAC_LENGTH);
        assertThat(Arrays.copyOf(mac(Arrays.copyOf(issued, BODY_LENGTH), ALICE), MAC_LENGTH))
                .isEqualTo(Arrays.copyOfRange(issued, BODY_LENGTH, issued.length));
    }

    private static byte[] mac(byte[] body, UserId owner) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(InMemoryCore.TEST_CURSOR_SECRET, "HmacSHA256"));
            mac.update(body);
            mac.update(owner.value().getBytes(StandardCharsets.UTF_8));
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
