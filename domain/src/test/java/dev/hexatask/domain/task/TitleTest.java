package dev.hexatask.domain.task;

import dev.hexatask.domain.validation.DomainValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TitleTest {

    @Test
    void keepsATitleOfOneCharacter() {
        assertThat(Title.of("a").value()).isEqualTo("a");
    }

    @Test
    void keepsATitleOfTwoHundredCharacters() {
        String text = "x".repeat(200);
        assertThat(Title.of(text).value()).isEqualTo(text);
    }

    @Test
    void refusesATitleOfTwoHundredAndOneCharacters() {
        assertThatThrownBy(() -> Title.of("x".repeat(201)))
                .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.violations())
                        .singleElement()
                        .satisfies(v -> {
                            assertThat(v.field()).isEqualTo("title");
                            assertThat(v.rule()).isEqualTo("too_long");
                            assertThat(v.message()).isEqualTo("must be at most 200 characters");
                        }));
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDE80".repeat(200);
        assertThat(Title.of(emoji).value()).isEqualTo(emoji);
        assertThatThrownBy(() -> Title.of(emoji + "\uD83D\uDE80")).isInstanceOf(DomainValidationException.class);
    }

    @Test
    void trimsSurroundingWhiteSpaceBeforeCounting() {
        assertThat(Title.of("  Buy milk \u2003").value()).isEqualTo("Buy milk");
        assertThat(Title.of(" " + "x".repeat(200) + " ").value()).hasSize(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   ", "\u2003"})
    void refusesAnEmptyOrBlankTitle(String blank) {
        assertThatThrownBy(() -> Title.of(blank))
                .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.violations())
                        .singleElement()
                        .satisfies(v -> {
                            assertThat(v.field()).isEqualTo("title");
                            assertThat(v.rule()).isEqualTo("required");
                        }));
    }

    @Test
    void refusesAMissingTitle() {
        assertThatThrownBy(() -> Title.of(null))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().getFirst().rule()).isEqualTo("required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "line\nbreak", "tab\there", "bell\u0007", "del\u007F", "c1\u0085x", "\n",
            "line\u2028separator", "paragraph\u2029separator"})
    void refusesControlCharacters(String text) {
        assertThatThrownBy(() -> Title.of(text))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().getFirst().rule()).isEqualTo("control_characters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "a\uDC00b", "\uDBFF"})
    void refusesMalformedUnicode(String text) {
        assertThatThrownBy(() -> Title.of(text))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().getFirst().rule()).isEqualTo("malformed_text"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Robert'); DROP TABLE tasks;--", "100% _done_ \\o/", "\u202Eright to left",
            "e\u0301\u0301", "\uD835\uDD73\uD835\uDD8A\uD835\uDD99"})
    void keepsAwkwardButValidTextExactly(String text) {
        assertThat(Title.of(text).value()).isEqualTo(text);
    }

    @Test
    void equalTitlesAreEqual() {
        assertThat(Title.of(" a ")).isEqualTo(Title.of("a"));
        assertThat(Title.of("a").toString()).isEqualTo("a");
    }
}
