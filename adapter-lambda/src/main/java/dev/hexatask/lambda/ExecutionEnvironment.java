package dev.hexatask.lambda;

import org.crac.Core;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * What one Lambda execution environment builds once and keeps for every invocation: the settings and the API's
 * component, whose SnapStart hooks are registered here (the CRaC context holds them weakly; this class holds them
 * for the life of the process).
 */
final class ExecutionEnvironment {

    private ExecutionEnvironment() {
    }

    private static final class Holder {

        static {
            // jOOQ prints a banner and a tip on first use: noise in the logs and time on a cold start.
            System.setProperty("org.jooq.no-logo", "true");
            System.setProperty("org.jooq.no-tips", "true");
        }

        static final LambdaSettings SETTINGS = LambdaSettings.fromEnvironment(System.getenv());
        static final ApiComponent COMPONENT = ApiComponent.create(SETTINGS);
        static final SnapStartPriming PRIMING = COMPONENT.snapStartPriming();

        static {
            Core.getGlobalContext().register(PRIMING);
            prime();
        }

        /** Warms the request path at init; if the database cannot be reached yet, the first request tries again. */
        private static void prime() {
            long started = System.nanoTime();
            try {
                PRIMING.prime();
                LOG.info("Hexatask ({}) primed the request path in {} ms", SETTINGS.stage(),
                        (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.warn("Could not prime the request path at start-up; requests will retry", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionEnvironment.class);

    static LambdaSettings settings() {
        started();
        return Holder.SETTINGS;
    }

    static ApiComponent component() {
        started();
        return Holder.COMPONENT;
    }

    static SnapStartPriming priming() {
        started();
        return Holder.PRIMING;
    }

    /**
     * Builds the environment on the first call. One that cannot be built (an invalid configuration) fails the
     * function's init with an {@link InvocationFailedException}, in words only, rather than with the JVM's
     * {@link ExceptionInInitializerError}, whose frames the Lambda runtime would write to the log.
     */
    private static void started() {
        try {
            Objects.requireNonNull(Holder.PRIMING);
        } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
            Throwable cause = e instanceof ExceptionInInitializerError init && init.getCause() != null
                    ? init.getCause() : e;
            LOG.error("The function cannot start", cause);
            throw new InvocationFailedException("The function cannot start: " + cause.getMessage());
        }
    }
}
