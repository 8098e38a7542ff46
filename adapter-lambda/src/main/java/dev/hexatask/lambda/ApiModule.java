package dev.hexatask.lambda;

import dagger.Module;
import dagger.Provides;
import dev.hexatask.application.port.out.Authenticator;
import dev.hexatask.jwt.CognitoAccessTokenAuthenticator;
import dev.hexatask.persistence.DatabaseSettings;
import dev.hexatask.persistence.PostgresPersistence;
import dev.hexatask.persistence.wiring.PersistencePortsModule;
import dev.hexatask.rest.RestSettings;
import dev.hexatask.rest.wiring.UseCasesModule;
import jakarta.inject.Singleton;

/** Wires the core to PostgreSQL, the JWT verifier and the REST contract for the API function. */
@Module(includes = {UseCasesModule.class, PersistencePortsModule.class})
final class ApiModule {

    private ApiModule() {
    }

    @Provides
    @Singleton
    static DatabaseConnection databaseConnection(LambdaSettings settings) {
        return DatabaseConnection.of(settings.database(), System.getenv());
    }

    @Provides
    @Singleton
    static PostgresPersistence persistence(LambdaSettings settings, DatabaseConnection connection) {
        return connection.open(DatabaseSettings.forLambda(connection.jdbcUrl()).withPoolSize(settings.poolSize()));
    }

    @Provides
    @Singleton
    static Authenticator authenticator(LambdaSettings settings) {
        return new CognitoAccessTokenAuthenticator(settings.jwt());
    }

    @Provides
    static RestSettings restSettings(LambdaSettings settings) {
        return settings.rest();
    }
}
