package dev.hexatask.rest;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UncaughtFailuresTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(UncaughtFailures.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Thread.UncaughtExceptionHandler previous;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        previous = Thread.getDefaultUncaughtExceptionHandler();
        originalErr = System.err;
        events.start();
        logger.addAppender(events);
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        UncaughtFailures.logThem();
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        Thread.setDefaultUncaughtExceptionHandler(previous);
        logger.detachAppender(events);
    }

    @Test
    void aFailureNoCodeCaughtIsLoggedInsteadOfPrinted() throws Exception {
        Thread.ofPlatform().name("doomed").start(() -> {
            throw new IllegalStateException("nobody caught this");
        }).join(10_000);

        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(events.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getFormattedMessage()).isEqualTo("Thread doomed ended with an unexpected failure");
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("nobody caught this");
        });
    }

    @Test
    void aVirtualThreadWithoutANameIsNamedByWhatItIs() throws Exception {
        Thread.ofVirtual().start(() -> {
            throw new IllegalStateException("nobody caught this either");
        }).join(10_000);

        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        List<String> messages = events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(messages).singleElement().asString()
                .startsWith("Thread VirtualThread[#").endsWith("ended with an unexpected failure");
    }
}
