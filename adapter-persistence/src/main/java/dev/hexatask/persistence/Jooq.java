package dev.hexatask.persistence;

import java.util.function.Supplier;

/** Runs a statement and translates its failure into what a port may throw. */
final class Jooq {

    private Jooq() {
    }

    static <T> T run(Supplier<T> statement) {
        try {
            return statement.get();
        } catch (RuntimeException e) {
            throw StorageFailures.translate(e);
        }
    }
}
