package dev.hexatask.secrets;

import dev.hexatask.application.fixtures.SettableClock;
import dev.hexatask.application.port.out.DatabaseCredentials;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;
import software.amazon.awssdk.services.rds.model.GenerateAuthenticationTokenRequest;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Real tokens from the SDK's RdsUtilities with static test credentials (PostgreSQL itself would not take them). */
class RdsIamAuthTokensTest {

    private static final String HOST = "hexatask-prod.proxy-abcdefghijkl.eu-west-1.rds.amazonaws.com";
    private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";

    private final SettableClock clock = SettableClock.at("2026-11-25T12:00:00Z");
    private final AtomicReference<String> user = new AtomicReference<>("hexatask_app");
    private final AtomicReference<String> userAfterRefresh = new AtomicReference<>("hexatask_app");
    private final List<GenerateAuthenticationTokenRequest> generated = new ArrayList<>();
    private final RdsUtilities real = RdsUtilities.builder().region(Region.EU_WEST_1)
            .credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ACCESS_KEY, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")))
            .build();
    private final RdsUtilities counting = new RdsUtilities() {
        @Override
        public String generateAuthenticationToken(GenerateAuthenticationTokenRequest request) {
            generated.add(request);
            return real.generateAuthenticationToken(request);
        }
    };
    private final DatabaseCredentials users = new DatabaseCredentials() {
        @Override
        public Credentials current() {
            return new Credentials(user.get(), "the-secret's-password-is-never-sent");
        }

        @Override
        public Credentials refresh() {
            user.set(userAfterRefresh.get());
            return current();
        }
    };
    private final RdsIamAuthTokens tokens = new RdsIamAuthTokens(counting, HOST, 5432, users, clock);

    @Test
    void theTokenIsASigV4PresignedConnectRequestForTheProxyAndTheSecretsUser() {
        var credentials = tokens.current();
        assertThat(credentials.username()).isEqualTo("hexatask_app");
        var token = credentials.password();
        assertThat(token).startsWith(HOST + ":5432/?").doesNotContain("never-sent");

        var query = query(token);
        assertThat(query).containsEntry("Action", "connect")
                .containsEntry("DBUser", "hexatask_app")
                .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
                .containsEntry("X-Amz-Expires", String.valueOf(RdsIamAuthTokens.TOKEN_LIFETIME.toSeconds()))
                .containsKeys("X-Amz-Date", "X-Amz-Signature");
        assertThat(query.get("X-Amz-Credential")).startsWith(ACCESS_KEY + "/").endsWith("/eu-west-1/rds-db/aws4_request");
        assertThat(query.get("X-Amz-Signature")).matches("[0-9a-f]{64}");
    }

    @Test
    void aTokenIsReusedUntilTenMinutesThenANewOneIsMadeWellBeforeItsFifteenMinuteExpiry() {
        var first = tokens.current().password();
        clock.advance(RdsIamAuthTokens.REFRESH_AFTER.minusSeconds(1));
        assertThat(tokens.current().password()).isSameAs(first);
        assertThat(generated).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        tokens.current();
        assertThat(generated).hasSize(2);
        assertThat(RdsIamAuthTokens.REFRESH_AFTER).isLessThan(RdsIamAuthTokens.TOKEN_LIFETIME.minusMinutes(4));
    }

    @Test
    void aRefusedSignInGetsANewTokenForTheUserTheSecretNowNames() {
        tokens.current();
        userAfterRefresh.set("hexatask_app_clone");

        var refreshed = tokens.refresh();
        assertThat(refreshed.username()).isEqualTo("hexatask_app_clone");
        assertThat(query(refreshed.password())).containsEntry("DBUser", "hexatask_app_clone");
        assertThat(generated).hasSize(2);
        assertThat(generated.getLast().username()).isEqualTo("hexatask_app_clone");
        assertThat(generated.getLast().hostname()).isEqualTo(HOST);
        assertThat(generated.getLast().port()).isEqualTo(5432);
    }

    @Test
    void aNewUserInTheSecretGetsItsOwnTokenAtOnce() {
        tokens.current();
        user.set("hexatask_app_clone");
        assertThat(tokens.current().username()).isEqualTo("hexatask_app_clone");
        assertThat(generated).hasSize(2);
    }

    @Test
    void theUrlVerifiesTheProxysCertificateAndHostNameAgainstTheJdksRootsAndNeverHoldsTheToken() {
        var url = tokens.jdbcUrl("hexatask");
        assertThat(url).isEqualTo("jdbc:postgresql://" + HOST + ":5432/hexatask"
                + "?sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory");
        assertThat(tokens.toString()).doesNotContain("X-Amz");
    }

    private static Map<String, String> query(String token) {
        var parameters = new LinkedHashMap<String, String>();
        for (var pair : URI.create("https://" + token).getRawQuery().split("&")) {
            var at = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, at), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
