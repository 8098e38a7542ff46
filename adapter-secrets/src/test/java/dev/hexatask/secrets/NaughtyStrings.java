package dev.hexatask.secrets;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The Big List of Naughty Strings, from the core's test fixtures. */
final class NaughtyStrings {

    private NaughtyStrings() {
    }

    static List<String> all() {
        try {
            return new ObjectMapper().readValue(dev.hexatask.application.fixtures.NaughtyStrings.json(),
                    new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
