package dev.hexatask.lambda;

import org.crac.Core;

/**
 * What one Lambda execution environment builds once and keeps for every invocation: the settings and the API's
 * component, whose SnapStart hooks are registered here (the CRaC context holds them weakly; this class holds them
 * for the life of the process).
 */
final class ExecutionEnvironment {

    private ExecutionEnvironment() {
    }

    private static final class Holder {
        static final LambdaSettings SETTINGS = LambdaSettings.fromEnvironment(System.getenv());
        static final ApiComponent COMPONENT = ApiComponent.create(SETTINGS);
        static final SnapStartPriming PRIMING = COMPONENT.snapStartPriming();

        static {
            Core.getGlobalContext().register(PRIMING);
        }
    }

    static LambdaSettings settings() {
        return Holder.SETTINGS;
    }

    static ApiComponent component() {
        return Holder.COMPONENT;
    }
}
