package dev.hexatask.javalin.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the local stack keeps its state: {@code HEXATASK_DATA_DIR} (default {@code .data}, relative to the
 * repository's root), so that a test run or a second checkout of the data never touches a developer's own.
 *
 * @param root the folder; PostgreSQL's data is in {@code postgres/}, the stack's own files in {@code dev/}
 */
record DataFolder(Path root) {

    static final String VARIABLE = "HEXATASK_DATA_DIR";
    static final Path DEFAULT = Path.of(".data");

    static DataFolder fromEnvironment(Map<String, String> env) {
        String value = env.get(VARIABLE);
        return new DataFolder(value == null || value.isBlank() ? DEFAULT : Path.of(value.strip()));
    }

    Path postgres() {
        return root.resolve("postgres");
    }

    Path stackFile() {
        return dev().resolve("stack.json");
    }

    Path lockFile() {
        return dev().resolve("dev.lock");
    }

    Path signingKey() {
        return dev().resolve("oidc-signing-key.json");
    }

    private Path dev() {
        return root.resolve("dev");
    }
}
