package io.minewatch.simulators.signals;

import java.time.Duration;
import java.util.Objects;

/**
 * Cumulative surface displacement of a GNSS point on a dam slope in mm since its installation: steady creep at a
 * given rate, a slow multipath wander of ±0.3 mm and up to ±1.5 mm of solution noise per sample. At 0.5 mm/day the
 * slope is far from the 10 mm/day reference of DOMAIN.md §3.
 */
public final class GnssDisplacementSignal implements SignalModel {

    private static final double DAY_MILLIS = Duration.ofDays(1).toMillis();
    private static final double MULTIPATH = 0.3;
    private static final long MULTIPATH_PERIOD = Duration.ofHours(3).toMillis();
    private static final double SOLUTION_NOISE = 1.5;

    private final long installedAtMillis;
    private final double creepMillimetresPerDay;
    private final SeededNoise multipathNoise;
    private final SeededNoise solutionNoise;

    /**
     * @param noise                  the point's own noise
     * @param installedAtMillis      when the point was installed: its displacement counts from there
     * @param creepMillimetresPerDay the slope's steady creep rate
     */
    public GnssDisplacementSignal(SeededNoise noise, long installedAtMillis, double creepMillimetresPerDay) {
        Objects.requireNonNull(noise, "noise");
        if (!(Math.abs(creepMillimetresPerDay) <= 1_000)) {
            throw new IllegalArgumentException(
                    "creepMillimetresPerDay : " + creepMillimetresPerDay + " (expected: a finite rate within ±1000)");
        }
        this.installedAtMillis = installedAtMillis;
        this.creepMillimetresPerDay = creepMillimetresPerDay;
        this.multipathNoise = noise.fork(1);
        this.solutionNoise = noise.fork(2);
    }

    @Override
    public double valueAt(long epochMillis) {
        double creep = creepMillimetresPerDay * (epochMillis - installedAtMillis) / DAY_MILLIS;
        return creep
                + MULTIPATH * multipathNoise.smooth(epochMillis, MULTIPATH_PERIOD)
                + SOLUTION_NOISE * solutionNoise.gaussian(epochMillis);
    }
}
