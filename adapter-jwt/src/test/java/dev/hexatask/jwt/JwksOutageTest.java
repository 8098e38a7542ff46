package dev.hexatask.jwt;

import dev.hexatask.application.port.out.AuthenticationResult;
import dev.hexatask.jwt.testing.TestIdentityProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An identity provider whose key endpoint is down never lets a token in, and is used again once it is back. */
class JwksOutageTest {

    private TestIdentityProvider idp;

    @BeforeEach
    void start() {
        idp = TestIdentityProvider.start();
    }

    @AfterEach
    void stop() {
        idp.close();
    }

    @Test
    void failsClosedWhileTheEndpointRefusesConnectionsAndRecoversWhenItIsBack() {
        var authenticator = new CognitoAccessTokenAuthenticator(idp.settings());
        String token = idp.authorizationHeader("sub-1", "alice");
        idp.stopServing();

        AuthenticationResult whileDown = authenticator.authenticate(token);

        assertThat(whileDown).isInstanceOf(AuthenticationResult.Rejected.class);
        assertThat(((AuthenticationResult.Rejected) whileDown).reason()).startsWith("signing keys unavailable");

        idp.resume();

        assertThat(authenticator.authenticate(token)).isInstanceOf(AuthenticationResult.Authenticated.class);
    }

    @Test
    void failsClosedOnAnErrorStatusAfterOneRetryAndRecovers() {
        var authenticator = new CognitoAccessTokenAuthenticator(idp.settings());
        String token = idp.authorizationHeader("sub-1", "alice");
        idp.failJwksRequests(true);

        assertThat(authenticator.authenticate(token)).isInstanceOf(AuthenticationResult.Rejected.class);
        assertThat(idp.jwksRequestCount()).as("the first try and one retry").isEqualTo(2);

        idp.failJwksRequests(false);

        assertThat(authenticator.authenticate(token)).isInstanceOf(AuthenticationResult.Authenticated.class);
    }

    @Test
    void neverAcceptsAKeyItHasNotSeenWhileTheEndpointIsDown() {
        var authenticator = new CognitoAccessTokenAuthenticator(idp.settings());
        assertThat(authenticator.authenticate(idp.authorizationHeader("sub-1", "alice")))
                .isInstanceOf(AuthenticationResult.Authenticated.class);
        idp.rotateKey();
        idp.stopServing();

        assertThat(authenticator.authenticate(idp.authorizationHeader("sub-1", "alice")))
                .isInstanceOf(AuthenticationResult.Rejected.class);
    }
}
