package dev.hexatask.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenPolicyTest {

    private static final Duration MINUTE = Duration.ofSeconds(60);

    private static Set<JWSAlgorithm> algorithms(String... names) {
        return Arrays.stream(names).map(JWSAlgorithm::parse).collect(Collectors.toSet());
    }

    @Test
    void everyDeploymentAcceptsRs256WithAMinuteOfSkew() {
        assertThat(TokenPolicy.COGNITO.algorithms()).containsExactly(JWSAlgorithm.RS256);
        assertThat(TokenPolicy.COGNITO.clockSkew()).isEqualTo(MINUTE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS512", "none", "EdDSA", "RSA-OAEP-256"})
    void refusesSymmetricUnsignedAndUnknownAlgorithms(String algorithm) {
        assertThatThrownBy(() -> new TokenPolicy(MINUTE, algorithms("RS256", algorithm)))
                .hasMessageContaining("algorithms may only hold asymmetric algorithms")
                .hasMessageContaining("not " + algorithm);
    }

    @Test
    void acceptsEveryRsaPssAndEcdsaAlgorithm() {
        TokenPolicy policy = new TokenPolicy(MINUTE,
                algorithms("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"));

        assertThat(policy.algorithms()).isEqualTo(TokenPolicy.ASYMMETRIC);
    }

    @Test
    void refusesAnEmptyAlgorithmList() {
        assertThatThrownBy(() -> new TokenPolicy(MINUTE, Set.of()))
                .hasMessageContaining("algorithms must name at least one");
    }

    @Test
    void boundsTheClockSkew() {
        assertThat(new TokenPolicy(Duration.ZERO, algorithms("RS256")).clockSkew()).isZero();
        assertThat(new TokenPolicy(Duration.ofMinutes(5), algorithms("RS256")).clockSkew())
                .isEqualTo(Duration.ofSeconds(300));
        for (Duration bad : new Duration[] {Duration.ofSeconds(301), Duration.ofSeconds(-1), Duration.ofMillis(1500),
                null}) {
            assertThatThrownBy(() -> new TokenPolicy(bad, algorithms("RS256")))
                    .as(String.valueOf(bad)).hasMessageContaining("clockSkew");
        }
    }
}
