package dev.hexatask.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.hexatask.application.port.out.AuthenticatedUser;
import dev.hexatask.application.port.out.AuthenticationResult;
import dev.hexatask.application.port.out.Authenticator;
import dev.hexatask.domain.user.UserId;
import dev.hexatask.domain.validation.DomainValidationException;
import dev.hexatask.domain.validation.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies the bearer access tokens that Amazon Cognito (or a local provider minting the same shape) issues: an
 * asymmetric signature by a key of the issuer's JWKS chosen by {@code kid}, then Cognito's claim rules. Every failure
 * is a {@link AuthenticationResult.Rejected} whose reason is logged at debug and never holds the token; nothing
 * thrown escapes. When the JWKS cannot be fetched, tokens are rejected (fail closed). A token accepted once is
 * accepted again from {@link VerifiedTokens} until its {@code exp}, without a second signature check.
 */
public final class CognitoAccessTokenAuthenticator implements Authenticator {

    /** Longer tokens are refused before any parsing: Cognito's are about 1 KiB, and parsing costs. */
    public static final int MAX_TOKEN_LENGTH = 8 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(CognitoAccessTokenAuthenticator.class);
    private static final String SCHEME = "Bearer";
    private static final int MAX_REASON_LENGTH = 200;
    // Long enough for a cold Lambda reaching the issuer; with one retry a dead endpoint costs a few seconds at most.
    private static final int JWKS_CONNECT_TIMEOUT_MS = 2_000;
    private static final int JWKS_READ_TIMEOUT_MS = 2_000;
    private static final int JWKS_SIZE_LIMIT_BYTES = 64 * 1024;
    // Cognito's access tokens carry no typ; RFC 9068 providers say at+jwt.
    private static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");

    private static final boolean[] BASE64URL = base64UrlAlphabet();

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final JwtSettings settings;
    private final VerifiedTokens verified;

