package dev.hexatask.domain.validation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidationTest {

    private static final Violation TITLE = new Violation("title", "required", "is required");
    private static final Violation TAGS = new Violation("tags", "too_many", "must hold at most 10 distinct tags");

    @Test
    void collectsEveryViolationInOrder() {
        Validation validation = new Validation();
        String ok = validation.check(() -> "fine");
        Object bad = validation.check(() -> {
            throw new DomainValidationException(TITLE);
        });
        validation.add(TAGS);
        assertThat(ok).isEqualTo("fine");
        assertThat(bad).isNull();
        assertThat(validation.isValid()).isFalse();
        assertThat(validation.violations()).containsExactly(TITLE, TAGS);
        assertThatThrownBy(validation::throwIfInvalid)
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations()).containsExactly(TITLE, TAGS));
    }

    @Test
    void anEmptyValidationPasses() {
        Validation validation = new Validation();
        validation.throwIfInvalid();
        assertThat(validation.isValid()).isTrue();
        assertThat(validation.violations()).isEmpty();
    }

    @Test
    void otherExceptionsAreNotSwallowed() {
        Validation validation = new Validation();
        assertThatThrownBy(() -> validation.check(() -> {
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theExceptionNamesFieldsAndRulesButNotValues() {
        DomainValidationException e = new DomainValidationException(List.of(TITLE, TAGS));
        assertThat(e.getMessage()).isEqualTo("invalid: title=required tags=too_many");
        assertThat(e.getStackTrace()).isEmpty();
        assertThatThrownBy(() -> new DomainValidationException(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void textHelpersCountCodePointsAndSpotBadCharacters() {
        assertThat(Text.length("a\uD83D\uDE80")).isEqualTo(2);
        assertThat(Text.hasLoneSurrogate("\uD83D\uDE80")).isFalse();
        assertThat(Text.hasLoneSurrogate("\uD83D")).isTrue();
        assertThat(Text.hasLoneSurrogate("\uDE80\uD83D")).isTrue();
        assertThat(Text.hasLoneSurrogate("abc")).isFalse();
        assertThat(Text.hasControlCharacter("a\tb")).isTrue();
        assertThat(Text.hasControlCharacter("a b")).isFalse();
        assertThat(Text.hasControlCharacterExceptWhitespace("a\tb\r\n")).isFalse();
        assertThat(Text.hasControlCharacterExceptWhitespace("a\u000Bb")).isTrue();
    }

    @Test
    void singleLineChecksMinimumLengthsAboveOne() {
        assertThat(Text.singleLine("f", " ab ", 2, 3)).isEqualTo("ab");
        assertThatThrownBy(() -> Text.singleLine("f", "a", 2, 3))
                .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("f", "too_short", "must be at least 2 characters")));
    }

    @Test
    void violationsNeedEveryPart() {
        assertThatThrownBy(() -> new Violation(null, "r", "m")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Violation("f", null, "m")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Violation("f", "r", null)).isInstanceOf(NullPointerException.class);
    }
}
