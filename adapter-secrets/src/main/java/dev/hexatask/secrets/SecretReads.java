package dev.hexatask.secrets;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Duration;

/** What the adapter's cached secrets share: their settings' checks, the stale-copy delay, how a failed read reads. */
final class SecretReads {

    /** How long a copy read earlier is served after a failed read before the secret is read again. */
    static final Duration STALE_RETRY_DELAY = Duration.ofSeconds(15);

    private SecretReads() {
    }

    static void requireUsable(String secretId, Duration ttl) {
        if (secretId.isBlank()) {
            throw new IllegalArgumentException("secretId is blank");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
    }

    /** The stale-copy delay, or the TTL when that is shorter. */
    static Duration shortWhile(Duration ttl) {
        return ttl.compareTo(STALE_RETRY_DELAY) < 0 ? ttl : STALE_RETRY_DELAY;
    }

    /** Why a read failed, without any part of a secret: the service's error code and request id, or the cause. */
    static String describe(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            var details = service.awsErrorDetails();
            return details.errorCode() + " (HTTP " + service.statusCode() + ", request id " + service.requestId()
                    + ")";
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
