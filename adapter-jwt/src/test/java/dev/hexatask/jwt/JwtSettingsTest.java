package dev.hexatask.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtSettingsTest {

    private static final String POOL = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123";

    @Test
    void defaultsToTheIssuersJwksRs256AndAMinuteOfSkew() {
        JwtSettings settings = JwtSettings.forIssuer(POOL).clientIds("client-a").build();

        assertThat(settings.jwksUrl()).isEqualTo(URI.create(POOL + "/.well-known/jwks.json"));
        assertThat(settings.algorithms()).containsExactly(JWSAlgorithm.RS256);
        assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(60));
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
                URI.create("https://keys.example.com/jwks.json"), Optional.of("hexatask/api"),
                Duration.ofSeconds(60), Set.of(JWSAlgorithm.RS256)));
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
        assertThatThrownBy(() -> JwtSettings.forIssuer(issuer).clientIds("c").build())
                .isInstanceOf(InvalidJwtSettingsException.class)
                .hasMessageStartingWith("Invalid JWT settings: issuer ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:9000/pool", "http://127.0.0.1:9000/pool", "http://[::1]:9000/pool",
            "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_x"})
    void acceptsHttpsOrLoopbackHttp(String issuer) {
        assertThat(JwtSettings.forIssuer(issuer).clientIds("c").build().issuer()).isEqualTo(issuer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS512", "none", "EdDSA", "RSA-OAEP-256"})
    void refusesSymmetricUnsignedAndUnknownAlgorithms(String algorithm) {
        assertThatThrownBy(() -> JwtSettings.forIssuer(POOL).clientIds("c").algorithms("RS256", algorithm).build())
                .hasMessageContaining("algorithms may only hold asymmetric algorithms")
                .hasMessageContaining("not " + algorithm);
    }

    @Test
    void acceptsEveryRsaPssAndEcdsaAlgorithm() {
        JwtSettings settings = JwtSettings.forIssuer(POOL).clientIds("c")
                .algorithms("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512").build();

        assertThat(settings.algorithms()).isEqualTo(JwtSettings.ALLOWED_ALGORITHMS);
    }

    @Test
    void refusesAnEmptyAlgorithmList() {
        assertThatThrownBy(() -> JwtSettings.forIssuer(POOL).clientIds("c").algorithms().build())
                .hasMessageContaining("algorithms must name at least one");
    }

    @Test
    void boundsTheClockSkew() {
        assertThat(JwtSettings.forIssuer(POOL).clientIds("c").clockSkew(Duration.ZERO).build().clockSkew())
                .isZero();
        assertThat(JwtSettings.forIssuer(POOL).clientIds("c").clockSkew(Duration.ofMinutes(5)).build().clockSkew())
                .isEqualTo(Duration.ofSeconds(300));
        for (Duration bad : new Duration[] {Duration.ofSeconds(301), Duration.ofSeconds(-1), Duration.ofMillis(1500),
                null}) {
            assertThatThrownBy(() -> JwtSettings.forIssuer(POOL).clientIds("c").clockSkew(bad).build())
                    .as(String.valueOf(bad)).hasMessageContaining("clockSkew");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "has space", "tab\t", "quote\"", "back\\slash", "naïve"})
    void refusesAScopeThatIsNotOneScopeToken(String scope) {
        assertThatThrownBy(() -> JwtSettings.forIssuer(POOL).clientIds("c").requiredScope(scope).build())
                .hasMessageContaining("requiredScope must be one scope token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "with space", "line\nbreak"})
    void refusesAClientIdThatCannotBeInAToken(String clientId) {
        assertThatThrownBy(() -> JwtSettings.forIssuer(POOL).clientIds("good", clientId).build())
                .hasMessageContaining("clientIds must");
    }

    @Test
    void refusesAJwksUrlWithoutTls() {
        assertThatThrownBy(() -> JwtSettings.forIssuer(POOL).clientIds("c")
                .jwksUrl(URI.create("http://keys.example.com/jwks.json")).build())
                .hasMessageContaining("jwksUrl must use https");
    }
}
