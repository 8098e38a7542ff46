package dev.hexatask.persistence.testing;

import dev.hexatask.domain.task.Description;
import dev.hexatask.domain.task.Tag;
import dev.hexatask.domain.task.Title;
import dev.hexatask.domain.user.DisplayName;
import dev.hexatask.domain.validation.DomainValidationException;
import dev.hexatask.domain.validation.Text;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Which of the naughty strings the domain accepts, as what; a store must keep every one of those intact. */
final class Accepts {

    /** The longest text query the list use case accepts. */
    private static final int MAX_TEXT_QUERY = 200;

    private Accepts() {
    }

    static boolean title(String text) {
        try {
            Title.of(text);
            return true;
        } catch (DomainValidationException e) {
            return false;
        }
    }

    static Optional<Description> description(String text) {
        try {
            return Description.optional(text);
        } catch (DomainValidationException e) {
            return Optional.empty();
        }
    }

    static Optional<Tag> tag(String text) {
        try {
            return Optional.of(Tag.of(text));
        } catch (DomainValidationException e) {
            return Optional.empty();
        }
    }

    static Optional<DisplayName> displayName(String text) {
        try {
            return Optional.of(DisplayName.of(text));
        } catch (DomainValidationException e) {
            return Optional.empty();
        }
    }

    /** The query text as the list use case passes it on (stripped), when it accepts it. */
    static Optional<String> textQuery(String text) {
        try {
            return Optional.of(Text.singleLine("q", text, 1, MAX_TEXT_QUERY));
        } catch (DomainValidationException e) {
            return Optional.empty();
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
