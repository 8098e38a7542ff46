package dev.hexatask.javalin;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's own {@code logback.xml} (not the tests'), as {@code bin/dev} and the server's jar run it. */
class LogConfigurationTest {

    @Test
    void aFailureIsLoggedWithItsCausesButWithoutAStackFrame() throws Exception {
        IllegalStateException failure = new IllegalStateException("the pool could not start",
                new ConnectException("Connection refused"));
        failure.addSuppressed(new UncheckedIOException("socket closed", new IOException("reset")));

        List<String> lines = loggedWithTheServersConfiguration(log -> log.error("Request {} failed", "req-1", failure));

        assertThat(lines).hasSize(5);
        assertThat(lines.getFirst()).contains("ERROR", "Request req-1 failed");
        assertThat(lines.subList(1, 5)).containsExactly(
                "java.lang.IllegalStateException: the pool could not start",
                "\tSuppressed: java.io.UncheckedIOException: socket closed",
                "\tCaused by: java.io.IOException: reset",
                "Caused by: java.net.ConnectException: Connection refused");
        for (String line : lines) {
            assertThat(line).doesNotContain("LogConfigurationTest", ".java:", "\tat ", "java.base/");
        }
    }

    @Test
    void anEventWithoutAThrowableIsOneLine() throws Exception {
        assertThat(loggedWithTheServersConfiguration(log -> log.warn("The purge did not stop within {} s", 5)))
                .singleElement().asString().endsWith("- The purge did not stop within 5 s");
    }

    private static List<String> loggedWithTheServersConfiguration(java.util.function.Consumer<Logger> work)
            throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogConfigurationTest.class.getResource("/logback.xml"));
            work.accept(context.getLogger("dev.hexatask.rest.RestApi"));
        } finally {
            context.stop();
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
