package dev.hexatask.jwt;

import com.nimbusds.jose.JWSAlgorithm;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How strictly tokens are checked beyond what a deployment configures: the clock skew tolerated and the signature
 * algorithms accepted. Not configuration: every deployment uses {@link #COGNITO} (Cognito signs with RS256). Tests
 * of the verifier vary it through {@link CognitoAccessTokenAuthenticator}'s package-private constructor.
 *
 * @param clockSkew  the tolerance for {@code exp}, {@code nbf} and {@code iat}, whole seconds, at most 5 minutes
 * @param algorithms the asymmetric JWS algorithms accepted
 */
record TokenPolicy(Duration clockSkew, Set<JWSAlgorithm> algorithms) {

    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    /** RSA PKCS#1, RSA-PSS and ECDSA: a public key can only verify, so a leaked JWKS cannot mint tokens. */
    static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    /** A minute of skew, RS256 only. */
    static final TokenPolicy COGNITO = new TokenPolicy(Duration.ofSeconds(60), Set.of(JWSAlgorithm.RS256));

    TokenPolicy {
        if (clockSkew == null || clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0
                || clockSkew.getNano() != 0) {
            throw new IllegalArgumentException("clockSkew must be a whole number of seconds between 0 and "
                    + MAX_CLOCK_SKEW.toSeconds() + ", was " + (clockSkew == null ? "null" : clockSkew.toMillis()
                    + " ms"));
        }
        if (algorithms == null || algorithms.isEmpty()) {
            throw new IllegalArgumentException("algorithms must name at least one signature algorithm");
        }
        for (JWSAlgorithm algorithm : algorithms) {
            if (algorithm == null || !ASYMMETRIC.contains(algorithm)) {
                throw new IllegalArgumentException("algorithms may only hold asymmetric algorithms ("
                        + ASYMMETRIC.stream().map(JWSAlgorithm::getName).sorted().collect(Collectors.joining(", "))
                        + "), not " + (algorithm == null ? "null" : algorithm.getName()));
            }
        }
        algorithms = Set.copyOf(algorithms.stream().filter(Objects::nonNull).collect(Collectors.toSet()));
    }
}
