package io.minewatch.collectors.opcua;

import java.time.Duration;
import java.util.Objects;

/**
 * Delays between reconnect attempts: {@code min}, then doubled after each failure, never above {@code max}; back to
 * {@code min} after a successful connection. Not thread-safe: its owner guards it.
 */
final class ReconnectDelays {

    private final long minMillis;
    private final long maxMillis;
    private long nextMillis;

    ReconnectDelays(Duration min, Duration max) {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || min.isZero()) {
            throw new IllegalArgumentException("reconnectMin : " + min + " (expected: > 0)");
        }
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("reconnectMax : " + max + " (expected: >= reconnectMin " + min + ")");
        }
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.nextMillis = minMillis;
    }

    long next() {
        long delay = nextMillis;
        nextMillis = delay >= maxMillis / 2 ? maxMillis : delay * 2;
        return delay;
    }

    void reset() {
        nextMillis = minMillis;
    }
}
