package dev.hexatask.domain.task;

import dev.hexatask.domain.validation.DomainValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DescriptionTest {

    @Test
    void keepsTenThousandCharacters() {
        String text = "d".repeat(10_000);
        assertThat(new Description(text).value()).isEqualTo(text);
    }

    @Test
    void refusesTenThousandAndOneCharacters() {
        assertThatThrownBy(() -> new Description("d".repeat(10_001)))
                .isInstanceOfSatisfying(DomainValidationException.class, e -> {
                    assertThat(e.violations().getFirst().field()).isEqualTo("description");
                    assertThat(e.violations().getFirst().rule()).isEqualTo("too_long");
                });
    }

    @Test
    void keepsLineBreaksTabsAndSurroundingSpaceExactly() {
        String text = "  first line\r\n\tsecond line\n";
        assertThat(new Description(text).value()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nul\u0000", "bell\u0007", "escape\u001B[31m", "unit\u001F", "del\u007F"})
    void refusesOtherControlCharacters(String text) {
        assertThatThrownBy(() -> new Description(text))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().getFirst().rule()).isEqualTo("control_characters"));
    }

    @Test
    void refusesMalformedUnicode() {
        assertThatThrownBy(() -> new Description("x\uD800"))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().getFirst().rule()).isEqualTo("malformed_text"));
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> new Description(null))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().getFirst().rule()).isEqualTo("required"));
    }

    @Test
    void optionalIsEmptyForNothingOrBlank() {
        assertThat(Description.optional(null)).isEmpty();
        assertThat(Description.optional("")).isEmpty();
        assertThat(Description.optional(" \n\t ")).isEmpty();
        assertThat(Description.optional(" x ")).contains(new Description(" x "));
    }

    @Test
    void optionalStillRefusesBlankLookingControlCharacters() {
        assertThatThrownBy(() -> Description.optional("\u001F"))
                .isInstanceOf(DomainValidationException.class);
    }

    @Test
    void showsItsText() {
        assertThat(new Description("text").toString()).isEqualTo("text");
    }
}
