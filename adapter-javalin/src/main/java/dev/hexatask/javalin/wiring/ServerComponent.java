package dev.hexatask.javalin.wiring;

import dagger.BindsInstance;
import dagger.Component;
import dev.hexatask.application.port.in.PurgeIdempotencyRecordsUseCase;
import dev.hexatask.javalin.config.ServerConfig;
import dev.hexatask.persistence.PostgresPersistence;
import dev.hexatask.rest.RestApi;
import dev.hexatask.rest.wiring.UseCasesModule;
import jakarta.inject.Singleton;

/**
 * The Javalin server's composition root: the whole application wired from its configuration. Ask for
 * {@link #persistence()} first (to migrate), then for {@link #api()}: the API reads the cursor key from the migrated
 * database.
 */
@Singleton
@Component(modules = {UseCasesModule.class, PersistenceModule.class, WebModule.class, MaintenanceModule.class})
public interface ServerComponent {

    PostgresPersistence persistence();

    ServerDatabase database();

    RestApi api();

    PurgeIdempotencyRecordsUseCase idempotencyPurge();

    ServerConfig config();

    static ServerComponent of(ServerConfig config) {
        return DaggerServerComponent.factory().create(config);
    }

    @Component.Factory
    interface Factory {
        ServerComponent create(@BindsInstance ServerConfig config);
    }
}
