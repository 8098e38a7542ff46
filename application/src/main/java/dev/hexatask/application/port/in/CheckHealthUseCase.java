package dev.hexatask.application.port.in;

public interface CheckHealthUseCase {

    /** Whether the application can serve requests now. */
    Health check();

    record Health(boolean databaseReachable) {

        public boolean healthy() {
            return databaseReachable;
        }
    }
}
