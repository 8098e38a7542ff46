package dev.hexatask.application.port.out;

import java.util.function.Supplier;

/** Runs one use case's work as a unit: all its writes happen, or (when it throws) none do. */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    /**
     * Runs work that only reads, or whose one write is a single statement that is atomic by itself, without opening
     * a transaction: each statement commits on its own, which spares a store the round trips of a begin and a
     * commit. Two statements of the work may see different committed states, so work whose reads must agree with
     * each other, or that writes twice, uses {@link #inTransaction}. Called inside a transaction, it joins it.
     */
    default <T> T withoutTransaction(Supplier<T> work) {
        return inTransaction(work);
    }
}
