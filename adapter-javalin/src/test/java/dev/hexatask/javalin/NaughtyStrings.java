package dev.hexatask.javalin;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/** The Big List of Naughty Strings, as the core's test fixtures ship it. */
public final class NaughtyStrings {

    private NaughtyStrings() {
    }

    public static List<String> all() {
        try {
            return Arrays.asList(new ObjectMapper().readValue(
                    dev.hexatask.application.fixtures.NaughtyStrings.json(), String[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
