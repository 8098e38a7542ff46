package dev.hexatask.lambda;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.hexatask.rest.UncaughtFailures;

/**
 * The functions' logging: one JSON object per line on standard output (logback's own encoder, so no extra library),
 * with the MDC (request id, API Gateway and Lambda request ids, X-Ray trace id), at {@code LOG_LEVEL} (default
 * INFO). Set up in code through logback's configurator service rather than {@code logback.xml}: parsing XML costs a
 * cold start a few hundred milliseconds. Like logback's own lookup, a {@code logback-test.xml} on the class path
 * (tests) takes precedence. The local tools move the lines to standard error with {@code -DLOG_TARGET=System.err}.
 *
 * <p>No event logged through logback carries a stack trace: its throwable is written as its class and message, and
 * its causes' (and suppressed ones') the same way, without a single stack frame. That holds for the libraries' events
 * too (HikariCP logs the driver's exception when a connection breaks), not only for this code's; and a failure that
 * ends a thread with no code to catch it is logged the same way ({@link UncaughtFailures}) instead of printed.
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
        JsonEncoder encoder = new FramelessJsonEncoder();
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
        UncaughtFailures.logThem();
        // jOOQ's one line about the database's version, as the local server's logback.xml has it: noise on every
        // cold start, and the offline rehearsal of the statements (no database, so no version) would take it.
        context.getLogger("org.jooq.impl.DefaultExecuteContext.logVersionSupport").setLevel(Level.ERROR);
    }

    /** logback's JSON encoder, with every throwable in an event written without its stack frames. */
    static final class FramelessJsonEncoder extends JsonEncoder {

        @Override
        protected void appendThrowableProxy(StringBuilder builder, String attributeName, IThrowableProxy proxy) {
            super.appendThrowableProxy(builder, attributeName, Frameless.of(proxy));
        }
    }

    /** A throwable as logback sees it, with its class, message, causes and suppressed ones, but no stack frames. */
    record Frameless(IThrowableProxy proxy) implements IThrowableProxy {

        private static final StackTraceElementProxy[] NO_FRAMES = new StackTraceElementProxy[0];

        static IThrowableProxy of(IThrowableProxy proxy) {
            return proxy == null || proxy instanceof Frameless ? proxy : new Frameless(proxy);
        }

        @Override
        public String getMessage() {
            return proxy.getMessage();
        }

        @Override
        public String getOverridingMessage() {
            return proxy.getOverridingMessage();
        }

        @Override
        public String getClassName() {
            return proxy.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return NO_FRAMES;
        }

        @Override
        public int getCommonFrames() {
            return 0;
        }

        @Override
        public IThrowableProxy getCause() {
            return of(proxy.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = proxy.getSuppressed();
            if (suppressed == null) {
                return null;
            }
            IThrowableProxy[] frameless = new IThrowableProxy[suppressed.length];
            for (int i = 0; i < suppressed.length; i++) {
                frameless[i] = of(suppressed[i]);
            }
            return frameless;
        }

        @Override
        public boolean isCyclic() {
            return proxy.isCyclic();
        }
    }
}
