package dev.hexatask.persistence;

import dev.hexatask.persistence.testing.ProfilesContract;
import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.RepositoryPorts;
import dev.hexatask.persistence.testing.TestDatabase;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresTestDatabase.class)
class PostgresProfilesContractTest extends ProfilesContract {

    private final TestDatabase database;

    PostgresProfilesContractTest(TestDatabase database) {
        this.database = database;
    }

    @Override
    protected RepositoryPorts freshPorts() {
        database.clear();
        PostgresPersistence persistence = database.applicationPersistence();
        return new RepositoryPorts(persistence.tasks(), persistence.profiles(), persistence.idempotencyRecords(),
                persistence.transactions());
    }
}
