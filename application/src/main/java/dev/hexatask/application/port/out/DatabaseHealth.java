package dev.hexatask.application.port.out;

/** Whether the database answers right now; cheap enough to call on every health check. */
public interface DatabaseHealth {

    boolean isReachable();
}
