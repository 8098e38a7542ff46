package dev.hexatask.rest.problem;

/**
 * Ends a request early with a problem, from deep inside parsing where returning a response would thread through
 * every caller. Cheap: no stack trace, since it is an answer, not a failure.
 */
public final class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.type().name(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
