package dev.hexatask.application.port.out;

import java.util.Comparator;

/**
 * The orders a task list can be read in. Each is total (the id breaks every tie), which keyset pagination needs;
 * {@link #order()} states it exactly, for every implementation of {@link Tasks} to follow.
 */
public enum TaskSort {
    /** Newest first: {@code createdAt DESC, id DESC}. The default. */
    CREATED(Comparator.comparing(SortPosition::createdAt).reversed()
            .thenComparing(SortPosition::id, Comparator.reverseOrder())),
    /** Soonest due first, tasks without a due date last: {@code dueDate ASC NULLS LAST, id ASC}. */
    DUE_DATE(Comparator.comparing(SortPosition::dueDateOrNull, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(SortPosition::id)),
    /** Highest priority first, then newest: {@code priorityRank DESC, createdAt DESC, id DESC}. */
    PRIORITY(Comparator.comparingInt(SortPosition::priorityRank).reversed()
            .thenComparing(SortPosition::createdAt, Comparator.reverseOrder())
            .thenComparing(SortPosition::id, Comparator.reverseOrder()));

    private final Comparator<SortPosition> order;

    TaskSort(Comparator<SortPosition> order) {
        this.order = order;
    }

    /** The order of positions in this sort: negative when the first comes earlier in the list. */
    public Comparator<SortPosition> order() {
        return order;
    }
}
