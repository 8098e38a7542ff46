package dev.hexatask.lambda;

import dev.hexatask.jwt.testing.TestIdentityProvider;
import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TestDatabase;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The environment variables of a function that uses a test database and a test identity provider. */
final class TestStack {

    static final String ORIGIN = "https://app.hexatask.test";

    private TestStack() {
    }

    static Map<String, String> environment(TestDatabase database, TestIdentityProvider identityProvider) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("HEXATASK_STAGE", "test");
        environment.put("DATABASE_URL", databaseUrl(database));
        environment.put("OIDC_ISSUER", identityProvider.issuer());
        environment.put("OIDC_CLIENT_IDS", identityProvider.clientId());
        environment.put("OIDC_REQUIRED_SCOPE", "hexatask/api");
        environment.put("CORS_ALLOWED_ORIGINS", ORIGIN);
        return environment;
    }

    static String databaseUrl(TestDatabase database) {
        var credentials = database.credentials().current();
        String separator = database.jdbcUrl().contains("?") ? "&" : "?";
        return database.jdbcUrl() + separator + "user=" + encode(credentials.username()) + "&password="
                + encode(credentials.password());
    }

    /**
     * The class's database from {@link PostgresTestDatabase}, for code that runs before any parameter can be
     * injected (a {@code @BeforeAll} of a superclass runs before its subclass's). Its resolver reads only the
     * extension context.
     */
    static TestDatabase database(ExtensionContext context) {
        return (TestDatabase) new PostgresTestDatabase().resolveParameter(null, context);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
