package dev.hexatask.application.service;

import dev.hexatask.application.port.out.CursorKeys;
import dev.hexatask.application.port.out.SortPosition;
import dev.hexatask.application.port.out.TaskSort;
import dev.hexatask.domain.user.UserId;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a position in a sorted task list into an opaque, URL-safe cursor and back. A cursor is signed with
 * HMAC-SHA256 over its content and the user it was issued to, so a cursor that was altered, made up, or issued to
 * someone else is refused, never followed (and every query is owner-scoped anyway). New cursors are signed with the
 * current key; a cursor signed with one of the keys still accepted (the key before a rotation) is read as well.
 */
public final class CursorCodec {

    /** Longer text cannot be a cursor; refused before any decoding work. */
    public static final int MAX_CURSOR_LENGTH = 128;

    private static final byte FORMAT = 1;
    private static final int MAC_LENGTH = 16;
    private static final long NO_DUE_DATE = Long.MIN_VALUE;
    private static final int BODY_LENGTH = 1 + 1 + 8 + 4 + 8 + 1 + 16 + 8;
    private static final String ALGORITHM = "HmacSHA256";

    /** Initialised MACs kept for this many keys: the signing key and the ones a rotation still accepts. */
    private static final int KEPT_MACS = 4;

    private final CursorKeys keys;
    /**
     * A MAC initialised with each recent key, copied for every use: {@code Mac.getInstance} searches the providers
     * and {@code init} derives the key's pads on every call, and a list request signs its next cursor. Replaced
     * whole, never changed, so readers need no lock.
     */
    private volatile List<KeyedMac> macs = List.of();

    private record KeyedMac(byte[] key, Mac initialised) {
    }

    /** @param secret at least 32 bytes of key material, the same on every instance that serves one API */
    public CursorCodec(byte[] secret) {
        this(CursorKeys.fixed(secret));
    }

    private CursorCodec(CursorKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** @param keys the keys, asked on every use (an implementation that reads them from a store caches them) */
    public static CursorCodec with(CursorKeys keys) {
        return new CursorCodec(keys);
    }

    /** A decoded cursor: the sort it belongs to, the filters it was issued for, and the position. */
    public record Cursor(TaskSort sort, long filterHash, SortPosition position) {
    }

    public String encode(UserId owner, Cursor cursor) {
        SortPosition position = cursor.position();
        ByteBuffer body = ByteBuffer.allocate(BODY_LENGTH + MAC_LENGTH);
        body.put(FORMAT)
                .put((byte) cursor.sort().ordinal())
                .putLong(position.createdAt().getEpochSecond())
                .putInt(position.createdAt().getNano())
                .putLong(position.dueDate().map(LocalDate::toEpochDay).orElse(NO_DUE_DATE))
                .put((byte) position.priorityRank())
                .putLong(position.id().getMostSignificantBits())
                .putLong(position.id().getLeastSignificantBits())
                .putLong(cursor.filterHash());
        body.put(mac(keys.current().signing(), owner, body.array(), BODY_LENGTH));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(body.array());
    }

    /** The cursor's content, or empty when the text is not a cursor this codec issued to this owner. */
    public Optional<Cursor> decode(UserId owner, String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_CURSOR_LENGTH) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length != BODY_LENGTH + MAC_LENGTH) {
            return Optional.empty();
        }
        if (!signedWithAnAcceptedKey(owner, bytes)) {
            return Optional.empty();
        }
        try {
            ByteBuffer body = ByteBuffer.wrap(bytes, 0, BODY_LENGTH);
            if (body.get() != FORMAT) {
                return Optional.empty();
            }
            int sortIndex = body.get();
            if (sortIndex < 0 || sortIndex >= TaskSort.values().length) {
                return Optional.empty();
            }
            Instant createdAt = Instant.ofEpochSecond(body.getLong(), body.getInt());
            long dueDay = body.getLong();
            Optional<LocalDate> dueDate = dueDay == NO_DUE_DATE ? Optional.empty()
                    : Optional.of(LocalDate.ofEpochDay(dueDay));
            int priorityRank = body.get();
            UUID id = new UUID(body.getLong(), body.getLong());
            long filterHash = body.getLong();
            return Optional.of(new Cursor(TaskSort.values()[sortIndex], filterHash,
                    new SortPosition(createdAt, dueDate, priorityRank, id)));
        } catch (DateTimeException | BufferUnderflowException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private boolean signedWithAnAcceptedKey(UserId owner, byte[] bytes) {
        byte[] given = Arrays.copyOfRange(bytes, BODY_LENGTH, bytes.length);
        CursorKeys.Keys accepted = keys.current();
        if (MessageDigest.isEqual(mac(accepted.signing(), owner, bytes, BODY_LENGTH), given)) {
            return true;
        }
        List<byte[]> verifying = accepted.verifying();
        for (byte[] key : verifying) {
            if (MessageDigest.isEqual(mac(key, owner, bytes, BODY_LENGTH), given)) {
                return true;
            }
        }
        return false;
    }

    private byte[] mac(byte[] key, UserId owner, byte[] bytes, int length) {
        try {
            Mac mac = initialisedMac(key);
            mac.update(bytes, 0, length);
            mac.update(owner.value().getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(mac.doFinal(), MAC_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** A fresh copy of a MAC initialised with the key (a copy is cheap; the original is never used, only copied). */
    private Mac initialisedMac(byte[] key) throws GeneralSecurityException {
        List<KeyedMac> kept = macs;
        for (KeyedMac keyed : kept) {
            if (Arrays.equals(keyed.key(), key)) {
                return copy(keyed.initialised());
            }
        }
        Mac made = Mac.getInstance(ALGORITHM);
        made.init(new SecretKeySpec(key, ALGORITHM));
        List<KeyedMac> renewed = new ArrayList<>(KEPT_MACS);
        renewed.add(new KeyedMac(key.clone(), made));
        renewed.addAll(kept.subList(0, Math.min(kept.size(), KEPT_MACS - 1)));
        macs = List.copyOf(renewed);
        return copy(made);
    }

    private static Mac copy(Mac initialised) throws GeneralSecurityException {
        try {
            return (Mac) initialised.clone();
        } catch (CloneNotSupportedException e) {
            throw new GeneralSecurityException("the HmacSHA256 provider cannot copy a MAC", e);
        }
    }
}
