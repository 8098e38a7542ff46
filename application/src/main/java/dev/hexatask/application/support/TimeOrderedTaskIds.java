package dev.hexatask.application.support;

import dev.hexatask.application.port.out.TaskIdGenerator;
import dev.hexatask.domain.task.TaskId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * UUID version 7 ids (RFC 9562): 48 bits of Unix milliseconds, then random bits, so ids sort by creation time. Ids
 * made in the same millisecond by one generator still increase: the 12-bit {@code rand_a} field is used as a
 * counter (RFC 9562, section 6.2, method 1), and the timestamp moves on if it overflows. That order holds only
 * among the ids of one generator, so a composition root has exactly one ({@link Singleton}).
 */
@Singleton
public final class TimeOrderedTaskIds implements TaskIdGenerator {

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ReentrantLock lock = new ReentrantLock();
    private long lastMillis = -1;
    private int counter;

    @Inject
    public TimeOrderedTaskIds(Clock clock) {
        this.clock = clock;
    }

    @Override
    public TaskId next() {
        long millis;
        int sequence;
        lock.lock();
        try {
            millis = Math.max(clock.millis(), lastMillis);
            if (millis == lastMillis) {
                counter++;
                if (counter > 0xFFF) {
                    millis++;
                    counter = random.nextInt(0x800);
                }
            } else {
                counter = random.nextInt(0x800);
            }
            lastMillis = millis;
            sequence = counter;
        } finally {
            lock.unlock();
        }
        long mostSignificant = (millis << 16) | 0x7000L | sequence;
        long leastSignificant = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return TaskId.of(new UUID(mostSignificant, leastSignificant));
    }
}
