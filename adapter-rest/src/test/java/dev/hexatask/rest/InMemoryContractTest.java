package dev.hexatask.rest;

import dev.hexatask.application.fixtures.InMemoryCore;
import dev.hexatask.rest.contract.ContractClient;
import dev.hexatask.rest.contract.ContractEnvironment;
import dev.hexatask.rest.contract.ContractUser;
import dev.hexatask.rest.contract.RestContractSuite;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The contract suite in-process, on the core wired to its in-memory ports. */
class InMemoryContractTest extends RestContractSuite {

    static final String ORIGIN = "https://app.hexatask.test";

    @Override
    protected ContractEnvironment createEnvironment() {
        InMemoryCore core = InMemoryCore.create();
        RestApi api = RestApis.over(core, RestSettings.allowingOrigins(List.of(ORIGIN)));
        return new ContractEnvironment() {
            @Override
            public ContractClient client() {
                return api::handle;
            }

            @Override
            public ContractUser newUser() {
                String sub = "user-" + UUID.randomUUID();
                String authorization = core.authenticator().register("token-" + UUID.randomUUID(), sub);
                return new ContractUser(sub, sub, Optional.of(sub + "@example.com"), authorization);
            }

            @Override
            public String allowedOrigin() {
                return ORIGIN;
            }

            @Override
            public boolean setDatabaseReachable(boolean reachable) {
                core.databaseHealth().setReachable(reachable);
                return true;
            }
        };
    }
}
