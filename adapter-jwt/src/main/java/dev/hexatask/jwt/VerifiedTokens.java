package dev.hexatask.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import dev.hexatask.application.port.out.AuthenticatedUser;

import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Tokens that passed every check, each kept until its {@code exp}, so that a client sending the same token again is
 * not verified again (the RSA check and the claims' parsing are most of a request's CPU). Keyed by the exact token
 * string: a token differing in any character is a miss and goes through full verification. Only a token that was
 * accepted is ever stored. Why this is safe is written down in {@code docs/architecture.md} ("Verified-token cache").
 *
 * <p>A hit counts only while the token has not expired by the authenticator's clock and the JWKS, as cached now,
 * still lists every key that verified it: a key retired from the JWKS ends its tokens' entries at the next JWKS
 * refresh, as it ends their verification. When the keys cannot be fetched, the hit does not count (fail closed).
 */
final class VerifiedTokens {

    /** About 1.5 KiB per entry (the token string and its user): a few MiB at most. */
    static final int MAX_ENTRIES = 4_096;

    private final Cache<String, Entry> entries;
    private final CachingJwsKeySelector keys;
    private final Clock clock;

    /** What verification found, and the keys it was found with. */
    private record Entry(AuthenticatedUser user, Instant expiresAt, JWSHeader header, List<Key> keys) {
    }

    VerifiedTokens(CachingJwsKeySelector keys, Clock clock, int maxEntries) {
        this.keys = keys;
        this.clock = clock;
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(Expiry.creating((String token, Entry entry) ->
                        Duration.between(clock.instant(), entry.expiresAt())))
                // Upkeep on the calling thread: no background thread, which a Lambda would freeze between requests.
                .executor(Runnable::run)
                .build();
    }

    /** The user of a token accepted before, if it is still good. */
    Optional<AuthenticatedUser> find(String token) {
        Entry entry = entries.getIfPresent(token);
        if (entry == null) {
            return Optional.empty();
        }
        if (clock.instant().isBefore(entry.expiresAt()) && stillPublished(entry)) {
            return Optional.of(entry.user());
        }
        entries.invalidate(token);
        return Optional.empty();
    }

    /** Keeps a token that full verification has just accepted, with the keys the JWKS offers for its header. */
    void remember(String token, AuthenticatedUser user, Instant expiresAt, JWSHeader header) {
        if (!clock.instant().isBefore(expiresAt)) {
            return;
        }
        try {
            List<Key> verifying = keys.selectJWSKeys(header, null);
            if (!verifying.isEmpty()) {
                entries.put(token, new Entry(user, expiresAt, header, List.copyOf(verifying)));
            }
        } catch (KeySourceException e) {
            // Not kept: the next request verifies it in full.
        }
    }

    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    private boolean stillPublished(Entry entry) {
        try {
            return keys.selectJWSKeys(entry.header(), null).containsAll(entry.keys());
        } catch (KeySourceException e) {
            return false;
        }
    }
}
