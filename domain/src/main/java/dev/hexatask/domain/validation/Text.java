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
        return text.codePoints().anyMatch(cp -> Character.getType(cp) == Character.CONTROL);
    }

    /** True when the text holds a control character other than line feed, carriage return and tab. */
    public static boolean hasControlCharacterExceptWhitespace(String text) {
        return text.codePoints().anyMatch(cp -> Character.getType(cp) == Character.CONTROL
                && cp != '\n' && cp != '\r' && cp != '\t');
    }

    /** U+2028 and U+2029 break a line as surely as a line feed does, though they are not control characters. */
    private static boolean hasLineOrParagraphSeparator(String text) {
        return text.codePoints().anyMatch(cp -> Character.getType(cp) == Character.LINE_SEPARATOR
                || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR);
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
