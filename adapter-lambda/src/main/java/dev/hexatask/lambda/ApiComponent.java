package dev.hexatask.lambda;

import dagger.BindsInstance;
import dagger.Component;
import dagger.Lazy;
import dev.hexatask.application.port.out.Authenticator;
import dev.hexatask.persistence.PostgresPersistence;
import dev.hexatask.rest.RestApi;
import jakarta.inject.Singleton;

/**
 * The API function's object graph, built once per execution environment. Everything that touches the network
 * (Secrets Manager, the database) is {@link Lazy}: building it cannot fail on an outage, and a request made during
 * one is answered 503 while the next one tries again.
 */
@Singleton
@Component(modules = ApiModule.class)
public interface ApiComponent {

    Lazy<RestApi> restApi();

    Lazy<PostgresPersistence> persistence();

    Authenticator authenticator();

    SnapStartPriming snapStartPriming();

    @Component.Factory
    interface Factory {
        ApiComponent create(@BindsInstance LambdaSettings settings);
    }

    static ApiComponent create(LambdaSettings settings) {
        return DaggerApiComponent.factory().create(settings);
    }
}
