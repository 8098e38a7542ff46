package dev.hexatask.rest;

import dev.hexatask.application.fixtures.InMemoryCore;

/** Builds a {@link RestApi} over the in-memory core, for this module's tests. */
final class RestApis {

    private RestApis() {
    }

    static RestApi over(InMemoryCore core, RestSettings settings) {
        return new RestApi(core.health(), core.profiles(), core.profiles(), core.tasks(), core.tasks(),
                core.tasks(), core.tasks(), core.tasks(), core.tasks(), core.authenticator(), settings);
    }
}
