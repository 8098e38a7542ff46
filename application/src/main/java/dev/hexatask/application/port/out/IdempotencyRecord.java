package dev.hexatask.application.port.out;

import dev.hexatask.domain.task.Task;
import dev.hexatask.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;

/**
 * The memory of one create request made with an idempotency key: what was asked (as a fingerprint) and the task it
 * created, as it was created, so that a retry gets the same answer.
 */
public record IdempotencyRecord(UserId owner, String key, String requestFingerprint, Task createdTask,
                                Instant createdAt, Instant expiresAt) {

    public IdempotencyRecord {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(requestFingerprint, "requestFingerprint");
        Objects.requireNonNull(createdTask, "createdTask");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!createdTask.isOwnedBy(owner)) {
            throw new IllegalArgumentException("an idempotency record belongs to the owner of its task");
        }
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("expiresAt must be after createdAt");
        }
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
