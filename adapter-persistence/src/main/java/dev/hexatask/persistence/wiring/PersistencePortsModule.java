package dev.hexatask.persistence.wiring;

import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.Provides;
import dev.hexatask.application.port.out.CursorKeys;
import dev.hexatask.application.port.out.DatabaseHealth;
import dev.hexatask.application.port.out.IdempotencyRecords;
import dev.hexatask.application.port.out.Profiles;
import dev.hexatask.application.port.out.Tasks;
import dev.hexatask.application.port.out.Transactions;
import dev.hexatask.application.service.CursorCodec;
import dev.hexatask.persistence.PostgresPersistence;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The core's storage ports, from the one {@link PostgresPersistence} a composition root provides (each builds it
 * from its own configuration: a database URL on a laptop, a rotated secret in AWS).
 */
@Module
public interface PersistencePortsModule {

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

    /** Cursor-signing keys that a composition root reads from elsewhere (a rotated secret in AWS). */
    @BindsOptionalOf
    CursorKeys cursorKeys();

    /**
     * The composition root's keys when it binds them; else the key in the database (made by the first migration,
     * so it is read after migrating).
     */
    @Provides
    @Singleton
    static CursorCodec cursors(Optional<CursorKeys> keys, PostgresPersistence persistence) {
        return CursorCodec.with(keys.orElseGet(() -> CursorKeys.fixed(persistence.cursorSecret().read())));
    }
}
