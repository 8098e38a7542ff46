package dev.hexatask.jwt;

import java.util.List;

/** The JWT settings cannot be used; the message lists every problem, each starting with the setting's name. */
public final class InvalidJwtSettingsException extends IllegalArgumentException {

    private final transient List<String> problems;

    InvalidJwtSettingsException(List<String> problems) {
        super("Invalid JWT settings: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
