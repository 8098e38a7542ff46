package dev.hexatask.domain.task;

import dev.hexatask.domain.validation.Text;

/** What the task is: 1 to 200 characters after trimming, one line, no control characters. */
public record Title(String value) {

    public static final int MAX_LENGTH = 200;

    public Title {
        value = Text.singleLine("title", value, 1, MAX_LENGTH);
    }

    public static Title of(String value) {
        return new Title(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
