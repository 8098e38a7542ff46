package dev.hexatask.secrets;

import dev.hexatask.application.port.out.DatabaseCredentials;
import dev.hexatask.application.port.out.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Database credentials read from a Secrets Manager secret in the RDS JSON shape, kept for a TTL.
 *
 * <p>One {@code GetSecretValue} call per TTL. When the TTL is over and Secrets Manager cannot be reached, the
 * credentials read last are served a little longer (they most likely still work) and the read is tried again after
 * {@link #STALE_RETRY_DELAY}. {@link #refresh()} always reads the secret, and fails when it cannot; concurrent
 * refreshes share one read that started after they asked.
 *
 * <p>A refresh follows a refused password. When it finds that {@code AWSCURRENT} still labels the version whose
 * password was refused, a single-user rotation is most likely between its {@code setSecret} (the database has the
 * new password) and its {@code finishSecret} (the label moves): it then serves the {@code AWSPENDING} version, when
 * there is one, for at most {@link #STALE_RETRY_DELAY}, after which {@code AWSCURRENT} is read again. Should that
 * password be refused too, the next refresh serves {@code AWSCURRENT} again, and so on in turn. Without this, every
 * new connection in that window waits for the label to move, and fails if the window outlasts its wait.
 *
 * <p>Every failure is a {@link StorageUnavailableException} whose message names the secret and the reason and
 * never holds any part of the secret's value.
 */
public final class SecretsManagerDatabaseCredentials implements DatabaseCredentials {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    static final Duration STALE_RETRY_DELAY = SecretReads.STALE_RETRY_DELAY;
    static final String PENDING = "AWSPENDING";

    private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerDatabaseCredentials.class);

    private final SecretsManagerClient client;
    private final String secretId;
    private final Duration ttl;
    private final Clock clock;

    private final Object lock = new Object();
    private volatile Cached cached;
    private volatile long readsStarted;
    private long lastReadSucceeded;

    private record Cached(RdsSecret secret, String versionId, Instant expiresAt) {
    }

    public SecretsManagerDatabaseCredentials(SecretsManagerClient client, String secretId) {
        this(client, secretId, DEFAULT_TTL, Clock.systemUTC());
    }

    public SecretsManagerDatabaseCredentials(SecretsManagerClient client, String secretId, Duration ttl, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.secretId = Objects.requireNonNull(secretId, "secretId");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        SecretReads.requireUsable(secretId, ttl);
    }

    @Override
    public Credentials current() {
        return secret().credentials();
    }

    @Override
    public Credentials refresh() {
        return refreshSecret().credentials();
    }

    /** The whole secret (host, port, database name too), from the cache while its TTL lasts. */
    public RdsSecret secret() {
        var fresh = cached;
        if (fresh != null && clock.instant().isBefore(fresh.expiresAt())) {
            return fresh.secret();
        }
        synchronized (lock) {
            var now = clock.instant();
            var held = cached;
            if (held != null && now.isBefore(held.expiresAt())) {
                return held.secret();
            }
            if (held == null) {
                return read();
            }
            try {
                return read();
            } catch (StorageUnavailableException e) {
                LOG.warn("{}; using the copy read earlier", e.getMessage());
                var retryIn = SecretReads.shortWhile(ttl);
                cached = new Cached(held.secret(), held.versionId(), now.plus(retryIn));
                return held.secret();
            }
        }
    }

    /** Reads the secret now, whatever the cache holds. */
    public RdsSecret refreshSecret() {
        var readsBeforeAsking = readsStarted;
        synchronized (lock) {
            // A read that started after this call and succeeded is as fresh as this caller needs.
            if (lastReadSucceeded > readsBeforeAsking) {
                return cached.secret();
            }
            var refused = cached == null ? null : cached.versionId();
            var current = read();
            if (refused == null || !refused.equals(cached.versionId())) {
                return current;
            }
            return pending(cached.versionId()).orElse(current);
        }
    }

    /**
     * The {@code AWSPENDING} version, if there is one other than {@code currentVersion} and it is usable, cached
     * in place of the current one for a short while. Called with the lock held; a failed read means "none".
     */
    private java.util.Optional<RdsSecret> pending(String currentVersion) {
        try {
            var response = client.getSecretValue(request -> request.secretId(secretId).versionStage(PENDING));
            if (response.secretString() == null || currentVersion.equals(response.versionId())
                    || !response.versionStages().contains(PENDING)) {
                return java.util.Optional.empty();
            }
            var secret = RdsSecretParser.parse(response.secretString());
            var serveFor = SecretReads.shortWhile(ttl);
            cached = new Cached(secret, response.versionId(), clock.instant().plus(serveFor));
            LOG.info("Database secret {}: the password of AWSCURRENT (version {}) was refused; trying AWSPENDING "
                    + "(version {}, user {}), as a rotation is under way", secretId, currentVersion,
                    response.versionId(), secret.username());
            return java.util.Optional.of(secret);
        } catch (SdkException | InvalidSecretException e) {
            return java.util.Optional.empty();
        }
    }

    /** Called with the lock held. */
    private RdsSecret read() {
        var readNumber = ++readsStarted;
        String secretString;
        String versionId;
        try {
            var response = client.getSecretValue(request -> request.secretId(secretId));
            secretString = response.secretString();
            versionId = response.versionId();
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "Could not read database secret " + secretId + ": " + SecretReads.describe(e), e);
        }
        if (secretString == null) {
            throw new StorageUnavailableException(
                    "Database secret " + secretId + " has no SecretString (is it a binary secret?)", null);
        }
        RdsSecret secret;
        try {
            secret = RdsSecretParser.parse(secretString);
        } catch (InvalidSecretException e) {
            throw new StorageUnavailableException(
                    "Database secret " + secretId + " is unusable: " + e.getMessage(), null);
        }
        cached = new Cached(secret, versionId, clock.instant().plus(ttl));
        lastReadSucceeded = readNumber;
        LOG.info("Read database secret {} (version {}, user {})", secretId, versionId, secret.username());
        return secret;
    }

    @Override
    public String toString() {
        return "SecretsManagerDatabaseCredentials[secretId=" + secretId + ", ttl=" + ttl + "]";
    }
}
