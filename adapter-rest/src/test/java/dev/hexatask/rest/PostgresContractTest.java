package dev.hexatask.rest;

import dev.hexatask.application.fixtures.StaticAuthenticator;
import dev.hexatask.application.port.out.DatabaseHealth;
import dev.hexatask.application.service.CursorCodec;
import dev.hexatask.application.service.HealthService;
import dev.hexatask.application.service.ProfileService;
import dev.hexatask.application.service.TaskService;
import dev.hexatask.application.support.TimeOrderedTaskIds;
import dev.hexatask.persistence.PostgresPersistence;
import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TestDatabase;
import dev.hexatask.rest.contract.ContractClient;
import dev.hexatask.rest.contract.ContractEnvironment;
import dev.hexatask.rest.contract.ContractUser;
import dev.hexatask.rest.contract.RestContractSuite;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The contract suite in-process on the core wired to the PostgreSQL adapter: real transactions, real keyset pages,
 * real races on idempotency keys and versions, signed in as the least-privilege role the API uses in AWS.
 */
class PostgresContractTest extends RestContractSuite {

    static final String ORIGIN = "https://app.hexatask.test";

    @Override
    protected ContractEnvironment createEnvironment() {
        TestDatabase database = PostgresTestDatabase.createDatabase();
        PostgresPersistence persistence = database.applicationPersistence();
        Clock clock = Clock.systemUTC();
        TaskService tasks = new TaskService(persistence.tasks(), persistence.profiles(),
                persistence.idempotencyRecords(), persistence.transactions(), new TimeOrderedTaskIds(clock), clock,
                new CursorCodec(persistence.cursorSecret().read()));
        ProfileService profiles = new ProfileService(persistence.profiles(), persistence.transactions(), clock);
        SwitchedHealth health = new SwitchedHealth(persistence.health());
        StaticAuthenticator authenticator = new StaticAuthenticator();
        RestApi api = new RestApi(new HealthService(health), profiles, profiles, tasks, tasks, tasks, tasks, tasks,
                tasks, authenticator, RestSettings.allowingOrigins(List.of(ORIGIN)));
        return new ContractEnvironment() {
            @Override
            public ContractClient client() {
                return api::handle;
            }

            @Override
            public ContractUser newUser() {
                String sub = "user-" + UUID.randomUUID();
                String authorization = authenticator.register("token-" + UUID.randomUUID(), sub);
                return new ContractUser(sub, sub, Optional.of(sub + "@example.com"), authorization);
            }

            @Override
            public String allowedOrigin() {
                return ORIGIN;
            }

            @Override
            public boolean setDatabaseReachable(boolean reachable) {
                health.reachable = reachable;
                return true;
            }

            @Override
            public void close() {
                PostgresTestDatabase.dropDatabase(database);
            }
        };
    }

    /** The real health check, which a test can also declare down. */
    private static final class SwitchedHealth implements DatabaseHealth {

        private final DatabaseHealth real;
        private volatile boolean reachable = true;

        SwitchedHealth(DatabaseHealth real) {
            this.real = real;
        }

        @Override
        public boolean isReachable() {
            return reachable && real.isReachable();
        }
    }
}
