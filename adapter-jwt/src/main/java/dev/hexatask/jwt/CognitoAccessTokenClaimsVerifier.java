package dev.hexatask.jwt;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.Set;

/**
 * Cognito's rules for an access token, on top of the library's checks of {@code exp} and {@code nbf}: the exact
 * issuer, {@code token_use=access}, a {@code client_id} from the configured list, {@code sub}, {@code exp} and
 * {@code iat} present, {@code iat} not in the future, and the required scope when one is configured.
 */
final class CognitoAccessTokenClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

    static final String TOKEN_USE = "token_use";
    static final String CLIENT_ID = "client_id";
    static final String SCOPE = "scope";

    private final JwtSettings settings;
    private final Clock clock;

    CognitoAccessTokenClaimsVerifier(JwtSettings settings, Duration clockSkew, Clock clock) {
        super(null,
                new JWTClaimsSet.Builder().issuer(settings.issuer()).claim(TOKEN_USE, "access").build(),
                Set.of("sub", "exp", "iat", CLIENT_ID),
                null);
        setMaxClockSkew(Math.toIntExact(clockSkew.toSeconds()));
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected Date currentTime() {
        return Date.from(clock.instant());
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        super.verify(claims, context);
        Date issuedAt = claims.getIssueTime();
        if (issuedAt.getTime() - getMaxClockSkew() * 1000L > currentTime().getTime()) {
            throw new BadJWTException("JWT issued in the future");
        }
        String clientId = stringClaim(claims, CLIENT_ID);
        if (!settings.clientIds().contains(clientId)) {
            throw new BadJWTException("JWT client_id is not one of the accepted app clients");
        }
        if (settings.requiredScope().isPresent()) {
            String scope = stringClaim(claims, SCOPE);
            if (scope == null || !Arrays.asList(scope.split(" ")).contains(settings.requiredScope().get())) {
                throw new BadJWTException("JWT lacks the required scope " + settings.requiredScope().get());
            }
        }
    }

    static String stringClaim(JWTClaimsSet claims, String name) throws BadJWTException {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            throw new BadJWTException("JWT " + name + " claim is not a string");
        }
    }
}
