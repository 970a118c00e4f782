package io.minewatch.gateway.storage;

import java.time.Clock;
import java.util.Objects;

/**
 * A rate limit in points per second, with a burst of at most one second's worth. Points may be taken beyond what is
 * available (a spool entry is forwarded whole): the bucket then runs into debt and the next wait is longer, so the
 * average rate holds. Used by one thread.
 */
final class TokenBucket {

    private final double perMilli;
    private final double capacity;
    private final Clock clock;
    private double tokens;
    private long refilledAtMillis;

    TokenBucket(int perSecond, Clock clock) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("perSecond : " + perSecond + " (expected: > 0)");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.perMilli = perSecond / 1000.0;
        this.capacity = perSecond;
        this.tokens = capacity;
        this.refilledAtMillis = clock.millis();
    }

    /** Milliseconds to wait before {@code points} are available; 0 when they are now. */
    long millisUntil(long points) {
        refill();
        double wanted = Math.min(points, capacity);
        return tokens >= wanted ? 0 : (long) Math.ceil((wanted - tokens) / perMilli);
    }

    /** Takes {@code points}, into debt if need be. */
    void take(long points) {
        refill();
        tokens -= points;
    }

    private void refill() {
        long now = clock.millis();
        if (now > refilledAtMillis) {
            tokens = Math.min(capacity, tokens + (now - refilledAtMillis) * perMilli);
        }
        refilledAtMillis = Math.max(refilledAtMillis, now);
    }
}
