package dev.hexatask.domain.user;

import dev.hexatask.domain.validation.Text;

/** The user's stable identifier: the {@code sub} claim of their access token. Every task belongs to one. */
public record UserId(String value) {

    public static final int MAX_LENGTH = 255;

    public UserId {
        value = Text.singleLine("owner", value, 1, MAX_LENGTH);
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
