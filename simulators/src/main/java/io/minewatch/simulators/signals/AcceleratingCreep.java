package io.minewatch.simulators.signals;

import java.time.Duration;

/**
 * Tertiary (accelerating) creep ending in slope failure, in the form Fukuzono found and the inverse-velocity method
 * relies on (DOMAIN.md §3): from {@code onsetMillis} the velocity is {@code v0 · (tf − t0) / (tf − t)}, so its inverse
 * {@code 1/v} falls on a straight line from {@code 1/v0} at the onset to zero at {@code failureMillis}. The
 * displacement is the integral, {@code v0 · (tf − t0) · ln((tf − t0) / (tf − t))}, which grows without bound at
 * failure; from {@link #LOST_BEFORE_FAILURE} before it the point is taken as lost with the slope and holds its last
 * position.
 *
 * @param onsetMillis               when acceleration starts
 * @param failureMillis             the failure the series leads to
 * @param onsetVelocityMillimetresPerDay velocity at the onset
 */
public record AcceleratingCreep(long onsetMillis, long failureMillis, double onsetVelocityMillimetresPerDay) {

    /** The last stretch before failure in which the point no longer moves with the slope. */
    public static final Duration LOST_BEFORE_FAILURE = Duration.ofMinutes(1);

    private static final double DAY_MILLIS = Duration.ofDays(1).toMillis();

    public AcceleratingCreep {
        if (failureMillis - onsetMillis <= 2 * LOST_BEFORE_FAILURE.toMillis()) {
            throw new IllegalArgumentException("failureMillis : " + failureMillis + " (expected: more than 2 min after"
                    + " onsetMillis " + onsetMillis + ")");
        }
        if (!(onsetVelocityMillimetresPerDay > 0 && onsetVelocityMillimetresPerDay <= 1_000)) {
            throw new IllegalArgumentException("onsetVelocityMillimetresPerDay : " + onsetVelocityMillimetresPerDay
                    + " (expected: above 0, up to 1000)");
        }
    }

    /** The velocity in mm/day at {@code epochMillis}: 0 before the onset. */
    public double velocityAt(long epochMillis) {
        if (epochMillis < onsetMillis) {
            return 0.0;
        }
        long t = Math.min(epochMillis, failureMillis - LOST_BEFORE_FAILURE.toMillis());
        return onsetVelocityMillimetresPerDay * (failureMillis - onsetMillis) / (failureMillis - t);
    }

    /** Displacement in mm gained since the onset. */
    public double displacementAt(long epochMillis) {
        if (epochMillis <= onsetMillis) {
            return 0.0;
        }
        long t = Math.min(epochMillis, failureMillis - LOST_BEFORE_FAILURE.toMillis());
        double span = failureMillis - onsetMillis;
        return onsetVelocityMillimetresPerDay * (span / DAY_MILLIS) * Math.log(span / (failureMillis - t));
    }

    public boolean failedAt(long epochMillis) {
        return epochMillis >= failureMillis;
    }
}
