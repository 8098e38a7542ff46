package dev.hexatask.persistence.testing;

import dev.hexatask.application.port.out.IdempotencyRecords;
import dev.hexatask.application.port.out.Profiles;
import dev.hexatask.application.port.out.Tasks;
import dev.hexatask.application.port.out.Transactions;

import java.util.Objects;

/** The outbound ports a repository contract exercises, all over one (empty) store. */
public record RepositoryPorts(Tasks tasks, Profiles profiles, IdempotencyRecords idempotencyRecords,
                              Transactions transactions) {

    public RepositoryPorts {
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(profiles, "profiles");
        Objects.requireNonNull(idempotencyRecords, "idempotencyRecords");
        Objects.requireNonNull(transactions, "transactions");
    }
}
