package dev.hexatask.jwt;

import dev.hexatask.application.fixtures.SettableClock;
import dev.hexatask.application.port.out.AuthenticationResult;
import dev.hexatask.jwt.testing.TestIdentityProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token accepted once is accepted again without a second verification, but never past its {@code exp}, never once
 * its key has left the JWKS, and a token that was refused is never remembered. The forgeries of
 * {@link RejectedTokensTest} each run right after a good token was accepted and kept.
 */
class VerifiedTokenCacheTest {

    private SettableClock clock;
    private TestIdentityProvider idp;
    private CognitoAccessTokenAuthenticator authenticator;

    @BeforeEach
    void start() {
        clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        idp = TestIdentityProvider.start(clock);
        authenticator = new CognitoAccessTokenAuthenticator(idp.settings(), clock);
    }

    @AfterEach
    void stop() {
        idp.close();
    }

    @Test
    void anAcceptedTokenIsKeptAndAcceptedAgainAsTheSameUser() {
        String token = idp.authorizationHeader("sub-1", "alice");

        AuthenticationResult first = authenticator.authenticate(token);
        AuthenticationResult second = authenticator.authenticate(token);

        assertThat(first).isInstanceOf(AuthenticationResult.Authenticated.class);
        assertThat(second).isEqualTo(first);
        assertThat(authenticator.cachedTokens()).isEqualTo(1);
    }

    @Test
    void aKeptTokenIsRefusedOnceItHasExpired() {
        String token = idp.authorizationHeader("sub-1", "alice");
        assertThat(authenticator.authenticate(token)).isInstanceOf(AuthenticationResult.Authenticated.class);

        clock.advance(TestIdentityProvider.TOKEN_LIFETIME.plus(TokenPolicy.COGNITO.clockSkew()).plusSeconds(1));

        assertThat(authenticator.authenticate(token))
                .isEqualTo(new AuthenticationResult.Rejected("token failed verification: Expired JWT"));
        assertThat(authenticator.cachedTokens()).isZero();
    }

    @Test
    void aKeptTokenIsNotServedFromTheCacheAfterItsExpiry() {
        String token = idp.authorizationHeader("sub-1", "alice");
        assertThat(authenticator.authenticate(token)).isInstanceOf(AuthenticationResult.Authenticated.class);

        // Past exp but inside the clock skew: full verification accepts it again, the cache had dropped it.
        clock.advance(TestIdentityProvider.TOKEN_LIFETIME.plusSeconds(1));
        assertThat(authenticator.cachedTokens()).isEqualTo(1);
        assertThat(authenticator.authenticate(token)).isInstanceOf(AuthenticationResult.Authenticated.class);
        assertThat(authenticator.cachedTokens()).as("a token past its exp is not kept again").isZero();
    }

    @Test
    void aRefusedTokenIsNeverKept() {
        String wrongClient = idp.authorizationHeader("sub-1", "alice", c -> c.claim("client_id", "someone-else"));
        String tampered = tamperedSignature(idp.authorizationHeader("sub-1", "alice"));

        for (int i = 0; i < 2; i++) {
            assertThat(authenticator.authenticate(wrongClient)).isInstanceOf(AuthenticationResult.Rejected.class);
            assertThat(authenticator.authenticate(tampered)).isInstanceOf(AuthenticationResult.Rejected.class);
        }
        assertThat(authenticator.cachedTokens()).isZero();
    }

    @Test
    void aTokenRefusedWhileTheKeysWereUnavailableIsVerifiedInFullWhenTheyAreBack() {
        String token = idp.authorizationHeader("sub-1", "alice");
        idp.stopServing();
        assertThat(authenticator.authenticate(token)).isInstanceOf(AuthenticationResult.Rejected.class);
        assertThat(authenticator.cachedTokens()).isZero();

        idp.resume();

        assertThat(authenticator.authenticate(token)).isInstanceOf(AuthenticationResult.Authenticated.class);
        assertThat(authenticator.cachedTokens()).isEqualTo(1);
    }

    @Test
    void aKeptTokenIsRefusedOnceItsKeyIsRetiredFromTheJwks() {
        String oldKeyId = idp.signingKey().getKeyID();
        String signedWithOldKey = idp.authorizationHeader("sub-1", "alice");
        assertThat(authenticator.authenticate(signedWithOldKey)).isInstanceOf(AuthenticationResult.Authenticated.class);
        assertThat(authenticator.cachedTokens()).isEqualTo(1);

        idp.rotateKey();
        idp.retireKey(oldKeyId);
        assertThat(authenticator.authenticate(idp.authorizationHeader("sub-2", "bob")))
                .as("the new kid makes the verifier fetch the JWKS again")
                .isInstanceOf(AuthenticationResult.Authenticated.class);

        AuthenticationResult result = authenticator.authenticate(signedWithOldKey);
        assertThat(result).isInstanceOf(AuthenticationResult.Rejected.class);
        assertThat(((AuthenticationResult.Rejected) result).reason()).contains("no matching key");
    }

    @Test
    void aTokenDifferingFromAKeptOneInOneCharacterIsVerifiedInFull() {
        String token = idp.authorizationHeader("sub-1", "alice");
        assertThat(authenticator.authenticate(token)).isInstanceOf(AuthenticationResult.Authenticated.class);

        assertThat(authenticator.authenticate(tamperedSignature(token)))
                .isInstanceOf(AuthenticationResult.Rejected.class);
        assertThat(authenticator.authenticate(token + "A")).isInstanceOf(AuthenticationResult.Rejected.class);
        assertThat(authenticator.authenticate(token.replace("Bearer ", "bearer ")))
                .as("the scheme is case-insensitive; the token is the same")
                .isInstanceOf(AuthenticationResult.Authenticated.class);
    }

    @Test
    void keepsAtMostItsBoundOfTokens() {
        var small = new CognitoAccessTokenAuthenticator(idp.settings(), clock, 5);

        for (int i = 0; i < 20; i++) {
            assertThat(small.authenticate(idp.authorizationHeader("sub-" + i, "user" + i)))
                    .isInstanceOf(AuthenticationResult.Authenticated.class);
        }

        assertThat(small.cachedTokens()).isBetween(1L, 5L);
    }

    /** The token with a character in the middle of its signature changed (the last one may be padding bits). */
    private static String tamperedSignature(String header) {
        int at = header.length() - 10;
        char changed = header.charAt(at) == 'A' ? 'B' : 'A';
        return header.substring(0, at) + changed + header.substring(at + 1);
    }
}
