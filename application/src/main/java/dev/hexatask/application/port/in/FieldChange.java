package dev.hexatask.application.port.in;

import java.util.function.Function;

/**
 * One field of a partial update: left as it is, or set to a value ({@code null} clearing an optional field). This
 * is how "absent from the request" and "sent as null" stay different.
 */
public sealed interface FieldChange<T> {

    record Keep<T>() implements FieldChange<T> {
    }

    record SetTo<T>(T value) implements FieldChange<T> {
    }

    static <T> FieldChange<T> keep() {
        return new Keep<>();
    }

    static <T> FieldChange<T> to(T value) {
        return new SetTo<>(value);
    }

    /** The new value mapped by {@code parse}, or {@code current} when the field is kept. */
    default <R> R apply(R current, Function<T, R> parse) {
        return switch (this) {
            case Keep<T> keep -> current;
            case SetTo<T> set -> parse.apply(set.value());
        };
    }
}
