package io.minewatch.gateway.history;

import java.time.Duration;

/**
 * Chooses the resolution of a history so that a chart gets at most {@code maxPoints} points per sensor for any period:
 * raw readings while the period holds at most that many seconds (sensors report about once a second), otherwise the
 * finest step of a ladder of round durations (1 s … 7 d) that keeps the count within the bound. Round steps divide
 * one another, so the rollups of {@link InfluxRollups} (1 min, 10 min, 1 h) serve every step from 1 min up.
 */
public final class StepPolicy {

    public static final int DEFAULT_MAX_POINTS = 2_000;
    /** The most points per sensor an explicit step may ask for: a year at one minute. */
    public static final long MAX_EXPLICIT_POINTS = 600_000;

    static final long[] LADDER = {
        1_000, 2_000, 5_000, 10_000, 15_000, 30_000,
        60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
        3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000,
        86_400_000, 172_800_000, 604_800_000,
    };
    private static final long ASSUMED_INTERVAL_MILLIS = 1_000;

    private final int maxPoints;

    public StepPolicy(int maxPoints) {
        if (maxPoints < 10 || maxPoints > 100_000) {
            throw new IllegalArgumentException("maxPoints : " + maxPoints + " (expected: 10..100000)");
        }
        this.maxPoints = maxPoints;
    }

    public int maxPoints() {
        return maxPoints;
    }

    /** The resolution for {@code [from, to)}: the asked step when given, raw when {@code raw}, else automatic. */
    public Resolution choose(long fromMillis, long toMillis, Duration step, boolean raw) {
        if (toMillis <= fromMillis) {
            throw new IllegalArgumentException("to : " + java.time.Instant.ofEpochMilli(toMillis) + " (expected: after from "
                    + java.time.Instant.ofEpochMilli(fromMillis) + ")");
        }
        if (raw) {
            return Resolution.raw(false);
        }
        long period = toMillis - fromMillis;
        if (step != null) {
            long millis = step.toMillis();
            if (step.isNegative() || step.isZero() || step.getNano() % 1_000_000 != 0) {
                throw new IllegalArgumentException("step : " + step + " (expected: a positive whole number of ms)");
            }
            if (period / millis > MAX_EXPLICIT_POINTS) {
                throw new IllegalArgumentException("step : " + step + " (expected: at most " + MAX_EXPLICIT_POINTS
                        + " steps per sensor over the period; " + period / millis + " asked)");
            }
            return new Resolution(millis, false);
        }
        if (period / ASSUMED_INTERVAL_MILLIS <= maxPoints) {
            return Resolution.raw(true);
        }
        for (long candidate : LADDER) {
            // One more than period / step: the period widened to the grid may touch one more step.
            if (period / candidate + 1 <= maxPoints) {
                return new Resolution(candidate, true);
            }
        }
        long coarsest = -Math.floorDiv(-period, maxPoints - 1L);
        long day = LADDER[17];
        return new Resolution(-Math.floorDiv(-coarsest, day) * day, true);
    }
}
