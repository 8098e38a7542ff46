package dev.hexatask.domain.task;

import dev.hexatask.domain.validation.DomainValidationException;
import dev.hexatask.domain.validation.Violation;

/** How much a task matters; declared from lowest to highest, so {@link #rank()} orders them. */
public enum Priority {
    LOW,
    MEDIUM,
    HIGH;

    public static final Priority DEFAULT = MEDIUM;

    /** {@code values()} copies its array on every call; every task read looks its priority up by rank. */
    private static final Priority[] BY_RANK = values();

    /** 0 for LOW up to 2 for HIGH: higher ranks sort first. */
    public int rank() {
        return ordinal();
    }

    public static Priority fromRank(int rank) {
        if (rank < 0 || rank >= BY_RANK.length) {
            throw new IllegalArgumentException("no priority has rank " + rank);
        }
        return BY_RANK[rank];
    }

    public static Priority parse(String name) {
        if (name == null) {
            throw new DomainValidationException(new Violation("priority", "required", "is required"));
        }
        for (Priority priority : values()) {
            if (priority.name().equals(name)) {
                return priority;
            }
        }
        throw new DomainValidationException(
                new Violation("priority", "unknown_value", "must be one of LOW, MEDIUM, HIGH"));
    }
}
