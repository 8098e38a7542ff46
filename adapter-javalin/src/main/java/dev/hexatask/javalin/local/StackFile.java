package dev.hexatask.javalin.local;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * {@code .data/dev/stack.json}: where the running stack's parts are, for {@code bin/dev token}, scripts and
 * benchmarks. Written once everything listens, deleted on exit.
 */
record StackFile(String apiUrl, String databaseUrl, String databaseUser, String databasePassword, String issuer,
                 String jwksUrl, String tokenEndpoint, String clientId, String scope) {

    private static final ObjectMapper JSON = new ObjectMapper();

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), this);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Optional<StackFile> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(file.toFile(), StackFile.class));
    }
}
