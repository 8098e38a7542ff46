package dev.hexatask.javalin.config;

import java.util.List;

/**
 * The environment does not configure the server: the message names every variable at fault and what it expects, on
 * one line, so that start-up can print it and stop without a stack trace.
 */
public final class ConfigurationException extends RuntimeException {

    private final List<String> problems;

    public ConfigurationException(List<String> problems) {
        super(String.join("; ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
