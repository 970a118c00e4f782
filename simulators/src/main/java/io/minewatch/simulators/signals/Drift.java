package io.minewatch.simulators.signals;

import java.time.Duration;
import java.util.Objects;

/**
 * A smooth random wander of at most {@code amplitude} either side, changing direction about once per {@code period}.
 */
public record Drift(double amplitude, Duration period) {

    public Drift {
        Objects.requireNonNull(period, "period");
        if (!(amplitude >= 0) || Double.isInfinite(amplitude)) {
            throw new IllegalArgumentException("amplitude : " + amplitude + " (expected: a finite number >= 0)");
        }
        if (period.toMillis() <= 0) {
            throw new IllegalArgumentException("period : " + period + " (expected: at least 1 ms)");
        }
    }

    public static Drift of(double amplitude, Duration period) {
        return new Drift(amplitude, period);
    }
}
