package dev.hexatask.domain.validation;

/**
 * Character-level checks shared by the text value objects. Lengths count Unicode code points, which is what a
 * person counts as characters (an emoji is one), not UTF-16 units.
 */
public final class Text {

    private Text() {
    }

    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /**
     * True when the text is not well-formed UTF-16 (a lone surrogate): such text cannot be stored or encoded as
     * UTF-8 faithfully.
     */
    public static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** True when the text holds a control character (Unicode category Cc, U+0000 included). */
    public static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** True when the text holds a control character other than line feed, carriage return and tab. */
    public static boolean hasControlCharacterExceptWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return true;
            }
        }
        return false;
    }

    /**
     * Unicode's control characters (category Cc) are exactly U+0000 to U+001F and U+007F to U+009F, all in the
     * Basic Multilingual Plane: a look at each UTF-16 unit finds them without decoding code points (these checks
     * run on every value read back from the database, too).
     */
    private static boolean isControl(char c) {
        return c < 0x20 || c >= 0x7F && c <= 0x9F;
    }

    /** U+2028 and U+2029 break a line as surely as a line feed does, though they are not control characters. */
    private static boolean hasLineOrParagraphSeparator(String text) {
        // The categories Zl and Zp hold one character each.
        return text.indexOf('\u2028') >= 0 || text.indexOf('\u2029') >= 0;
    }

    /**
     * Checks a single-line text (titles, names, queries): required, stripped of surrounding white space, between
     * {@code min} and {@code max} code points, no control characters and no line or paragraph separators.
     *
     * @return the stripped text
     */
    public static String singleLine(String field, String raw, int min, int max) {
        if (raw == null) {
            throw new DomainValidationException(new Violation(field, "required", "is required"));
        }
        if (hasLoneSurrogate(raw)) {
            throw new DomainValidationException(
                    new Violation(field, "malformed_text", "must be well-formed Unicode text"));
        }
        String text = raw.strip();
        if (hasControlCharacter(raw) || hasLineOrParagraphSeparator(text)) {
            throw new DomainValidationException(new Violation(field, "control_characters",
                    "must be a single line without control characters"));
        }
        int length = length(text);
        if (length < min) {
            throw new DomainValidationException(min == 1
                    ? new Violation(field, "required", "must not be blank")
                    : new Violation(field, "too_short", "must be at least " + min + " characters"));
        }
        if (length > max) {
            throw new DomainValidationException(
                    new Violation(field, "too_long", "must be at most " + max + " characters"));
        }
        return text;
    }
}
