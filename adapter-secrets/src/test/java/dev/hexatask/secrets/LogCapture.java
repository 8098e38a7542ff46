package dev.hexatask.secrets;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Collects every log event of the test JVM, to show that no secret reaches a log line. */
final class LogCapture implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    LogCapture() {
        appender.start();
        root.addAppender(appender);
    }

    void clear() {
        appender.list.clear();
    }

    /** Each event's message and the messages of its exception chain. */
    List<String> lines() {
        var lines = new ArrayList<String>();
        for (var event : List.copyOf(appender.list)) {
            lines.add(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                lines.add(t.getClassName() + ": " + t.getMessage());
            }
        }
        return lines;
    }

    void assertNoLineContains(String... secrets) {
        var lines = lines();
        for (var secret : secrets) {
            assertThat(lines).as("log lines").noneMatch(line -> line != null && line.contains(secret));
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
