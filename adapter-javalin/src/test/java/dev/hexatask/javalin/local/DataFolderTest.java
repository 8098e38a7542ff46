package dev.hexatask.javalin.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DataFolderTest {

    @Test
    void defaultsToTheCheckoutsDataFolder() {
        assertThat(DataFolder.fromEnvironment(Map.of()).root()).isEqualTo(Path.of(".data"));
        assertThat(DataFolder.fromEnvironment(Map.of("HEXATASK_DATA_DIR", "  ")).root()).isEqualTo(Path.of(".data"));
    }

    @Test
    void keepsEveryFileOfTheStackInTheNamedFolder() {
        DataFolder folder = DataFolder.fromEnvironment(Map.of("HEXATASK_DATA_DIR", "/tmp/e2e-run "));
        assertThat(folder.postgres()).isEqualTo(Path.of("/tmp/e2e-run/postgres"));
        assertThat(folder.stackFile()).isEqualTo(Path.of("/tmp/e2e-run/dev/stack.json"));
        assertThat(folder.lockFile()).isEqualTo(Path.of("/tmp/e2e-run/dev/dev.lock"));
        assertThat(folder.signingKey()).isEqualTo(Path.of("/tmp/e2e-run/dev/oidc-signing-key.json"));
    }
}
