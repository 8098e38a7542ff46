package dev.hexatask.javalin;

import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TestDatabase;
import dev.hexatask.rest.contract.ContractClient;
import dev.hexatask.rest.contract.ContractEnvironment;
import dev.hexatask.rest.contract.ContractUser;
import dev.hexatask.rest.contract.RestContractSuite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Optional;
import java.util.UUID;

/**
 * The HTTP contract over the Javalin server: real HTTP on a real socket, real PostgreSQL, tokens signed with a real
 * RSA key and checked against a JWKS fetched over HTTP.
 */
@ExtendWith(PostgresTestDatabase.class)
class JavalinContractTest extends RestContractSuite {

    private TestDatabase database;
    private TestStack stack;

    /** Runs after the suite's own set-up, and before any test reaches the environment. */
    @BeforeAll
    void startStack(TestDatabase testDatabase) {
        this.database = testDatabase;
    }

    @Override
    protected ContractEnvironment createEnvironment() {
        return new ContractEnvironment() {
            @Override
            public ContractClient client() {
                return request -> HttpClients.send(stack().apiBase(), request);
            }

            @Override
            public ContractUser newUser() {
                String sub = UUID.randomUUID().toString();
                String username = "user-" + sub.substring(0, 8);
                return new ContractUser(sub, username, Optional.empty(),
                        stack().identityProvider.authorizationHeader(sub, username));
            }

            @Override
            public String allowedOrigin() {
                return TestStack.ALLOWED_ORIGIN;
            }

            @Override
            public boolean setDatabaseReachable(boolean reachable) {
                String name = stack().database.name();
                if (reachable) {
                    database.executeOnServer("alter database " + name + " allow_connections true");
                } else {
                    database.executeOnServer("alter database " + name + " allow_connections false");
                    database.executeOnServer("select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
                            + name + "' and pid <> pg_backend_pid()");
                }
                return true;
            }

            /** Jetty refuses {@code %zz} while parsing the request line; {@code ServerTest} checks its 400. */
            @Override
            public boolean carriesMalformedEscapes() {
                return false;
            }

            @Override
            public void close() {
                if (stack != null) {
                    stack.close();
                }
            }
        };
    }

    private synchronized TestStack stack() {
        if (stack == null) {
            stack = TestStack.start(database);
        }
        return stack;
    }
}
