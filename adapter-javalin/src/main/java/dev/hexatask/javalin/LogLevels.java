package dev.hexatask.javalin;

/**
 * Sets the root log level from {@code LOG_LEVEL}. logback.xml reads the system property this sets, so no code here
 * depends on logback itself.
 */
final class LogLevels {

    static final String PROPERTY = "hexatask.logLevel";

    private LogLevels() {
    }

    static void apply(String level) {
        System.setProperty(PROPERTY, level);
    }
}
