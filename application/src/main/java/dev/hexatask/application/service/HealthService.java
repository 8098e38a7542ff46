package dev.hexatask.application.service;

import dev.hexatask.application.port.in.CheckHealthUseCase;
import dev.hexatask.application.port.out.DatabaseHealth;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Objects;

/** Reports whether the application's dependencies answer. */
@Singleton
public final class HealthService implements CheckHealthUseCase {

    private final DatabaseHealth database;

    @Inject
    public HealthService(DatabaseHealth database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public Health check() {
        return new Health(database.isReachable());
    }
}
