package dev.hexatask.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

import java.security.Key;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The library's key selection (allowed algorithm, then the JWKS keys matching the header's {@code kid}, type and
 * use), except that each JWK's Java public key is kept rather than decoded from the JWK for every token: decoding
 * costs about a tenth of a whole verification. Only keys the JWKS still lists are ever returned, so a key dropped
 * from the JWKS stops verifying as soon as the cached JWKS is refreshed.
 */
final class CachingJwsKeySelector extends JWSVerificationKeySelector<SecurityContext> {

    // A JWKS holds a handful of keys; the bound only matters over many rotations in a long-lived process.
    private static final int MAX_CACHED_KEYS = 64;

    private final Map<JWK, PublicKey> publicKeys = new ConcurrentHashMap<>();

    CachingJwsKeySelector(Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> keySource) {
        super(algorithms, keySource);
    }

    @Override
    public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        if (!isAllowed(header.getAlgorithm())) {
            return List.of();
        }
        JWKMatcher matcher = createJWKMatcher(header);
        if (matcher == null) {
            return List.of();
        }
        List<Key> keys = new ArrayList<>(1);
        for (JWK jwk : getJWKSource().get(new JWKSelector(matcher), context)) {
            PublicKey key = publicKey(jwk);
            if (key != null) {
                keys.add(key);
            }
        }
        return keys;
    }

    private PublicKey publicKey(JWK jwk) {
        PublicKey cached = publicKeys.get(jwk);
        if (cached != null || !(jwk instanceof AsymmetricJWK asymmetric)) {
            return cached;
        }
        try {
            PublicKey key = asymmetric.toPublicKey();
            if (publicKeys.size() >= MAX_CACHED_KEYS) {
                publicKeys.clear();
            }
            publicKeys.put(jwk, key);
            return key;
        } catch (JOSEException e) {
            // As the library does: a JWKS entry that is not a usable key verifies nothing.
            return null;
        }
    }
}
