package dev.hexatask.javalin.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.hexatask.application.port.out.AuthenticationResult;
import dev.hexatask.jwt.CognitoAccessTokenAuthenticator;
import dev.hexatask.jwt.JwtSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local provider's tokens have Amazon Cognito's shapes, so that the API accepts its access tokens and refuses
 * its ID tokens as it would in AWS: an app that sends the wrong one fails on a laptop, not first in AWS.
 */
class LocalIdentityProviderTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration LIFETIME = Duration.ofSeconds(90);

    @TempDir
    static Path keys;

    private static LocalIdentityProvider provider;
    private static CognitoAccessTokenAuthenticator api;

    @BeforeAll
    static void start() throws Exception {
        provider = LocalIdentityProvider.start(0, keys.resolve("signing-key.json"), LIFETIME);
        api = new CognitoAccessTokenAuthenticator(JwtSettings.fromEnvironment(Map.of(
                JwtSettings.ENV_ISSUER, provider.issuer(),
                JwtSettings.ENV_CLIENT_IDS, LocalIdentityProvider.CLIENT_ID,
                JwtSettings.ENV_JWKS_URL, provider.jwksUrl(),
                JwtSettings.ENV_REQUIRED_SCOPE, "hexatask/api")));
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void signInOnceGoesThroughEveryStepOfTheWebAppsSignIn() throws Exception {
        try (LocalIdentityProvider fresh = LocalIdentityProvider.start(0, keys.resolve("fresh-key.json"), LIFETIME)) {
            assertThat(fresh.nextRequestLine(Duration.ZERO)).as("nothing before").isNull();
            fresh.signInOnce();
            String issuerPath = URI.create(fresh.issuer()).getPath();
            assertThat(fresh.nextRequestLine(Duration.ZERO))
                    .isEqualTo("GET " + issuerPath + "/.well-known/openid-configuration HTTP/1.1");
            assertThat(fresh.nextRequestLine(Duration.ZERO))
                    .startsWith("GET " + issuerPath + "/authorize?response_type=code&client_id=hexatask-local&");
            assertThat(fresh.nextRequestLine(Duration.ZERO))
                    .startsWith("POST " + issuerPath + "/authorize?response_type=code&client_id=hexatask-local&");
            assertThat(fresh.nextRequestLine(Duration.ZERO)).isEqualTo("POST " + issuerPath + "/token HTTP/1.1");
            assertThat(fresh.nextRequestLine(Duration.ofMillis(200))).as("nothing after").isNull();
        }
    }

    @Test
    void theAccessTokenHasCognitosAccessTokenShapeAndTheApiAcceptsIt() throws Exception {
        JsonNode tokens = tokens("grant_type=password&username=alice&password=local");
        JWTClaimsSet access = claims(tokens.path("access_token").asText());

        assertThat(access.getStringClaim("token_use")).isEqualTo("access");
        assertThat(access.getStringClaim("client_id")).isEqualTo(LocalIdentityProvider.CLIENT_ID);
        assertThat(access.getStringClaim("scope")).contains("hexatask/api");
        assertThat(access.getStringClaim("username")).isEqualTo("alice");
        assertThat(access.getSubject()).isEqualTo("alice");
        assertThat(access.getAudience()).isEmpty();
        assertThat(api.authenticate("Bearer " + tokens.path("access_token").asText()))
                .isInstanceOf(AuthenticationResult.Authenticated.class);
    }

    @Test
    void theIdTokenHasCognitosIdTokenShapeAndTheApiRefusesIt() throws Exception {
        JsonNode tokens = tokens("grant_type=password&username=alice&password=local");
        JWTClaimsSet id = claims(tokens.path("id_token").asText());

        assertThat(id.getStringClaim("token_use")).isEqualTo("id");
        assertThat(id.getAudience()).containsExactly(LocalIdentityProvider.CLIENT_ID);
        assertThat(id.getStringClaim("cognito:username")).isEqualTo("alice");
        assertThat(id.getClaims()).doesNotContainKeys("scope", "client_id", "username");
        assertThat(api.authenticate("Bearer " + tokens.path("id_token").asText()))
                .isInstanceOf(AuthenticationResult.Rejected.class);
    }

    @Test
    void theBrowsersSignInGivesBothShapesAndARenewalKeepsThem() throws Exception {
        JsonNode signedIn = signInAtTheLoginPage("bob");
        assertThat(claims(signedIn.path("access_token").asText()).getStringClaim("token_use")).isEqualTo("access");
        assertThat(claims(signedIn.path("id_token").asText()).getStringClaim("token_use")).isEqualTo("id");
        String refreshToken = signedIn.path("refresh_token").asText();
        assertThat(refreshToken).isNotEmpty();

        JsonNode renewed = tokens("grant_type=refresh_token&refresh_token="
                + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8));
        JWTClaimsSet access = claims(renewed.path("access_token").asText());

        assertThat(access.getStringClaim("token_use")).isEqualTo("access");
        assertThat(access.getSubject()).isEqualTo("bob");
        assertThat(api.authenticate("Bearer " + renewed.path("access_token").asText()))
                .isInstanceOf(AuthenticationResult.Authenticated.class);
        assertThat(api.authenticate("Bearer " + renewed.path("id_token").asText()))
                .isInstanceOf(AuthenticationResult.Rejected.class);
    }

    @Test
    void everyTokenLastsTheConfiguredLifetime() throws Exception {
        JsonNode signedIn = signInAtTheLoginPage("carol");
        JsonNode renewed = tokens("grant_type=refresh_token&refresh_token="
                + URLEncoder.encode(signedIn.path("refresh_token").asText(), StandardCharsets.UTF_8));
        for (JsonNode answer : new JsonNode[] {signedIn, renewed}) {
            // Counted from the answer's own clock reading, so a second may have passed.
            assertThat(answer.path("expires_in").asLong()).isBetween(LIFETIME.toSeconds() - 2, LIFETIME.toSeconds());
            for (String token : new String[] {answer.path("access_token").asText(), answer.path("id_token").asText()}) {
                JWTClaimsSet claims = claims(token);
                assertThat(claims.getExpirationTime().toInstant().getEpochSecond()
                        - claims.getIssueTime().toInstant().getEpochSecond()).isEqualTo(LIFETIME.toSeconds());
            }
        }
    }

    /** The authorization-code flow with PKCE, as the web app runs it: the login page's form, then the code. */
    private static JsonNode signInAtTheLoginPage(String username) throws Exception {
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27,
                28, 29, 30, 31, 32});
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = "http://localhost:5173/";
        URI authorize = URI.create(provider.issuer() + "/authorize?response_type=code&client_id="
                + LocalIdentityProvider.CLIENT_ID + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode(LocalIdentityProvider.SCOPE, StandardCharsets.UTF_8)
                + "&state=s1&nonce=n1&code_challenge=" + challenge + "&code_challenge_method=S256");
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(authorize).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("name=\"username\"");
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(authorize)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username)).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = login.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                "the login page answered " + login.statusCode() + " with no redirect"));
        assertThat(location).startsWith(redirect);
        String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");
        return tokens("grant_type=authorization_code&code=" + code + "&redirect_uri="
                + URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&code_verifier=" + verifier);
    }

    private static JsonNode tokens(String grant) throws Exception {
        String form = grant + "&client_id=" + LocalIdentityProvider.CLIENT_ID + "&scope="
                + URLEncoder.encode(LocalIdentityProvider.SCOPE, StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(provider.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private static JWTClaimsSet claims(String token) throws Exception {
        assertThat(token).isNotEmpty();
        return SignedJWT.parse(token).getJWTClaimsSet();
    }
}
