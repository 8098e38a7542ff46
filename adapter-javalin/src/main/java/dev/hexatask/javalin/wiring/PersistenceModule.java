package dev.hexatask.javalin.wiring;

import dagger.Module;
import dagger.Provides;
import dev.hexatask.application.port.out.DatabaseHealth;
import dev.hexatask.application.port.out.IdempotencyRecords;
import dev.hexatask.application.port.out.Profiles;
import dev.hexatask.application.port.out.Tasks;
import dev.hexatask.application.port.out.Transactions;
import dev.hexatask.javalin.config.ServerConfig;
import dev.hexatask.persistence.PostgresPersistence;
import jakarta.inject.Singleton;

/** PostgreSQL behind the outbound ports: one pool for the process, closed when the server stops. */
@Module
public interface PersistenceModule {

    @Provides
    @Singleton
    static PostgresPersistence persistence(ServerConfig config) {
        return PostgresPersistence.start(config.database(), config.credentials());
    }

    @Provides
    @Singleton
    static Tasks tasks(PostgresPersistence persistence) {
        return persistence.tasks();
    }

    @Provides
    @Singleton
    static Profiles profiles(PostgresPersistence persistence) {
        return persistence.profiles();
    }

    @Provides
    @Singleton
    static IdempotencyRecords idempotencyRecords(PostgresPersistence persistence) {
        return persistence.idempotencyRecords();
    }

    @Provides
    @Singleton
    static Transactions transactions(PostgresPersistence persistence) {
        return persistence.transactions();
    }

    @Provides
    @Singleton
    static DatabaseHealth databaseHealth(PostgresPersistence persistence) {
        return persistence.health();
    }
}
