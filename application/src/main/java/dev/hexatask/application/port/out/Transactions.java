package dev.hexatask.application.port.out;

import java.util.function.Supplier;

/** Runs one use case's work as a unit: all its writes happen, or (when it throws) none do. */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);
}
