package dev.hexatask.secrets;

import dev.hexatask.application.port.out.CursorKeys;
import dev.hexatask.application.port.out.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The cursor-signing keys from a Secrets Manager secret whose {@code SecretString} is the key (at least 32 bytes):
 * the version staged {@code AWSCURRENT} signs, and the one staged {@code AWSPREVIOUS} (the key before the last
 * rotation) still verifies, so that the cursors handed out just before a rotation keep working until the next one.
 *
 * <p>Both versions are read once per TTL. When Secrets Manager cannot be reached after that, the keys read last are
 * served a little longer and the read is tried again after {@link SecretReads#STALE_RETRY_DELAY};
 * before any read succeeded, every use fails with a {@link StorageUnavailableException} (a 503 to the caller). No
 * message holds any part of a key.
 */
public final class SecretsManagerCursorKeys implements CursorKeys {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    static final String CURRENT = "AWSCURRENT";
    static final String PREVIOUS = "AWSPREVIOUS";

    private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerCursorKeys.class);

    private final SecretsManagerClient client;
    private final String secretId;
    private final Duration ttl;
    private final Clock clock;

    private final Object lock = new Object();
    private volatile Cached cached;

    private record Cached(Keys keys, Instant expiresAt) {
    }

    public SecretsManagerCursorKeys(SecretsManagerClient client, String secretId) {
        this(client, secretId, DEFAULT_TTL, Clock.systemUTC());
    }

    public SecretsManagerCursorKeys(SecretsManagerClient client, String secretId, Duration ttl, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.secretId = Objects.requireNonNull(secretId, "secretId");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        SecretReads.requireUsable(secretId, ttl);
    }

    @Override
    public Keys current() {
        var fresh = cached;
        if (fresh != null && clock.instant().isBefore(fresh.expiresAt())) {
            return fresh.keys();
        }
        synchronized (lock) {
            var now = clock.instant();
            var held = cached;
            if (held != null && now.isBefore(held.expiresAt())) {
                return held.keys();
            }
            try {
                var keys = read();
                cached = new Cached(keys, clock.instant().plus(ttl));
                return keys;
            } catch (StorageUnavailableException e) {
                if (held == null) {
                    throw e;
                }
                LOG.warn("{}; using the keys read earlier", e.getMessage());
                cached = new Cached(held.keys(), now.plus(SecretReads.shortWhile(ttl)));
                return held.keys();
            }
        }
    }

    private Keys read() {
        var current = version(CURRENT).orElseThrow(() -> new StorageUnavailableException(
                "Cursor key secret " + secretId + " has no " + CURRENT + " version", null));
        var previous = version(PREVIOUS).filter(key -> !Arrays.equals(key, current));
        try {
            var keys = new Keys(current, previous.map(List::of).orElse(List.of()));
            LOG.info("Read cursor key secret {} ({} and {})", secretId, CURRENT,
                    previous.isPresent() ? PREVIOUS : "no previous version");
            return keys;
        } catch (IllegalArgumentException e) {
            throw new StorageUnavailableException("Cursor key secret " + secretId + " is unusable: every version "
                    + "must be a SecretString of at least " + MIN_KEY_BYTES + " bytes", null);
        }
    }

    /** The key staged so, or empty when no version has that stage (a secret never rotated has no previous). */
    private Optional<byte[]> version(String stage) {
        try {
            var response = client.getSecretValue(request -> request.secretId(secretId).versionStage(stage));
            if (response.secretString() == null) {
                throw new StorageUnavailableException("Cursor key secret " + secretId + " (" + stage
                        + ") has no SecretString", null);
            }
            return Optional.of(response.secretString().getBytes(StandardCharsets.UTF_8));
        } catch (ResourceNotFoundException e) {
            if (PREVIOUS.equals(stage)) {
                return Optional.empty();
            }
            throw unavailable(stage, e);
        } catch (SdkException e) {
            throw unavailable(stage, e);
        }
    }

    private StorageUnavailableException unavailable(String stage, SdkException e) {
        return new StorageUnavailableException("Could not read cursor key secret " + secretId + " (" + stage + "): "
                + SecretReads.describe(e), e);
    }

    @Override
    public String toString() {
        return "SecretsManagerCursorKeys[secretId=" + secretId + ", ttl=" + ttl + "]";
    }
}
