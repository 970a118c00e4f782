package io.minewatch.collectors;

import java.time.Duration;
import java.util.Objects;

/**
 * Delays between a collector's reconnect attempts: {@code min}, then doubled after each failure, never above
 * {@code max}; back to {@code min} after a successful connection. Not thread-safe: its owner guards it.
 */
public final class ReconnectBackoff {

    private final long minMillis;
    private final long maxMillis;
    private long nextMillis;

    public ReconnectBackoff(Duration min, Duration max) {
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

    /** The delay before the next attempt; each call doubles the one after, up to the maximum. */
    public long nextDelayMillis() {
        long delay = nextMillis;
        nextMillis = delay >= maxMillis / 2 ? maxMillis : delay * 2;
        return delay;
    }

    /** After a successful connection, the next outage starts again at the minimum. */
    public void reset() {
        nextMillis = minMillis;
    }
}