    public CognitoAccessTokenAuthenticator(JwtSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** @param clock the time {@code exp}, {@code nbf} and {@code iat} are checked against */
    public CognitoAccessTokenAuthenticator(JwtSettings settings, Clock clock) {
        this(settings, clock, VerifiedTokens.MAX_ENTRIES);
    }

    CognitoAccessTokenAuthenticator(JwtSettings settings, Clock clock, int maxCachedTokens) {
        this(settings, clock, TokenPolicy.COGNITO, maxCachedTokens);
    }

    /** For the verifier's tests: another clock skew or set of algorithms than every deployment's. */
    CognitoAccessTokenAuthenticator(JwtSettings settings, Clock clock, TokenPolicy policy) {
        this(settings, clock, policy, VerifiedTokens.MAX_ENTRIES);
    }

    private CognitoAccessTokenAuthenticator(JwtSettings settings, Clock clock, TokenPolicy policy,
                                            int maxCachedTokens) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(null, JOSEObjectType.JWT,
                ACCESS_TOKEN_TYPE));
        CachingJwsKeySelector keys = new CachingJwsKeySelector(policy.algorithms(), keySource(settings));
        processor.setJWSKeySelector(keys);
        processor.setJWTClaimsSetVerifier(
                new CognitoAccessTokenClaimsVerifier(settings, policy.clockSkew(),
                        Objects.requireNonNull(clock, "clock")));
        this.verified = new VerifiedTokens(keys, clock, maxCachedTokens);
    }

    private static JWKSource<SecurityContext> keySource(JwtSettings settings) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(settings.jwksUrl().toURL(),
                            new DefaultResourceRetriever(JWKS_CONNECT_TIMEOUT_MS, JWKS_READ_TIMEOUT_MS,
                                    JWKS_SIZE_LIMIT_BYTES))
                    .cache(true)
                    // No background refresh: it would need a thread of its own, frozen between Lambda invocations
                    // and never ended; the one request every five minutes that refreshes the cache pays instead.
                    .refreshAheadCache(false)
                    .rateLimited(true)
                    .retrying(true)
                    // Serving stale keys through an outage would keep revoked keys valid: fail closed instead.
                    .outageTolerant(false)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("jwksUrl cannot be fetched: " + e.getMessage(), e);
        }
    }

    @Override
    public AuthenticationResult authenticate(String authorizationHeader) {
        try {
            return verify(authorizationHeader);
        } catch (Rejection rejection) {
            return reject(rejection.getMessage());
        } catch (RuntimeException unexpected) {
            // A defect, not a bad token: fail closed, and log it with its cause (library messages never quote the
            // token) so that it gets fixed.
            LOG.error("Unexpected failure while verifying a bearer token", unexpected);
            return reject("unexpected " + unexpected.getClass().getSimpleName() + " while verifying the token");
        }
    }

    private AuthenticationResult verify(String authorizationHeader) throws Rejection {
        String token = bearerToken(authorizationHeader);
        Optional<AuthenticatedUser> known = verified.find(token);
        if (known.isPresent()) {
            return new AuthenticationResult.Authenticated(known.get());
        }
        SignedJWT jwt = parse(token);
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (BadJOSEException e) {
            throw new Rejection("token failed verification: " + e.getMessage());
        } catch (RateLimitReachedException e) {
            throw new Rejection("no matching key in the cached JWKS, and fetching it again is rate-limited");
        } catch (KeySourceException e) {
            LOG.warn("Signing keys unavailable from {}: {}", settings.jwksUrl(), safe(e.getMessage()));
            throw new Rejection("signing keys unavailable: " + e.getMessage());
        } catch (JOSEException e) {
            throw new Rejection("signature could not be checked: " + e.getMessage());
        }
        AuthenticatedUser user = user(claims);
        // exp is a required claim: the claims verifier refused the token without it.
        verified.remember(token, user, claims.getExpirationTime().toInstant(), jwt.getHeader());
        return new AuthenticationResult.Authenticated(user);
    }

    /** How many accepted tokens are kept (for tests). */
    long cachedTokens() {
        return verified.size();
    }

    private static String bearerToken(String header) throws Rejection {
        if (header == null) {
            throw new Rejection("no Authorization header");
        }
        if (header.length() > SCHEME.length() + 1 + MAX_TOKEN_LENGTH) {
            throw new Rejection("Authorization header longer than a token of " + MAX_TOKEN_LENGTH + " characters");
        }
        if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || (header.length() > SCHEME.length() && header.charAt(SCHEME.length()) != ' ')) {
            throw new Rejection("Authorization scheme is not Bearer");
        }
        if (header.length() <= SCHEME.length() + 1) {
            throw new Rejection("empty bearer token");
        }
        return header.substring(SCHEME.length() + 1);
    }

    private static SignedJWT parse(String token) throws Rejection {
        int firstDot = -1;
        int secondDot = -1;
        int segments = 1;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                segments++;
                if (firstDot < 0) {
                    firstDot = i;
                } else if (secondDot < 0) {
                    secondDot = i;
                }
            } else if (c >= BASE64URL.length || !BASE64URL[c]) {
                throw new Rejection("token holds a character outside base64url");
            }
        }
        if (segments != 3) {
            throw new Rejection("token has " + segments + " segments, a signed JWT has 3");
        }
        if (secondDot == token.length() - 1) {
            throw new Rejection("token carries no signature");
        }
        SignedJWT jwt;
        try {
            jwt = new SignedAccessToken(new Base64URL(token.substring(0, firstDot)),
                    new Base64URL(token.substring(firstDot + 1, secondDot)),
                    new Base64URL(token.substring(secondDot + 1)));
        } catch (ParseException | RuntimeException e) {
            // The library's parser lets some odd JSON through as unchecked exceptions (a header of "null" is one).
            throw new Rejection("token is not a JWS: its header is not valid base64url JSON of a signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        if (header.getJWKURL() != null || header.getJWK() != null || header.getX509CertURL() != null
                || header.getX509CertChain() != null) {
            // Keys come from the configured JWKS alone; a token naming its own key is an attack or a mistake.
            throw new Rejection("token header names its own key (jku, jwk, x5u or x5c)");
        }
        if (header.getKeyID() == null) {
            throw new Rejection("token header has no kid");
        }
        return jwt;
    }

    private static boolean[] base64UrlAlphabet() {
        boolean[] alphabet = new boolean[128];
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".chars().forEach(c -> alphabet[c] = true);
        return alphabet;
    }

    private static AuthenticatedUser user(JWTClaimsSet claims) throws Rejection {
        try {
            UserId id = userId(claims.getSubject());
            String username = Optional.ofNullable(claims.getStringClaim("username"))
                    .orElse(claims.getStringClaim("cognito:username"));
            if (username == null || username.isBlank() || Text.hasControlCharacter(username)
                    || Text.hasLoneSurrogate(username)) {
                throw new Rejection("token has no usable username claim");
            }
            Optional<String> email = Optional.ofNullable(claims.getStringClaim("email"));
            List<String> groups = Optional.ofNullable(claims.getStringListClaim("cognito:groups")).orElse(List.of());
            String scope = claims.getStringClaim(CognitoAccessTokenClaimsVerifier.SCOPE);
            Set<String> scopes = scope == null ? Set.of()
                    : Arrays.stream(scope.split(" ")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
            if (groups.stream().anyMatch(Objects::isNull)) {
                throw new Rejection("token's cognito:groups holds a null");
            }
            return new AuthenticatedUser(id, username, email, Set.copyOf(groups), scopes);
        } catch (ParseException e) {
            throw new Rejection("token claim of the wrong type: " + e.getMessage());
        }
    }

    private static UserId userId(String sub) throws Rejection {
        UserId id;
        try {
            id = UserId.of(sub);
        } catch (DomainValidationException e) {
            throw new Rejection("token sub is not a valid user id");
        }
        // UserId strips white space: two different subs must never become one owner.
        if (!id.value().equals(sub)) {
            throw new Rejection("token sub is not a valid user id");
        }
        return id;
    }

    private static AuthenticationResult reject(String reason) {
        String safeReason = safe(reason);
        LOG.debug("Bearer token rejected: {}", safeReason);
        return new AuthenticationResult.Rejected(safeReason);
    }

    /** Claim values quoted in library messages come from the caller: keep them on one short line. */
    private static String safe(String message) {
        String text = message == null ? "no detail" : message;
        StringBuilder safe = new StringBuilder(Math.min(text.length(), MAX_REASON_LENGTH));
        text.codePoints().limit(MAX_REASON_LENGTH).forEach(cp ->
                safe.appendCodePoint(Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                        || Character.getType(cp) == Character.SURROGATE ? '?' : cp));
        return text.codePointCount(0, text.length()) > MAX_REASON_LENGTH ? safe + "..." : safe.toString();
    }

    /** Ends verification with the reason a token is refused. */
    private static final class Rejection extends Exception {

        Rejection(String reason) {
            super(reason, null, false, false);
        }
    }
}
