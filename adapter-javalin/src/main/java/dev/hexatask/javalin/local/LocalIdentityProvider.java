package dev.hexatask.javalin.local;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.http.OAuth2HttpServer;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import no.nav.security.mock.oauth2.token.RequestMapping;
import no.nav.security.mock.oauth2.token.RequestMappingTokenCallback;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A local OpenID Connect provider (mock-oauth2-server) that signs in any user name typed at its login page and
 * issues access tokens in Amazon Cognito's shape, so that the API checks them with the same code as in AWS:
 * {@code iss}, {@code sub}, {@code token_use=access}, {@code client_id}, {@code scope} with {@code hexatask/api},
 * {@code username}. Its ID tokens have Cognito's ID-token shape ({@link CognitoShapedIdTokens}), so the API refuses
 * them here as in AWS. Discovery is at {@code <issuer>/.well-known/openid-configuration}, the keys at
 * {@code <issuer>/jwks}. Its RSA key is kept in a file, so tokens stay valid across restarts.
 */
final class LocalIdentityProvider implements AutoCloseable {

    static final String ISSUER_ID = "hexatask";
    static final String CLIENT_ID = "hexatask-local";
    static final String SCOPE = "openid email profile hexatask/api";
    /** How long its tokens last unless {@code HEXATASK_LOCAL_TOKEN_LIFETIME} says otherwise. */
    static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(8);
    /** How long each answer of the warm-up may take: far more than it needs, even on a loaded machine. */
    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(90);
    /** Where the warm-up's authorization request says it would return; nothing is sent there. */
    private static final String WARM_UP_REDIRECT = "http://localhost/";

    private final MockOAuth2Server server;
    private final MockWebServerWrapper http;

    private LocalIdentityProvider(MockOAuth2Server server, MockWebServerWrapper http) {
        this.server = server;
        this.http = http;
    }

    /** Starts on {@code port} (0: any free one); its access and ID tokens expire {@code tokenLifetime} after issue. */
    static LocalIdentityProvider start(int port, Path keyFile, Duration tokenLifetime) throws IOException {
        // The user name comes from the login page (or the password grant) as the "subject" template value.
        Map<String, Object> claims = Map.of(
                "sub", "${subject}",
                "username", "${subject}",
                "token_use", "access",
                "client_id", "${clientId}",
                "scope", SCOPE);
        RequestMappingTokenCallback callback = new RequestMappingTokenCallback(ISSUER_ID,
                List.of(new RequestMapping("client_id", "*", claims, "JWT")), tokenLifetime.toSeconds());
        RSAKey key = signingKey(keyFile);
        OAuth2TokenProvider tokens = new OAuth2TokenProvider(new KeyProvider(List.of(key),
                JWSAlgorithm.RS256.getName()), (java.time.Instant) null);
        MockWebServerWrapper http = new MockWebServerWrapper();
        OAuth2HttpServer cognitoShaped;
        try {
            cognitoShaped = new CognitoShapedIdTokens(http, key);
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IOException("the local signing key cannot sign", e);
        }
        OAuth2Config config = new OAuth2Config(true, null, null, false, tokens, Set.of(callback), cognitoShaped);
        MockOAuth2Server server = new MockOAuth2Server(config);
        server.start(InetAddress.getByName("localhost"), port);
        return new LocalIdentityProvider(server, http);
    }

    /**
     * Signs a user in once, as the web app does: the discovery document, the login page, its form, and the code
     * exchanged for tokens; each answer is checked. The provider's first answer of each kind loads thousands of
     * classes (its JSON goes through kotlin-reflect): on a loaded machine the first discovery document took 25 s,
     * longer than a person or a browser test waits for the login page. {@code bin/dev} does it beside PostgreSQL's
     * and the API's start, so that the wait falls inside its start-up, and a provider that cannot sign anyone in
     * stops it.
     */
    void signInOnce() throws IOException {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(WARM_UP_TIMEOUT).build()) {
            answer(http, HttpRequest.newBuilder(URI.create(discoveryUrl())), 200, "\"issuer\"",
                    "its discovery document");
            URI authorize = URI.create(issuer() + "/authorize?response_type=code&client_id=" + CLIENT_ID
                    + "&redirect_uri=" + encode(WARM_UP_REDIRECT) + "&scope=" + encode(SCOPE) + "&state=warm-up");
            answer(http, HttpRequest.newBuilder(authorize), 200, "name=\"username\"", "its login page");
            HttpResponse<String> login = answer(http, form(HttpRequest.newBuilder(authorize), "username=warm-up"),
                    302, "", "its login form");
            String code = login.headers().firstValue("Location")
                    .filter(location -> location.startsWith(WARM_UP_REDIRECT) && location.contains("code="))
                    .map(location -> location.replaceAll(".*[?&]code=([^&]+).*", "$1"))
                    .orElseThrow(() -> new IOException("its login form sent no code back"));
            answer(http, form(HttpRequest.newBuilder(URI.create(tokenEndpoint())), "grant_type=authorization_code"
                    + "&code=" + code + "&redirect_uri=" + encode(WARM_UP_REDIRECT) + "&client_id=" + CLIENT_ID),
                    200, "\"access_token\"", "its token endpoint");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the local OpenID Connect provider started", e);
        }
    }

    private static HttpRequest.Builder form(HttpRequest.Builder request, String body) {
        return request.header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> answer(HttpClient http, HttpRequest.Builder request, int status,
                                               String marker, String what) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(request.timeout(WARM_UP_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != status || !answer.body().contains(marker)) {
            throw new IOException(what + " answered " + answer.statusCode() + ", not " + status
                    + (marker.isEmpty() ? "" : " with " + marker));
        }
        return answer;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    String issuer() {
        return server.issuerUrl(ISSUER_ID).toString().replaceAll("/$", "");
    }

    String jwksUrl() {
        return server.jwksUrl(ISSUER_ID).toString();
    }

    String tokenEndpoint() {
        return server.tokenEndpointUrl(ISSUER_ID).toString();
    }

    String discoveryUrl() {
        return server.wellKnownUrl(ISSUER_ID).toString();
    }

    int port() {
        return server.baseUrl().port();
    }

    /** The request line of the next request it answered, oldest first, or null if none comes within {@code wait}. */
    String nextRequestLine(Duration wait) throws InterruptedException {
        var request = http.getMockWebServer().takeRequest(wait.toMillis(), TimeUnit.MILLISECONDS);
        return request == null ? null : request.getRequestLine();
    }

    private static RSAKey signingKey(Path keyFile) throws IOException {
        if (Files.exists(keyFile)) {
            try {
                return JWK.parse(Files.readString(keyFile, StandardCharsets.UTF_8)).toRSAKey();
            } catch (ParseException | ClassCastException e) {
                throw new IOException(keyFile + " does not hold a JWK; delete it to make a new key", e);
            }
        }
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
            Files.createDirectories(keyFile.getParent());
            Files.writeString(keyFile, key.toJSONString(), StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system; the folder is git-ignored either way.
            }
            return key;
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IOException("could not make an RSA key", e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
