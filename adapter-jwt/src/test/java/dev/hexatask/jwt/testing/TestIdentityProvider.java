package dev.hexatask.jwt.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hexatask.jwt.JwtSettings;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A local stand-in for a Cognito user pool, for tests of any module: it holds a real RSA key, publishes its JWKS
 * over real HTTP on 127.0.0.1 (a random port), and mints access tokens of Cognito's shape. Point a
 * {@code CognitoAccessTokenAuthenticator} at {@link #settings()} and send {@link #authorizationHeader}.
 *
 * <pre>{@code
 * try (TestIdentityProvider idp = TestIdentityProvider.start()) {
 *     Authenticator authenticator = new CognitoAccessTokenAuthenticator(idp.settings());
 *     String header = idp.authorizationHeader("user-1", "alice");
 * }
 * }</pre>
 */
public final class TestIdentityProvider implements AutoCloseable {

    public static final String DEFAULT_CLIENT_ID = "hexatask-test-client";
    public static final String DEFAULT_SCOPE = "openid email profile hexatask/api";
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final String POOL_PATH = "/hexatask-test-pool";
    private static final String JWKS_PATH = POOL_PATH + "/.well-known/jwks.json";

    private final Clock clock;
    private final List<JWK> publishedKeys = new CopyOnWriteArrayList<>();
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private volatile JWK signingKey;
    private volatile boolean failing;
    private volatile HttpServer server;
    private final int port;

    private TestIdentityProvider(Clock clock) {
        this.clock = clock;
        useSigningKey(newRsaKey());
        this.server = serve(0);
        this.port = server.getAddress().getPort();
    }

    /** Starts a provider whose tokens are issued at the system's current time. */
    public static TestIdentityProvider start() {
        return start(Clock.systemUTC());
    }

    /** Starts a provider whose tokens' {@code iat}, {@code auth_time} and {@code exp} follow {@code clock}. */
    public static TestIdentityProvider start(Clock clock) {
        return new TestIdentityProvider(clock);
    }

    /** The {@code iss} of every token, shaped like a user pool's URL: {@code http://127.0.0.1:<port>/<pool>}. */
    public String issuer() {
        return "http://127.0.0.1:" + port + POOL_PATH;
    }

    public String clientId() {
        return DEFAULT_CLIENT_ID;
    }

    /** Where the keys are published; also what {@link JwtSettings} derives from the issuer by default. */
    public URI jwksUrl() {
        return URI.create("http://127.0.0.1:" + port + JWKS_PATH);
    }

    /** Settings that trust this provider and its client, with every other setting at its default. */
    public JwtSettings settings() {
        return settingsRequiring(null);
    }

    /** The settings for this provider's tokens, with a scope every token must carry ({@code null}: none). */
    public JwtSettings settingsRequiring(String scope) {
        return new JwtSettings(issuer(), Set.of(clientId()), null, Optional.ofNullable(scope));
    }

    /** A signed access token for the user, with Cognito's claims and {@link #DEFAULT_SCOPE}. */
    public String accessToken(String sub, String username) {
        return accessToken(sub, username, claims -> { });
    }

    /** A signed access token whose Cognito claims {@code customizer} may change, add or remove (set to null). */
    public String accessToken(String sub, String username, Consumer<JWTClaimsSet.Builder> customizer) {
        JWTClaimsSet.Builder claims = claims(sub, username);
        customizer.accept(claims);
        return sign(claims.build());
    }

    /** {@code Bearer <access token>}, the value of an {@code Authorization} header. */
    public String authorizationHeader(String sub, String username) {
        return "Bearer " + accessToken(sub, username);
    }

    public String authorizationHeader(String sub, String username, Consumer<JWTClaimsSet.Builder> customizer) {
        return "Bearer " + accessToken(sub, username, customizer);
    }

    /** The claims of a Cognito access token for the user, issued now. */
    public JWTClaimsSet.Builder claims(String sub, String username) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .subject(sub)
                .issuer(issuer())
                .claim("client_id", clientId())
                .claim("origin_jti", UUID.randomUUID().toString())
                .claim("event_id", UUID.randomUUID().toString())
                .claim("token_use", "access")
                .claim("scope", DEFAULT_SCOPE)
                .claim("auth_time", now.getEpochSecond())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .claim("username", username)
                .claim("version", 2);
    }

    /** Signs {@code claims} with the current key, with the header Cognito uses: {@code alg} and {@code kid}. */
    public String sign(JWTClaimsSet claims) {
        JWK key = signingKey;
        return sign(new JWSHeader.Builder(algorithmOf(key)).keyID(key.getKeyID()).build(), claims);
    }

    /** Signs with the current key under any header, for tests that forge headers. */
    public String sign(JWSHeader header, JWTClaimsSet claims) {
        return signWith(signingKey, header, claims);
    }

    /** Signs with any private key (an attacker's, say) under any header. */
    public static String signWith(JWK privateKey, JWSHeader header, JWTClaimsSet claims) {
        try {
            JWSSigner signer = privateKey instanceof ECKey ec ? new ECDSASigner(ec)
                    : new RSASSASigner(privateKey.toRSAKey());
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    /** A new 2048-bit RSA signing key with a random {@code kid}, as Cognito's. */
    public static RSAKey newRsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /** The private and public key tokens are signed with now. */
    public JWK signingKey() {
        return signingKey;
    }

    /** Publishes {@code privateKey}'s public half and signs from now on with it; older keys stay published. */
    public void useSigningKey(JWK privateKey) {
        publishedKeys.add(privateKey.toPublicJWK());
        signingKey = privateKey;
    }

    /** Rotates to a new RSA key, as a user pool does: the new {@code kid} appears in the JWKS beside the old. */
    public RSAKey rotateKey() {
        RSAKey key = newRsaKey();
        useSigningKey(key);
        return key;
    }

    /** Removes a key from the JWKS. */
    public void retireKey(String keyId) {
        publishedKeys.removeIf(key -> key.getKeyID().equals(keyId));
    }

    /** While true, the JWKS endpoint answers {@code 503}. */
    public void failJwksRequests(boolean failing) {
        this.failing = failing;
    }

    /** Closes the listening socket: fetching the JWKS fails with "connection refused" until {@link #resume}. */
    public synchronized void stopServing() {
        server.stop(0);
    }

    /** Listens again on the same port after {@link #stopServing}. */
    public synchronized void resume() {
        server = serve(port);
    }

    /** How many times the JWKS was fetched: shows whether a verifier caches it. */
    public int jwksRequestCount() {
        return jwksRequests.get();
    }

    @Override
    public synchronized void close() {
        server.stop(0);
    }

    private HttpServer serve(int onPort) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
            http.createContext("/", this::handle);
            http.start();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + onPort, e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!JWKS_PATH.equals(exchange.getRequestURI().getPath())) {
                respond(exchange, 404, "{\"error\":\"not found\"}");
                return;
            }
            jwksRequests.incrementAndGet();
            if (failing) {
                respond(exchange, 503, "{\"error\":\"unavailable\"}");
            } else {
                respond(exchange, 200, new JWKSet(List.copyOf(publishedKeys)).toString(true));
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static JWSAlgorithm algorithmOf(JWK key) {
        if (key.getAlgorithm() != null) {
            return JWSAlgorithm.parse(key.getAlgorithm().getName());
        }
        if (key instanceof ECKey ec) {
            Curve curve = ec.getCurve();
            return Curve.P_384.equals(curve) ? JWSAlgorithm.ES384
                    : Curve.P_521.equals(curve) ? JWSAlgorithm.ES512 : JWSAlgorithm.ES256;
        }
        return JWSAlgorithm.RS256;
    }
}
