package dev.hexatask.javalin;

/**
 * Sets the root log level from {@code LOG_LEVEL}. logback.xml reads the system property this sets, so no code here
 * depends on logback itself.
 */
public final class LogLevels {

    static final String PROPERTY = "hexatask.logLevel";

    private LogLevels() {
    }

    /** Call before anything logs: logback reads the level once, when the first logger is made. */
    public static void apply(String level) {
        System.setProperty(PROPERTY, level);
    }
}
