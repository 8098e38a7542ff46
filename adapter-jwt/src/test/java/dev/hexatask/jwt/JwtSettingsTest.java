package dev.hexatask.jwt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtSettingsTest {

    private static final String POOL = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123";

    private static JwtSettings settings(String issuer, String... clientIds) {
        return new JwtSettings(issuer, new LinkedHashSet<>(Arrays.asList(clientIds)), null, Optional.empty());
    }

    @Test
    void defaultsToTheIssuersJwks() {
        JwtSettings settings = settings(POOL, "client-a");

        assertThat(settings.jwksUrl()).isEqualTo(URI.create(POOL + "/.well-known/jwks.json"));
        assertThat(settings.requiredScope()).isEmpty();
        assertThat(settings.clientIds()).containsExactly("client-a");
    }

    @Test
    void readsTheEnvironmentVariablesOfTheDeployables() {
        JwtSettings settings = JwtSettings.fromEnvironment(Map.of(
                "OIDC_ISSUER", POOL,
                "OIDC_CLIENT_IDS", "client-a, client-b",
                "OIDC_JWKS_URL", "https://keys.example.com/jwks.json",
                "OIDC_REQUIRED_SCOPE", "hexatask/api"));

        assertThat(settings).isEqualTo(new JwtSettings(POOL, Set.of("client-a", "client-b"),
                URI.create("https://keys.example.com/jwks.json"), Optional.of("hexatask/api")));
    }

    @Test
    void treatsBlankOptionalVariablesAsUnset() {
        JwtSettings settings = JwtSettings.fromEnvironment(Map.of(
                "OIDC_ISSUER", "http://localhost:8081/local", "OIDC_CLIENT_IDS", "web",
                "OIDC_JWKS_URL", " ", "OIDC_REQUIRED_SCOPE", ""));

        assertThat(settings.jwksUrl()).isEqualTo(URI.create("http://localhost:8081/local/.well-known/jwks.json"));
        assertThat(settings.requiredScope()).isEmpty();
    }

    @Test
    void namesEveryBadVariableAtOnce() {
        assertThatThrownBy(() -> JwtSettings.fromEnvironment(Map.of(
                "OIDC_CLIENT_IDS", "a,,b", "OIDC_JWKS_URL", "ftp://keys.example.com/jwks.json",
                "OIDC_REQUIRED_SCOPE", "two scopes")))
                .isInstanceOf(InvalidJwtSettingsException.class)
                .hasMessageContaining("OIDC_ISSUER is required")
                .hasMessageContaining("OIDC_CLIENT_IDS must not hold a blank entry")
                .hasMessageContaining("OIDC_JWKS_URL must use https")
                .hasMessageContaining("OIDC_REQUIRED_SCOPE must be one scope token");
    }

    @Test
    void requiresAtLeastOneClientId() {
        assertThatThrownBy(() -> JwtSettings.fromEnvironment(Map.of("OIDC_ISSUER", POOL)))
                .hasMessage("Invalid JWT settings: OIDC_CLIENT_IDS must name at least one app client id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://cognito-idp.eu-west-1.amazonaws.com/pool", "http://10.0.0.1/pool",
            "http://localhost.evil.example/pool", "ftp://localhost/pool", "https://user:pw@idp.example.com/pool",
            "https://idp.example.com/pool?x=1", "https://idp.example.com/pool#f", "/relative/pool", "not a url",
            "https://idp.example.com/pool/"})
    void refusesAnIssuerThatIsNotAnHttpsUrlOrLoopbackHttp(String issuer) {
        assertThatThrownBy(() -> settings(issuer, "c"))
                .isInstanceOf(InvalidJwtSettingsException.class)
                .hasMessageStartingWith("Invalid JWT settings: issuer ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:9000/pool", "http://127.0.0.1:9000/pool", "http://[::1]:9000/pool",
            "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_x"})
    void acceptsHttpsOrLoopbackHttp(String issuer) {
        assertThat(settings(issuer, "c").issuer()).isEqualTo(issuer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "has space", "tab\t", "quote\"", "back\\slash", "naïve"})
    void refusesAScopeThatIsNotOneScopeToken(String scope) {
        assertThatThrownBy(() -> new JwtSettings(POOL, Set.of("c"), null, Optional.of(scope)))
                .hasMessageContaining("requiredScope must be one scope token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "with space", "line\nbreak"})
    void refusesAClientIdThatCannotBeInAToken(String clientId) {
        assertThatThrownBy(() -> settings(POOL, "good", clientId))
                .hasMessageContaining("clientIds must");
    }

    @Test
    void refusesAJwksUrlWithoutTls() {
        assertThatThrownBy(() -> new JwtSettings(POOL, Set.of("c"), URI.create("http://keys.example.com/jwks.json"),
                Optional.empty()))
                .hasMessageContaining("jwksUrl must use https");
    }
}
