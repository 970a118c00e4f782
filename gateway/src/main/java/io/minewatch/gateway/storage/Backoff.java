package io.minewatch.gateway.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * Delays between retries of a write the store could not take: {@code initial}, doubling each time up to {@code max},
 * then {@code max} for as long as the outage lasts.
 */
public record Backoff(Duration initial, Duration max) {

    /** 100 ms doubling to 5 s: quick to notice a store that is back, gentle on one that is struggling. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial : " + initial + " (expected: > 0)");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max : " + max + " (expected: >= initial " + initial + ")");
        }
    }

    /** The delay after {@code current}. */
    public Duration next(Duration current) {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
