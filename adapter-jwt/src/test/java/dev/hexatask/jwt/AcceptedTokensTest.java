package dev.hexatask.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.hexatask.application.port.out.AuthenticatedUser;
import dev.hexatask.application.port.out.AuthenticationResult;
import dev.hexatask.domain.user.UserId;
import dev.hexatask.jwt.testing.TestIdentityProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens that must get through, and what the caller then looks like. */
class AcceptedTokensTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private TestIdentityProvider idp;

    @BeforeEach
    void start() {
        idp = TestIdentityProvider.start(CLOCK);
    }

    @AfterEach
    void stop() {
        idp.close();
    }

    @Test
    void mapsTheClaimsOfACognitoAccessToken() {
        var authenticator = new CognitoAccessTokenAuthenticator(idp.settings(), CLOCK);

        AuthenticatedUser user = authenticated(authenticator.authenticate(idp.authorizationHeader("sub-1", "alice",
                c -> c.claim("email", "alice@example.com").claim("cognito:groups", List.of("admins", "staff")))));

        assertThat(user).isEqualTo(new AuthenticatedUser(UserId.of("sub-1"), "alice",
                Optional.of("alice@example.com"), Set.of("admins", "staff"),
                Set.of("openid", "email", "profile", "hexatask/api")));
    }

    @Test
    void takesCognitoUsernameWhenThereIsNoUsernameAndLeavesAbsentClaimsEmpty() {
        var authenticator = new CognitoAccessTokenAuthenticator(idp.settings(), CLOCK);

        AuthenticatedUser user = authenticated(authenticator.authenticate(idp.authorizationHeader("sub-2", "ignored",
                c -> c.claim("username", null).claim("cognito:username", "bob").claim("scope", null))));

        assertThat(user.username()).isEqualTo("bob");
        assertThat(user.email()).isEmpty();
        assertThat(user.groups()).isEmpty();
        assertThat(user.scopes()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer ", "bearer ", "BEARER ", "bEaReR "})
    void readsTheSchemeWithoutRegardToCase(String scheme) {
        var authenticator = new CognitoAccessTokenAuthenticator(idp.settings(), CLOCK);

        assertThat(authenticator.authenticate(scheme + idp.accessToken("sub-1", "alice")))
                .isInstanceOf(AuthenticationResult.Authenticated.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "at+jwt"})
    void acceptsTheTypesAnAccessTokenMayDeclare(String type) {
        var authenticator = new CognitoAccessTokenAuthenticator(idp.settings(), CLOCK);
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(idp.signingKey().getKeyID())
                .type(new JOSEObjectType(type)).build();

        assertThat(authenticator.authenticate("Bearer " + idp.sign(header, idp.claims("sub-1", "alice").build())))
                .isInstanceOf(AuthenticationResult.Authenticated.class);
    }

    @Test
    void fetchesTheJwksOnceForManyTokens() {
        var authenticator = new CognitoAccessTokenAuthenticator(idp.settings(), CLOCK);

        for (int i = 0; i < 25; i++) {
            assertThat(authenticator.authenticate(idp.authorizationHeader("sub-" + i, "user" + i)))
                    .isInstanceOf(AuthenticationResult.Authenticated.class);
        }

        assertThat(idp.jwksRequestCount()).isEqualTo(1);
    }

    @Test
    void picksUpARotatedKeyWhoseKidIsNotCachedYet() {
        var authenticator = new CognitoAccessTokenAuthenticator(idp.settings(), CLOCK);
        String signedWithOldKey = idp.authorizationHeader("sub-1", "alice");
        assertThat(authenticator.authenticate(signedWithOldKey)).isInstanceOf(AuthenticationResult.Authenticated.class);

        idp.rotateKey();
        String signedWithNewKey = idp.authorizationHeader("sub-1", "alice");

        assertThat(authenticator.authenticate(signedWithNewKey)).isInstanceOf(AuthenticationResult.Authenticated.class);
        assertThat(authenticator.authenticate(signedWithOldKey)).isInstanceOf(AuthenticationResult.Authenticated.class);
        assertThat(idp.jwksRequestCount()).as("one refresh for the unknown kid").isEqualTo(2);
    }

    @Test
    void stopsAcceptingARetiredKeyOnceTheJwksIsFetchedAgain() {
        var authenticator = new CognitoAccessTokenAuthenticator(idp.settings(), CLOCK);
        String oldKeyId = idp.signingKey().getKeyID();
        String signedWithOldKey = idp.authorizationHeader("sub-1", "alice");
        assertThat(authenticator.authenticate(signedWithOldKey)).isInstanceOf(AuthenticationResult.Authenticated.class);

        idp.rotateKey();
        idp.retireKey(oldKeyId);
        assertThat(authenticator.authenticate(idp.authorizationHeader("sub-1", "alice")))
                .as("the new kid makes the verifier fetch the JWKS again")
                .isInstanceOf(AuthenticationResult.Authenticated.class);

        assertThat(authenticator.authenticate(signedWithOldKey)).isInstanceOf(AuthenticationResult.Rejected.class);
    }

    @Nested
    class RequiredScope {

        @Test
        void acceptsATokenThatCarriesIt() {
            var authenticator = new CognitoAccessTokenAuthenticator(
                    idp.settingsRequiring("hexatask/api"), CLOCK);

            assertThat(authenticator.authenticate(idp.authorizationHeader("sub-1", "alice",
                    c -> c.claim("scope", "openid hexatask/api"))))
                    .isInstanceOf(AuthenticationResult.Authenticated.class);
        }

        @Test
        void rejectsATokenWithoutItOrWithOnlyALookAlike() {
            var authenticator = new CognitoAccessTokenAuthenticator(
                    idp.settingsRequiring("hexatask/api"), CLOCK);

            for (String scope : new String[] {"openid email", "hexatask/api2", "hexatask/ap", "HEXATASK/API",
                    "hexatask/api,openid", ""}) {
                assertThat(authenticator.authenticate(idp.authorizationHeader("sub-1", "alice",
                        c -> c.claim("scope", scope))))
                        .as(scope).isEqualTo(new AuthenticationResult.Rejected(
                                "token failed verification: JWT lacks the required scope hexatask/api"));
            }
            assertThat(authenticator.authenticate(idp.authorizationHeader("sub-1", "alice",
                    c -> c.claim("scope", null)))).isInstanceOf(AuthenticationResult.Rejected.class);
        }
    }

    /** The library's and our own comparisons at the exact edges of the skew, with the default 60 s. */
    @Nested
    class ClockSkew {

        @Test
        void toleratesAnExpiryUpToTheSkewInThePast() {
            var authenticator = new CognitoAccessTokenAuthenticator(idp.settings(), CLOCK);

            assertThat(authenticator.authenticate(token(c -> c.expirationTime(at(-59)))))
                    .isInstanceOf(AuthenticationResult.Authenticated.class);
            assertThat(authenticator.authenticate(token(c -> c.expirationTime(at(-60)))))
                    .isEqualTo(new AuthenticationResult.Rejected("token failed verification: Expired JWT"));
        }

        @Test
        void toleratesANotBeforeUpToTheSkewInTheFuture() {
            var authenticator = new CognitoAccessTokenAuthenticator(idp.settings(), CLOCK);

            assertThat(authenticator.authenticate(token(c -> c.notBeforeTime(at(59)))))
                    .isInstanceOf(AuthenticationResult.Authenticated.class);
            assertThat(authenticator.authenticate(token(c -> c.notBeforeTime(at(60)))))
                    .isEqualTo(new AuthenticationResult.Rejected("token failed verification: JWT before use time"));
        }

        @Test
        void toleratesAnIssueTimeUpToTheSkewInTheFuture() {
            var authenticator = new CognitoAccessTokenAuthenticator(idp.settings(), CLOCK);

            assertThat(authenticator.authenticate(token(c -> c.issueTime(at(60)))))
                    .isInstanceOf(AuthenticationResult.Authenticated.class);
            assertThat(authenticator.authenticate(token(c -> c.issueTime(at(61)))))
                    .isEqualTo(new AuthenticationResult.Rejected(
                            "token failed verification: JWT issued in the future"));
        }

        @Test
        void appliesAConfiguredSkew() {
            var strict = new CognitoAccessTokenAuthenticator(idp.settings(), CLOCK,
                    new TokenPolicy(Duration.ZERO, Set.of(JWSAlgorithm.RS256)));
            var lenient = new CognitoAccessTokenAuthenticator(idp.settings(), CLOCK,
                    new TokenPolicy(Duration.ofMinutes(5), Set.of(JWSAlgorithm.RS256)));

            assertThat(strict.authenticate(token(c -> c.expirationTime(at(1)))))
                    .isInstanceOf(AuthenticationResult.Authenticated.class);
            assertThat(strict.authenticate(token(c -> c.expirationTime(at(0)))))
                    .isInstanceOf(AuthenticationResult.Rejected.class);
            assertThat(lenient.authenticate(token(c -> c.expirationTime(at(-299)))))
                    .isInstanceOf(AuthenticationResult.Authenticated.class);
            assertThat(lenient.authenticate(token(c -> c.expirationTime(at(-300)))))
                    .isInstanceOf(AuthenticationResult.Rejected.class);
        }

        private String token(Consumer<JWTClaimsSet.Builder> change) {
            return idp.authorizationHeader("sub-1", "alice", change);
        }

        private Date at(long secondsFromNow) {
            return Date.from(NOW.plusSeconds(secondsFromNow));
        }
    }

    @Nested
    class Algorithms {

        @Test
        void acceptsEs256WhenAllowedAndOnlyThen() throws JOSEException {
            ECKey ecKey = new ECKeyGenerator(Curve.P_256).keyID("ec-1").keyUse(KeyUse.SIGNATURE).generate();
            idp.useSigningKey(ecKey);
            String token = idp.authorizationHeader("sub-1", "alice");

            var ecAllowed = new CognitoAccessTokenAuthenticator(idp.settings(), CLOCK,
                    new TokenPolicy(Duration.ofSeconds(60), Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256)));
            var rsaOnly = new CognitoAccessTokenAuthenticator(idp.settings(), CLOCK);

            assertThat(ecAllowed.authenticate(token)).isInstanceOf(AuthenticationResult.Authenticated.class);
            assertThat(rsaOnly.authenticate(token)).isInstanceOf(AuthenticationResult.Rejected.class);
        }

        @Test
        void acceptsPs256WhenAllowed() throws JOSEException {
            // A JWKS entry without "alg" may sign with any algorithm of its key type.
            idp.useSigningKey(new RSAKeyGenerator(2048).keyID("ps-1").keyUse(KeyUse.SIGNATURE).generate());
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.PS256).keyID("ps-1").build();
            String token = "Bearer " + idp.sign(header, idp.claims("sub-1", "alice").build());

            var psAllowed = new CognitoAccessTokenAuthenticator(idp.settings(), CLOCK,
                    new TokenPolicy(Duration.ofSeconds(60), Set.of(JWSAlgorithm.PS256)));

            assertThat(psAllowed.authenticate(token)).isInstanceOf(AuthenticationResult.Authenticated.class);
            assertThat(new CognitoAccessTokenAuthenticator(idp.settings(), CLOCK).authenticate(token))
                    .isInstanceOf(AuthenticationResult.Rejected.class);
        }
    }

    private static AuthenticatedUser authenticated(AuthenticationResult result) {
        assertThat(result).isInstanceOf(AuthenticationResult.Authenticated.class);
        return ((AuthenticationResult.Authenticated) result).user();
    }
}
