package dev.hexatask.lambda;

import dev.hexatask.jwt.testing.TestIdentityProvider;
import dev.hexatask.persistence.UrlDatabaseCredentials;
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
        return environment(database.jdbcUrl(), database.credentials(), identityProvider);
    }

    /** The same for any PostgreSQL: its URL without credentials and the credentials to put in it. */
    static Map<String, String> environment(String jdbcUrl, UrlDatabaseCredentials credentials,
                                           TestIdentityProvider identityProvider) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("HEXATASK_STAGE", "test");
        environment.put("DATABASE_URL", databaseUrl(jdbcUrl, credentials));
        environment.put("OIDC_ISSUER", identityProvider.issuer());
        environment.put("OIDC_CLIENT_IDS", identityProvider.clientId());
        environment.put("OIDC_REQUIRED_SCOPE", "hexatask/api");
        environment.put("CORS_ALLOWED_ORIGINS", ORIGIN);
        return environment;
    }

    static String databaseUrl(TestDatabase database) {
        return databaseUrl(database.jdbcUrl(), database.credentials());
    }

    static String databaseUrl(String jdbcUrl, UrlDatabaseCredentials credentials) {
        var current = credentials.current();
        String separator = jdbcUrl.contains("?") ? "&" : "?";
        return jdbcUrl + separator + "user=" + encode(current.username()) + "&password="
                + encode(current.password());
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
