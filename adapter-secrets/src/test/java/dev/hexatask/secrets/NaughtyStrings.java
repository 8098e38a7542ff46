package dev.hexatask.secrets;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The Big List of Naughty Strings from the project's shared data (shared/data/blns.json beside the checkout). */
final class NaughtyStrings {

    private NaughtyStrings() {
    }

    static List<String> all() {
        var file = locate();
        try {
            return new ObjectMapper().readValue(file.toFile(), new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path locate() {
        for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            var candidate = dir.resolve("shared/data/blns.json");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/data/blns.json not found above " + Path.of("").toAbsolutePath());
    }
}
