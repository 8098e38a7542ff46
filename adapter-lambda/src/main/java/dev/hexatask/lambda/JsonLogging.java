package dev.hexatask.lambda;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The functions' logging: one JSON object per line on standard output (logback's own encoder, so no extra library),
 * with the MDC (request id, API Gateway and Lambda request ids, X-Ray trace id), at {@code LOG_LEVEL} (default
 * INFO). Set up in code through logback's configurator service rather than {@code logback.xml}: parsing XML costs a
 * cold start a few hundred milliseconds. Like logback's own lookup, a {@code logback-test.xml} on the class path
 * (tests) takes precedence. The local tools move the lines to standard error with {@code -DLOG_TARGET=System.err}.
 */
public final class JsonLogging extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (JsonLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        install(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Replaces the context's configuration with the functions' JSON lines. */
    public static void install(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithThreadName(false);
        // Arguments and the unformatted message repeat what the formatted message already says.
        encoder.setWithArguments(false);
        encoder.setWithMessage(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("json");
        appender.setTarget(System.getProperty("LOG_TARGET", "System.out"));
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.setLevel(Level.toLevel(System.getenv("LOG_LEVEL"), Level.INFO));
        root.addAppender(appender);
        // jOOQ's one line about the database's version, as the local server's logback.xml has it: noise on every
        // cold start, and the offline rehearsal of the statements (no database, so no version) would take it.
        context.getLogger("org.jooq.impl.DefaultExecuteContext.logVersionSupport").setLevel(Level.ERROR);
    }
}
