package dev.hexatask.domain.user;

import dev.hexatask.domain.validation.Text;

/** How the user likes to be called: 1 to 100 characters after trimming, a single line. */
public record DisplayName(String value) {

    public static final int MAX_LENGTH = 100;

    public DisplayName {
        value = Text.singleLine("displayName", value, 1, MAX_LENGTH);
    }

    public static DisplayName of(String value) {
        return new DisplayName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
