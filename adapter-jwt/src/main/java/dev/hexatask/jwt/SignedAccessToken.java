package dev.hexatask.jwt;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;

/**
 * A signed JWT whose claims are decoded with the JDK's Base64 decoder: the library's own decoder took a tenth of a
 * whole verification. Everything else, the signing input and the signature included, is the library's.
 */
final class SignedAccessToken extends SignedJWT {

    private JWTClaimsSet claims;

    SignedAccessToken(Base64URL header, Base64URL payload, Base64URL signature) throws ParseException {
        super(header, payload, signature);
    }

    @Override
    public synchronized JWTClaimsSet getJWTClaimsSet() throws ParseException {
        if (claims == null) {
            try {
                byte[] json = Base64.getUrlDecoder().decode(getParsedParts()[1].toString());
                claims = JWTClaimsSet.parse(new String(json, StandardCharsets.UTF_8));
            } catch (ParseException e) {
                throw new ParseException("Payload of JWS object is not a valid claims set: " + e.getMessage(), 0);
            } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
                // Odd but well-formed payloads ("null", "[]") surface from the JSON parser as unchecked exceptions.
                throw new ParseException("Payload of JWS object is not a valid JSON object", 0);
            }
        }
        return claims;
    }
}
