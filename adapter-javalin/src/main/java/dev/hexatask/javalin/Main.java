package dev.hexatask.javalin;

import dev.hexatask.application.port.out.StorageUnavailableException;
import dev.hexatask.javalin.config.ConfigurationException;
import dev.hexatask.javalin.config.ServerConfig;
import dev.hexatask.javalin.http.CannotListenException;
import dev.hexatask.rest.UncaughtFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the server from its environment variables (see {@link ServerConfig}) against an existing PostgreSQL. A bad
 * configuration, an unreachable database or an address it cannot listen on (a port in use, a wrong {@code HOST})
 * stops it with one line on standard error and exit status 2, 3 or 4. Anything else that ends a thread is logged
 * (its class and message, without a stack trace), not printed by the JVM.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        UncaughtFailures.logThem();
        ServerConfig config;
        try {
            config = ServerConfig.fromEnvironment(System.getenv());
        } catch (ConfigurationException e) {
            System.err.println("hexatask: cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        LogLevels.apply(config.logLevel());
        Logger log = LoggerFactory.getLogger(Main.class);
        String host = System.getenv().getOrDefault("HOST", "0.0.0.0");
        HexataskApplication application;
        try {
            application = HexataskApplication.start(config, host, log::warn);
        } catch (StorageUnavailableException e) {
            System.err.println("hexatask: cannot start: " + e.getMessage());
            System.exit(3);
            return;
        } catch (CannotListenException e) {
            System.err.println("hexatask: cannot start: " + e.getMessage());
            System.exit(4);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(application::close, "hexatask-shutdown"));
        log.info("Hexatask ({}) listening on {}/api", config.stage(), application.baseUri());
    }
}
