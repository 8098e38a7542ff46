package dev.hexatask.persistence;

import dev.hexatask.application.fixtures.InMemoryIdempotencyRecords;
import dev.hexatask.application.fixtures.InMemoryProfiles;
import dev.hexatask.application.fixtures.InMemoryTasks;
import dev.hexatask.application.fixtures.InMemoryTransactions;
import dev.hexatask.persistence.testing.TasksContract;
import dev.hexatask.persistence.testing.RepositoryPorts;

/** The application's in-memory fake held to the same contract as PostgreSQL. */
class InMemoryTasksContractTest extends TasksContract {

    @Override
    protected RepositoryPorts freshPorts() {
        InMemoryTasks tasks = new InMemoryTasks();
        InMemoryProfiles profiles = new InMemoryProfiles();
        InMemoryIdempotencyRecords idempotencyRecords = new InMemoryIdempotencyRecords();
        return new RepositoryPorts(tasks, profiles, idempotencyRecords,
                InMemoryTransactions.over(tasks, profiles, idempotencyRecords));
    }
}
