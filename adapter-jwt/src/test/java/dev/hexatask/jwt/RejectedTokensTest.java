package dev.hexatask.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.hexatask.application.port.out.AuthenticationResult;
import dev.hexatask.jwt.testing.TestIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way a bearer token can be wrong, each against a real JWKS endpoint and real keys. Each case names the part
 * of the reason it must be refused for, so a case cannot pass by failing for some other, accidental, reason.
 */
class RejectedTokensTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static TestIdentityProvider idp;
    private static TestIdentityProvider attacker;
    private static CognitoAccessTokenAuthenticator authenticator;
    private static String goodToken;

    @BeforeAll
    static void start() {
        idp = TestIdentityProvider.start(CLOCK);
        attacker = TestIdentityProvider.start(CLOCK);
        authenticator = new CognitoAccessTokenAuthenticator(idp.settings(), CLOCK);
        goodToken = "Bearer " + valid();
        assertThat(authenticator.authenticate(goodToken))
                .as("the baseline every forged token departs from is accepted")
                .isInstanceOf(AuthenticationResult.Authenticated.class);
        assertThat(authenticator.cachedTokens()).as("and kept as verified").isEqualTo(1);
    }

    @AfterAll
    static void stop() {
        idp.close();
        attacker.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void rejects(Supplier<String> header, String expectedReason) {
        // Each forgery comes right after a good token was accepted from the verified-token cache, and is not kept.
        assertThat(authenticator.authenticate(goodToken))
                .isInstanceOf(AuthenticationResult.Authenticated.class);
        assertThat(authenticator.cachedTokens()).isEqualTo(1);
        String value = header.get();

        AuthenticationResult result = authenticator.authenticate(value);

        assertThat(result).isInstanceOf(AuthenticationResult.Rejected.class);
        String reason = ((AuthenticationResult.Rejected) result).reason();
        assertThat(reason).containsIgnoringCase(expectedReason);
        if (value != null) {
            for (String segment : value.split("[ .]")) {
                if (segment.length() > 16) {
                    assertThat(reason).as("the reason never quotes the token").doesNotContain(segment);
                }
            }
        }
    }

    @Test
    void neverFetchesKeysFromAUrlTheTokenNames() {
        int before = attacker.jwksRequestCount();
        JWK attackerKey = attacker.signingKey();
        for (JWSHeader header : List.of(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attackerKey.getKeyID())
                        .jwkURL(attacker.jwksUrl()).build(),
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(idp.signingKey().getKeyID())
                        .jwkURL(attacker.jwksUrl()).build(),
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attackerKey.getKeyID())
                        .x509CertURL(attacker.jwksUrl()).build())) {
            String token = TestIdentityProvider.signWith(attackerKey, header, idpClaims().build());
            assertThat(authenticator.authenticate("Bearer " + token))
                    .isInstanceOf(AuthenticationResult.Rejected.class);
        }
        assertThat(attacker.jwksRequestCount()).isEqualTo(before);
    }

    static Stream<Arguments> forgeries() {
        return Stream.of(
                // The header itself
                forgery("missing header", () -> null, "no Authorization header"),
                forgery("empty header", () -> "", "scheme is not Bearer"),
                forgery("scheme alone", () -> "Bearer", "empty bearer token"),
                forgery("scheme and a space, empty token", () -> "Bearer ", "empty bearer token"),
                forgery("Basic credentials", () -> "Basic " + Base64.getEncoder().encodeToString("a:b".getBytes()),
                        "scheme is not Bearer"),
                forgery("valid token under another scheme", () -> "Token " + valid(), "scheme is not Bearer"),
                forgery("valid token with no scheme", RejectedTokensTest::valid, "scheme is not Bearer"),
                forgery("scheme glued to the token", () -> "Bearer" + valid(), "scheme is not Bearer"),
                forgery("two spaces after the scheme", () -> "Bearer  " + valid(), "outside base64url"),
                forgery("a second token after the first", () -> "Bearer " + valid() + " " + valid(),
                        "outside base64url"),
                forgery("a comma-separated second credential", () -> "Bearer " + valid() + ", Basic YTpi",
                        "outside base64url"),

                // Unsigned and symmetric tokens
                forgery("alg none without signature", () -> "Bearer " + unsigned("none", ""), "no signature"),
                forgery("alg None without signature", () -> "Bearer " + unsigned("None", ""), "no signature"),
                forgery("alg NONE without signature", () -> "Bearer " + unsigned("NONE", ""), "no signature"),
                forgery("alg none with a real signature", () -> "Bearer " + unsigned("none", signatureOfValid()),
                        "not a JWS"),
                forgery("alg None with a real signature", () -> "Bearer " + unsigned("None", signatureOfValid()),
                        "Another algorithm expected"),
                forgery("alg NONE with a real signature", () -> "Bearer " + unsigned("NONE", signatureOfValid()),
                        "Another algorithm expected"),
                forgery("HS256 keyed with the RSA public key (DER)",
                        () -> "Bearer " + hmac(publicKeyDer()),
                        "Another algorithm expected"),
                forgery("HS256 keyed with the RSA public key (JWK JSON)",
                        () -> "Bearer " + hmac(idpPublicKey().toJSONString().getBytes()),
                        "Another algorithm expected"),
                forgery("RS384, a real signature by the right key but an algorithm not allowed",
                        () -> "Bearer " + idp.sign(header(JWSAlgorithm.RS384).build(), idpClaims().build()),
                        "Another algorithm expected"),

                // Key selection
                forgery("unknown kid, attacker's key",
                        () -> "Bearer " + TestIdentityProvider.signWith(attacker.signingKey(),
                                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker-kid").build(),
                                idpClaims().build()),
                        "no matching key"),
                forgery("unknown kid, right key", () -> "Bearer " + idp.sign(header(JWSAlgorithm.RS256)
                        .keyID("retired-or-invented").build(), idpClaims().build()), "no matching key"),
                forgery("kid with path traversal", () -> "Bearer " + idp.sign(header(JWSAlgorithm.RS256)
                        .keyID("../../../../../../dev/null").build(), idpClaims().build()), "no matching key"),
                forgery("kid with SQL", () -> "Bearer " + idp.sign(header(JWSAlgorithm.RS256)
                        .keyID("x' UNION SELECT 'secret' --").build(), idpClaims().build()), "no matching key"),
                forgery("empty kid", () -> "Bearer " + idp.sign(header(JWSAlgorithm.RS256).keyID("").build(),
                        idpClaims().build()), "no matching key"),
                forgery("no kid", () -> "Bearer " + idp.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).build(),
                        idpClaims().build()), "no kid"),
                forgery("jku pointing at the attacker's JWKS", () -> "Bearer " + TestIdentityProvider.signWith(
                        attacker.signingKey(), new JWSHeader.Builder(JWSAlgorithm.RS256)
                                .keyID(attacker.signingKey().getKeyID()).jwkURL(attacker.jwksUrl()).build(),
                        idpClaims().build()), "names its own key"),
                forgery("x5u pointing at the attacker's server", () -> "Bearer " + TestIdentityProvider.signWith(
                        attacker.signingKey(), new JWSHeader.Builder(JWSAlgorithm.RS256)
                                .keyID(attacker.signingKey().getKeyID()).x509CertURL(attacker.jwksUrl()).build(),
                        idpClaims().build()), "names its own key"),
                forgery("embedded jwk of the attacker's key", () -> "Bearer " + TestIdentityProvider.signWith(
                        attacker.signingKey(), new JWSHeader.Builder(JWSAlgorithm.RS256)
                                .keyID(attacker.signingKey().getKeyID())
                                .jwk(attacker.signingKey().toPublicJWK()).build(),
                        idpClaims().build()), "names its own key"),
                forgery("embedded jwk under the right kid", () -> "Bearer " + TestIdentityProvider.signWith(
                        attacker.signingKey(), new JWSHeader.Builder(JWSAlgorithm.RS256)
                                .keyID(idp.signingKey().getKeyID())
                                .jwk(attacker.signingKey().toPublicJWK()).build(),
                        idpClaims().build()), "names its own key"),
                forgery("right issuer, key from another JWKS under its own kid",
                        () -> "Bearer " + attacker.sign(idpClaims().build()), "no matching key"),
                forgery("right issuer, key from another JWKS under the right kid",
                        () -> "Bearer " + TestIdentityProvider.signWith(attacker.signingKey(),
                                header(JWSAlgorithm.RS256).build(), idpClaims().build()),
                        "Invalid signature"),
                forgery("typ of an ID token", () -> "Bearer " + idp.sign(header(JWSAlgorithm.RS256)
                        .type(new JOSEObjectType("id+jwt")).build(), idpClaims().build()), "type"),

                // Time
                forgery("expired", () -> bearer(c -> c.expirationTime(at(-3600))), "expired"),
                forgery("not yet valid (nbf in the future)", () -> bearer(c -> c.notBeforeTime(at(3600))),
                        "before use time"),
                forgery("issued in the future", () -> bearer(c -> c.issueTime(at(3600))), "issued in the future"),

                // Issuer, audience, token use
                forgery("another issuer", () -> bearer(c -> c.issuer("https://cognito-idp.eu-west-1.amazonaws.com/x")),
                        "iss claim"),
                forgery("issuer with a trailing slash", () -> bearer(c -> c.issuer(idp.issuer() + "/")),
                        "iss claim"),
                forgery("issuer in another case", () -> bearer(c -> c.issuer(idp.issuer().toUpperCase())),
                        "iss claim"),
                forgery("issuer as an array", () -> bearer(c -> c.claim("iss", List.of(idp.issuer()))),
                        "member iss"),
                forgery("ID token as Cognito shapes it (token_use=id, aud, no client_id)",
                        () -> bearer(c -> c.claim("token_use", "id").audience(idp.clientId()).claim("client_id", null)
                                .claim("email", "alice@example.com")), "missing required claims"),
                forgery("token_use=id with every claim of an access token", () -> bearer(c -> c.claim("token_use", "id")),
                        "token_use claim"),
                forgery("no token_use", () -> bearer(c -> c.claim("token_use", null)), "token_use"),
                forgery("another app client", () -> bearer(c -> c.claim("client_id", "someone-elses-client")),
                        "client_id is not one of"),
                forgery("no client_id", () -> bearer(c -> c.claim("client_id", null)), "missing required claims"),
                forgery("client_id as an array", () -> bearer(c -> c.claim("client_id", List.of(idp.clientId()))),
                        "client_id claim is not a string"),

                // Required claims
                forgery("no sub", () -> bearer(c -> c.subject(null)), "missing required claims"),
                forgery("no exp", () -> bearer(c -> c.expirationTime(null)), "missing required claims"),
                forgery("no iat", () -> bearer(c -> c.issueTime(null)), "missing required claims"),
                forgery("blank sub", () -> bearer(c -> c.subject("   ")), "sub is not a valid user id"),
                forgery("sub with surrounding white space", () -> bearer(c -> c.subject(" user-1")),
                        "sub is not a valid user id"),
                forgery("sub with a control character", () -> bearer(c -> c.subject("user\u0000admin")),
                        "sub is not a valid user id"),
                forgery("no username", () -> bearer(c -> c.claim("username", null)), "no usable username"),
                forgery("groups that are not strings", () -> bearer(c -> c.claim("cognito:groups", List.of(1, 2))),
                        "wrong type"),

                // Tampering
                forgery("tampered payload (another sub)", () -> "Bearer " + Tokens.withPayload(valid(),
                        Tokens.decode(Tokens.segments(valid())[1]).replace("\"user-1\"", "\"admin\"")),
                        "Invalid signature"),
                forgery("tampered header (alg RS512)", () -> "Bearer " + Tokens.withHeader(valid(),
                        Tokens.decode(Tokens.segments(valid())[0]).replace("RS256", "RS512")),
                        "Another algorithm expected"),
                forgery("stripped signature", () -> "Bearer " + valid().substring(0, valid().lastIndexOf('.') + 1),
                        "no signature"),
                forgery("signature of another token", () -> "Bearer " + Tokens.segments(valid())[0] + "."
                        + Tokens.segments(valid())[1] + "." + Tokens.segments(otherValid())[2], "Invalid signature"),
                forgery("truncated signature", () -> "Bearer " + valid().substring(0, valid().length() - 10),
                        "Invalid signature"),

                // Not a JWS at all
                forgery("header not base64url", () -> "Bearer " + "eyJ*bGciOiJSUzI1NiJ9." + Tokens.segments(valid())[1]
                        + "." + Tokens.segments(valid())[2], "outside base64url"),
                forgery("payload of a length no base64 can have", () -> "Bearer " + Tokens.segments(valid())[0]
                        + ".abcde." + Tokens.segments(valid())[2], "not a valid JSON object"),
                forgery("padded base64", () -> "Bearer " + valid() + "==", "outside base64url"),
                forgery("header not JSON", () -> "Bearer " + Tokens.encode("not json") + "."
                        + Tokens.segments(valid())[1] + "." + Tokens.segments(valid())[2], "not a JWS"),
                forgery("payload not JSON (signed)", () -> "Bearer " + signedPayload("not json"), "payload"),
                forgery("payload a JSON array (signed)", () -> "Bearer " + signedPayload("[1,2]"), "payload"),
                forgery("two segments", () -> "Bearer " + Tokens.segments(valid())[0] + "."
                        + Tokens.segments(valid())[1], "2 segments"),
                forgery("four segments", () -> "Bearer " + valid() + "." + Tokens.segments(valid())[2],
                        "4 segments"),
                forgery("five segments (shaped like a JWE)", () -> "Bearer " + Tokens.encode(
                        "{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\"}") + ".a.b.c.d", "5 segments"),
                forgery("only dots", () -> "Bearer ..", "no signature"),

                // Size
                forgery("validly signed token over 8 KiB", () -> bearer(c -> c.claim("padding", "x".repeat(8 * 1024))),
                        "longer than"),
                forgery("header over 8 KiB of junk", () -> "Bearer " + "a".repeat(100_000), "longer than"),
                forgery("junk of exactly 8 KiB is parsed", () -> "Bearer " + "a".repeat(8 * 1024), "1 segments"),
                forgery("junk of 8 KiB and one character is not", () -> "Bearer " + "a".repeat(8 * 1024 + 1),
                        "longer than"));
    }

    private static Arguments forgery(String name, Supplier<String> header, String expectedReason) {
        return Arguments.of(Named.of(name, header), expectedReason);
    }

    static String valid() {
        return idp.sign(idpClaims().build());
    }

    private static String otherValid() {
        return idp.sign(idpClaims().claim("username", "bob").build());
    }

    static JWTClaimsSet.Builder idpClaims() {
        return idp.claims("user-1", "alice");
    }

    private static JWSHeader.Builder header(JWSAlgorithm algorithm) {
        return new JWSHeader.Builder(algorithm).keyID(idp.signingKey().getKeyID());
    }

    private static String bearer(Consumer<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder claims = idpClaims();
        change.accept(claims);
        return "Bearer " + idp.sign(claims.build());
    }

    private static Date at(long secondsFromNow) {
        return Date.from(NOW.plusSeconds(secondsFromNow));
    }

    private static String signatureOfValid() {
        return Tokens.segments(valid())[2];
    }

    private static String unsigned(String alg, String signature) {
        String header = Tokens.encode("{\"alg\":\"" + alg + "\",\"kid\":\"" + idp.signingKey().getKeyID() + "\"}");
        return header + "." + Tokens.segments(valid())[1] + "." + signature;
    }

    private static RSAKey idpPublicKey() {
        return idp.signingKey().toPublicJWK().toRSAKey();
    }

    private static String hmac(byte[] secret) {
        try {
            SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.HS256).build(), idpClaims().build());
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] publicKeyDer() {
        try {
            return idpPublicKey().toRSAPublicKey().getEncoded();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signedPayload(String payload) {
        try {
            JWSObject object = new JWSObject(header(JWSAlgorithm.RS256).build(), new Payload(payload));
            object.sign(new RSASSASigner(idp.signingKey().toRSAKey()));
            return object.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
