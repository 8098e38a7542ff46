package dev.hexatask.lambda;

/**
 * The execution environment's SnapStart hooks, run by hand: what the Lambda runtime runs just before it takes a
 * snapshot and just after it restores one. For local measurement only (the cold-start probe times what a restore
 * leaves to do); in AWS the runtime calls them through the CRaC context they are registered with.
 */
public final class SnapStartHooks {

    private SnapStartHooks() {
    }

    /** As before a snapshot: priming done, the pool's connections closed. */
    public static void beforeCheckpoint() throws Exception {
        ExecutionEnvironment.priming().beforeCheckpoint(null);
    }

    /** As after a restore: what must not be shared between restored copies is made anew. */
    public static void afterRestore() throws Exception {
        ExecutionEnvironment.priming().afterRestore(null);
    }
}
