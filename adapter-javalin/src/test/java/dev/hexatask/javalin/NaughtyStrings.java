package dev.hexatask.javalin;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/** The Big List of Naughty Strings, as adapter-rest's test-jar ships it. */
public final class NaughtyStrings {

    private NaughtyStrings() {
    }

    public static List<String> all() {
        try (InputStream in = NaughtyStrings.class.getResourceAsStream("/dev/hexatask/rest/contract/blns.json")) {
            if (in == null) {
                throw new IllegalStateException("blns.json is missing from adapter-rest's test-jar");
            }
            return Arrays.asList(new ObjectMapper().readValue(in, String[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
