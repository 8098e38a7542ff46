package dev.hexatask.lambda;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import dev.hexatask.application.port.out.Authenticator;
import dev.hexatask.application.port.out.CursorKeys;
import dev.hexatask.jwt.CognitoAccessTokenAuthenticator;
import dev.hexatask.persistence.DatabaseSettings;
import dev.hexatask.persistence.PostgresPersistence;
import dev.hexatask.persistence.wiring.PersistencePortsModule;
import dev.hexatask.rest.RestSettings;
import dev.hexatask.rest.wiring.UseCasesModule;
import dev.hexatask.secrets.SecretsManagerCursorKeys;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Wires the core to PostgreSQL, the JWT verifier and the REST contract for the API function. */
@Module(includes = {UseCasesModule.class, PersistencePortsModule.class})
final class ApiModule {

    private ApiModule() {
    }

    /** One client for every secret the function reads, built only when one is read. */
    @Provides
    @Singleton
    static SecretsManagerClient secretsManager() {
        return DatabaseConnection.secretsManager(System.getenv());
    }

    @Provides
    @Singleton
    static DatabaseConnection databaseConnection(LambdaSettings settings, Lazy<SecretsManagerClient> secretsManager) {
        return DatabaseConnection.of(settings.database(), System.getenv(), secretsManager::get);
    }

    /**
     * The cursor-signing keys: the stage's secret in AWS (current signs, previous still verifies), else the key in
     * the database.
     */
    @Provides
    @Singleton
    static CursorKeys cursorKeys(LambdaSettings settings, Lazy<SecretsManagerClient> secretsManager,
                                 Lazy<PostgresPersistence> persistence) {
        return settings.cursorKeySecretArn()
                .<CursorKeys>map(arn -> new SecretsManagerCursorKeys(secretsManager.get(), arn))
                .orElseGet(() -> CursorKeys.fixed(persistence.get().cursorSecret().read()));
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
