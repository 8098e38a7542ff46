package dev.hexatask.javalin;

import dev.hexatask.javalin.config.ConfigurationException;
import dev.hexatask.javalin.config.DatabaseSource;
import dev.hexatask.javalin.config.ServerConfig;
import dev.hexatask.rest.TransportSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerConfigTest {

    private static Map<String, String> valid() {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", "postgresql://hexatask:secret@localhost:5432/hexatask");
        env.put("OIDC_ISSUER", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc");
        env.put("OIDC_CLIENT_IDS", "client-a,client-b");
        return env;
    }

    @Test
    void defaultsWhatIsOptional() {
        ServerConfig config = ServerConfig.fromEnvironment(valid());
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.poolSize()).isEqualTo(10);
        assertThat(config.database()).isInstanceOfSatisfying(DatabaseSource.Url.class, url -> {
            assertThat(url.credentials().jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/hexatask");
            assertThat(url.credentials().current().password()).isEqualTo("secret");
        });
        assertThat(config.jwt().clientIds()).containsExactlyInAnyOrder("client-a", "client-b");
        assertThat(config.logLevel()).isEqualTo("INFO");
        assertThat(config.publicUrl()).hasToString("http://localhost:8080");
    }

    @Test
    void eachBadVariableIsNamedOnOneLineWithWhatItExpects() {
        Map<String, String> cases = Map.of(
                "PORT", "eighty",
                "DB_POOL_SIZE", "0",
                "LOG_LEVEL", "LOUD",
                "CORS_ALLOWED_ORIGINS", "http://localhost:5173/path",
                "DATABASE_URL", "mysql://localhost/db",
                "OIDC_ISSUER", "http://issuer.example.com",
                "HEXATASK_PUBLIC_URL", "ftp://x");
        cases.forEach((name, value) -> {
            Map<String, String> env = valid();
            env.put(name, value);
            assertThatThrownBy(() -> ServerConfig.fromEnvironment(env))
                    .isInstanceOf(ConfigurationException.class)
                    .satisfies(e -> {
                        assertThat(e.getMessage()).as(name).startsWith(name).doesNotContain("\n");
                        assertThat(e.getStackTrace()).isEmpty();
                    });
        });
    }

    @Test
    void theStageAndTheOriginsAreTheSharedReadersProblems() {
        Map<String, String> env = valid();
        env.put("HEXATASK_STAGE", "Prod_1");
        env.put("CORS_ALLOWED_ORIGINS", "https://app.example.com/path");
        List<String> shared = new ArrayList<>();
        TransportSettings.fromEnvironment(env, shared);
        assertThat(shared).hasSize(2);
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(env))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.problems()).containsExactlyElementsOf(shared));
    }

    @Test
    void aSecretArnNamesTheDatabaseInsteadOfAUrl() {
        Map<String, String> env = valid();
        env.remove("DATABASE_URL");
        env.put("DB_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hexatask/db-AbCdEf");
        assertThat(ServerConfig.fromEnvironment(env).database()).isEqualTo(new DatabaseSource.Secret(
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hexatask/db-AbCdEf", "eu-west-1"));
        env.put("AWS_REGION", "us-east-2");
        assertThat(ServerConfig.fromEnvironment(env).database())
                .isInstanceOfSatisfying(DatabaseSource.Secret.class, s -> assertThat(s.region()).isEqualTo("us-east-2"));
    }

    @Test
    void aSecretNamedWithoutARegionNeedsAwsRegion() {
        Map<String, String> env = valid();
        env.remove("DATABASE_URL");
        env.put("DB_SECRET_ARN", "hexatask/db");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(env))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
                        .containsExactly("AWS_REGION is not set: reading DB_SECRET_ARN needs the region (or give the "
                                + "secret's full ARN, which names it)"));
    }

    @Test
    void aSecretAndAUrlTogetherAreRefusedAtStartUp() {
        Map<String, String> env = valid();
        env.put("DB_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hexatask/db-AbCdEf");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(env))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
                        .containsExactly("DATABASE_URL and DB_SECRET_ARN are both set: set one of them (a URL with "
                                + "credentials, or the ARN of a Secrets Manager secret)"));
    }

    @Test
    void missingRequiredVariablesAreAllNamed() {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("DATABASE_URL is required")
                .hasMessageContaining("OIDC_ISSUER")
                .hasMessageContaining("OIDC_CLIENT_IDS");
    }

    @Test
    void naughtyValuesAreAcceptedOrNamedOnOneLine() {
        for (String variable : List.of("PORT", "DB_POOL_SIZE", "LOG_LEVEL", "CORS_ALLOWED_ORIGINS", "DATABASE_URL",
                "OIDC_ISSUER", "OIDC_CLIENT_IDS", "OIDC_JWKS_URL", "OIDC_REQUIRED_SCOPE", "HEXATASK_STAGE",
                "HEXATASK_PUBLIC_URL", "OIDC_MANAGED_LOGIN_DOMAIN")) {
            for (String naughty : NaughtyStrings.all()) {
                Map<String, String> env = valid();
                env.put(variable, naughty);
                try {
                    ServerConfig.fromEnvironment(env);
                } catch (ConfigurationException e) {
                    assertThat(e.getMessage()).as(variable + "=" + naughty).startsWith(variable)
                            .doesNotContain("\n").doesNotContain("\r");
                }
            }
        }
    }

    @Test
    void theDatabasePasswordNeverAppearsInAnError() {
        Map<String, String> env = valid();
        env.put("DATABASE_URL", "postgresql://hexatask:sup3r-secret@local host/db");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(env)).hasMessageNotContaining("sup3r-secret");
    }

    @Test
    void theLogLevelCanBeReadBeforeTheRestOfTheConfiguration() {
        assertThat(ServerConfig.logLevel(Map.of("LOG_LEVEL", "warn"))).contains("WARN");
        assertThat(ServerConfig.logLevel(Map.of())).contains("INFO");
        assertThat(ServerConfig.logLevel(Map.of("LOG_LEVEL", "LOUD"))).isEmpty();
    }
}
