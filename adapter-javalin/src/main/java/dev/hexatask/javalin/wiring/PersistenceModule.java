package dev.hexatask.javalin.wiring;

import dagger.Module;
import dagger.Provides;
import dev.hexatask.javalin.config.ServerConfig;
import dev.hexatask.persistence.PostgresPersistence;
import dev.hexatask.persistence.wiring.PersistencePortsModule;
import jakarta.inject.Singleton;

/** PostgreSQL behind the outbound ports: one pool for the process, closed when the server stops. */
@Module(includes = PersistencePortsModule.class)
public interface PersistenceModule {

    @Provides
    @Singleton
    static PostgresPersistence persistence(ServerConfig config) {
        return PostgresPersistence.start(config.database(), config.credentials());
    }
}
