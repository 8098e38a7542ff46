package dev.hexatask.javalin.wiring;

import dagger.Module;
import dagger.Provides;
import dev.hexatask.application.port.out.Authenticator;
import dev.hexatask.javalin.config.ServerConfig;
import dev.hexatask.jwt.CognitoAccessTokenAuthenticator;
import dev.hexatask.rest.RestSettings;
import jakarta.inject.Singleton;

/** The bearer-token verifier (the same code as in AWS) and the HTTP contract's settings. */
@Module
public interface WebModule {

    @Provides
    @Singleton
    static Authenticator authenticator(ServerConfig config) {
        return new CognitoAccessTokenAuthenticator(config.jwt());
    }

    @Provides
    static RestSettings restSettings(ServerConfig config) {
        return config.rest();
    }
}
