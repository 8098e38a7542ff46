package dev.hexatask.application.port.out;

/** What a conditional write did: applied, found no such task, or found it at another version. */
public enum WriteOutcome {
    APPLIED,
    NOT_FOUND,
    VERSION_CONFLICT
}
