package dev.hexatask.application.port.out;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The keys that sign list cursors. One key signs; the others are still accepted when a cursor is read, so that a
 * rotation of the key does not break the cursors handed out just before it (a client paging through a list).
 * An implementation may read them from a store that rotates them, and throw {@link StorageUnavailableException}
 * when it cannot.
 */
@FunctionalInterface
public interface CursorKeys {

    /** Fewer bytes are too little key material for HMAC-SHA256. */
    int MIN_KEY_BYTES = 32;

    Keys current();

    /** The same key for ever: a key that never rotates (kept in the database on a laptop and in tests). */
    static CursorKeys fixed(byte[] key) {
        Keys keys = new Keys(key, List.of());
        return () -> keys;
    }

    /**
     * @param signing   signs every new cursor, and verifies
     * @param verifying verifies only (the keys that signed before a rotation), newest first
     */
    record Keys(byte[] signing, List<byte[]> verifying) {

        public Keys {
            signing = checked(signing);
            List<byte[]> copies = new ArrayList<>();
            for (byte[] key : Objects.requireNonNull(verifying, "verifying")) {
                copies.add(checked(key));
            }
            verifying = List.copyOf(copies);
        }

        @Override
        public byte[] signing() {
            return signing.clone();
        }

        @Override
        public List<byte[]> verifying() {
            return verifying.stream().map(byte[]::clone).toList();
        }

        @Override
        public String toString() {
            return "Keys[signing=****, verifying=" + verifying.size() + " more]";
        }

        private static byte[] checked(byte[] key) {
            if (key == null || key.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("the cursor secret must have at least " + MIN_KEY_BYTES
                        + " bytes");
            }
            return key.clone();
        }
    }
}
