package dev.hexatask.jwt;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hexatask.application.port.out.AuthenticationResult;
import dev.hexatask.jwt.testing.TestIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every string of the Big List of Naughty Strings, as the whole header, as the token after the scheme, and in
 * place of each segment of a real token: all are refused, without a throw and without quoting themselves.
 */
class NaughtyStringsTest {

    private static TestIdentityProvider idp;
    private static CognitoAccessTokenAuthenticator authenticator;
    private static List<String> naughtyStrings;

    @BeforeAll
    static void start() throws IOException {
        idp = TestIdentityProvider.start();
        authenticator = new CognitoAccessTokenAuthenticator(idp.settings());
        naughtyStrings = List.of(new ObjectMapper().readValue(blns().toFile(), String[].class));
        assertThat(naughtyStrings).hasSizeGreaterThan(500);
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    @Test
    void refusesEachAsTheHeaderAndAsTheToken() {
        List<String> headers = new ArrayList<>();
        String[] real = idp.accessToken("sub-1", "alice").split("\\.");
        for (String naughty : naughtyStrings) {
            headers.add(naughty);
            headers.add("Bearer " + naughty);
            headers.add("Bearer " + naughty + "." + real[1] + "." + real[2]);
            headers.add("Bearer " + real[0] + "." + naughty + "." + real[2]);
            headers.add("Bearer " + real[0] + "." + real[1] + "." + naughty);
            headers.add("Bearer " + real[0] + "." + Tokens.encode(naughty) + "." + real[2]);
            headers.add("Bearer " + Tokens.encode(naughty) + "." + real[1] + "." + real[2]);
        }

        for (String header : headers) {
            AuthenticationResult result = authenticator.authenticate(header);

            assertThat(result).as(header).isInstanceOf(AuthenticationResult.Rejected.class);
            String reason = ((AuthenticationResult.Rejected) result).reason();
            assertThat(reason).as(header).isNotBlank().doesNotContain(real[2]).doesNotContain("unexpected");
            assertThat(reason.codePoints().noneMatch(Character::isISOControl)).as(header).isTrue();
        }
    }

    @Test
    void handlesEachAsTheUserClaimsOfAGenuineToken() {
        for (String naughty : naughtyStrings) {
            AuthenticationResult result = authenticator.authenticate(idp.authorizationHeader(naughty, naughty,
                    claims -> claims.claim("email", naughty).claim("cognito:groups", List.of(naughty))));

            switch (result) {
                case AuthenticationResult.Authenticated authenticated -> {
                    assertThat(authenticated.user().id().value()).as(naughty).isEqualTo(naughty);
                    assertThat(authenticated.user().username()).as(naughty).isEqualTo(naughty);
                    assertThat(authenticated.user().groups()).as(naughty).containsExactly(naughty);
                }
                case AuthenticationResult.Rejected rejected -> assertThat(rejected.reason()).as(naughty)
                        .isIn("token sub is not a valid user id", "token has no usable username claim");
            }
        }
    }

    /** The shared data folder sits beside the repository, both in a developer's checkout and in CI. */
    private static Path blns() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/blns.json");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/data/blns.json not found above " + Path.of("").toAbsolutePath());
    }
}
