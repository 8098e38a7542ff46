package dev.hexatask.lambda;

import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API function's init in an environment that does not configure it, as the Lambda runtime would run it: the
 * runtime's own constructor, in a JVM of its own (the environment is built once per JVM), with the functions'
 * logging.
 */
class InvalidEnvironmentTest {

    @Test
    void anInvalidEnvironmentFailsTheInitInWordsOnly() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Probe.class.getName());
        builder.environment().clear();
        builder.environment().putAll(Map.of("HEXATASK_STAGE", "test", "DB_POOL_SIZE", "lots"));
        Process process = builder.start();
        try {
            CompletableFuture<String> stderr = readInTheBackground(process.getErrorStream());
            CompletableFuture<String> stdout = readInTheBackground(process.getInputStream());
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            List<String> lines = stdout.get(10, TimeUnit.SECONDS).lines().toList();
            assertThat(stderr.get(10, TimeUnit.SECONDS)).isEmpty();
            assertThat(process.exitValue()).isZero();

            List<String> attempts = lines.stream().filter(line -> line.startsWith("attempt: ")).toList();
            assertThat(attempts).hasSize(2).allSatisfy(attempt -> assertThat(attempt)
                    .startsWith("attempt: " + InvocationFailedException.class.getName()
                            + " | The function cannot start: ")
                    .endsWith(" | frames 0 | cause none"));
            assertThat(attempts.getFirst()).contains("Invalid configuration: ").contains("DB_POOL_SIZE");
            List<String> logged = lines.stream().filter(line -> line.startsWith("{")).toList();
            assertThat(logged).isNotEmpty().anySatisfy(line -> assertThat(line)
                    .contains("\"level\":\"ERROR\"", "The function cannot start", "InvalidConfigurationException"));
            for (String line : lines) {
                assertThat(line).doesNotContain("lineNumber", "\tat ");
            }
        } finally {
            process.destroyForcibly();
        }
    }

    private static CompletableFuture<String> readInTheBackground(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Constructs the handler as the runtime does, twice, and says what each attempt threw. */
    public static final class Probe {

        public static void main(String[] args) {
            JsonLogging.install((LoggerContext) LoggerFactory.getILoggerFactory());
            for (int attempt = 0; attempt < 2; attempt++) {
                try {
                    new ApiHandler();
                    System.out.println("attempt: constructed");
                } catch (RuntimeException e) {
                    System.out.println("attempt: " + e.getClass().getName() + " | " + e.getMessage() + " | frames "
                            + e.getStackTrace().length + " | cause " + (e.getCause() == null ? "none" : "some"));
                }
            }
        }
    }
}
