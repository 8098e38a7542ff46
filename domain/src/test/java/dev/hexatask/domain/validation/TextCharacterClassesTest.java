package dev.hexatask.domain.validation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The character checks agree with the JDK's Unicode categories for every code point. */
class TextCharacterClassesTest {

    @Test
    void controlCharactersAreExactlyCategoryCc() {
        List<String> disagreements = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (Character.getType(cp) == Character.SURROGATE) {
                continue;
            }
            String text = "a" + Character.toString(cp) + "b";
            boolean control = Character.getType(cp) == Character.CONTROL;
            boolean controlButWhitespace = control && cp != '\n' && cp != '\r' && cp != '\t';
            if (Text.hasControlCharacter(text) != control
                    || Text.hasControlCharacterExceptWhitespace(text) != controlButWhitespace) {
                disagreements.add("U+%04X".formatted(cp));
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(Text.hasControlCharacter("\u0000")).isTrue();
        assertThat(Text.hasControlCharacterExceptWhitespace("tab\there")).isFalse();
    }

    @Test
    void singleLineTextRefusesEveryLineAndParagraphSeparator() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            int type = Character.getType(cp);
            if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                String text = "a" + Character.toString(cp) + "b";
                assertThatThrownBy(() -> Text.singleLine("title", text, 1, 200))
                        .as("U+%04X", cp).isInstanceOf(DomainValidationException.class);
            }
        }
    }
}
