package dev.hexatask.persistence.testing;

/**
 * What "ignoring case" means for the text query: each code point lower-cased by Unicode's simple case mapping
 * ({@link Character#toLowerCase(int)}), one code point to one, with no regard to language or context. PostgreSQL's
 * {@code lower()} under the {@code pg_c_utf8} collation does the same.
 */
public final class CaseFolding {

    private CaseFolding() {
    }

    public static String fold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().map(Character::toLowerCase).forEach(folded::appendCodePoint);
        return folded.toString();
    }

    public static boolean contains(String haystack, String needle) {
        return fold(haystack).contains(fold(needle));
    }
}
