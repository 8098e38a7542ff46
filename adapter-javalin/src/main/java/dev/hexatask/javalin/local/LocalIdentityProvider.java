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

    private final MockOAuth2Server server;

    private LocalIdentityProvider(MockOAuth2Server server) {
        this.server = server;
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
        OAuth2HttpServer http;
        try {
            http = new CognitoShapedIdTokens(new MockWebServerWrapper(), key);
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IOException("the local signing key cannot sign", e);
        }
        OAuth2Config config = new OAuth2Config(true, null, null, false, tokens, Set.of(callback), http);
        MockOAuth2Server server = new MockOAuth2Server(config);
        server.start(InetAddress.getByName("localhost"), port);
        return new LocalIdentityProvider(server);
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
