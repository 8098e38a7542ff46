package dev.hexatask.javalin.wiring;

import dagger.Module;
import dagger.Provides;
import dev.hexatask.javalin.config.ServerConfig;
import dev.hexatask.persistence.DatabaseSettings;
import dev.hexatask.persistence.PostgresPersistence;
import dev.hexatask.persistence.wiring.PersistencePortsModule;
import jakarta.inject.Singleton;

/** PostgreSQL behind the outbound ports: one pool for the process, closed when the server stops. */
@Module(includes = PersistencePortsModule.class)
public interface PersistenceModule {

    @Provides
    @Singleton
    static ServerDatabase database(ServerConfig config) {
        return ServerDatabase.of(config.database());
    }

    @Provides
    @Singleton
    static PostgresPersistence persistence(ServerConfig config, ServerDatabase database) {
        return PostgresPersistence.start(DatabaseSettings.forServer(database.jdbcUrl()).withPoolSize(config.poolSize()),
                database.credentials());
    }
}
