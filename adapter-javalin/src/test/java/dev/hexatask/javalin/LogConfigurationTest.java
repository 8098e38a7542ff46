package dev.hexatask.javalin;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's own {@code logback.xml} (not the tests'), as {@code bin/dev} and the server's jar run it, and the
 * handler that sends a failure no code caught to the log.
 */
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

    @Test
    void aFailureNoCodeCaughtIsLoggedInsteadOfPrinted() throws Exception {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(
                UncaughtFailures.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            UncaughtFailures.logThem();
            Thread thread = Thread.ofPlatform().name("doomed").start(() -> {
                throw new IllegalStateException("nobody caught this");
            });
            thread.join(10_000);
        } finally {
            System.setErr(originalErr);
            Thread.setDefaultUncaughtExceptionHandler(previous);
            logger.detachAppender(events);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(events.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getFormattedMessage()).isEqualTo("Thread doomed ended with an unexpected failure");
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("nobody caught this");
        });
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
